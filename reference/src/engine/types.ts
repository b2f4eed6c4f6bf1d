// Records, outcomes and the ports the engine talks to (RunStore, Clock, NodeInvoker). No I/O here.
import type { JsonValue } from '../flow/types.js';
import type { ErrorInfo, NodeCall, NodeInvoker, NodeResult } from '../nodes/types.js';

export type { ErrorInfo, NodeCall, NodeInvoker, NodeResult };

/** A value or a promise of it: ports may be synchronous (SQLite) or asynchronous (a server). */
export type MaybePromise<T> = T | Promise<T>;

/** spec: state.run-record */
export type RunStatus =
  | 'queued'
  | 'running'
  | 'waiting_for_approval'
  | 'waiting_for_input'
  | 'completed'
  | 'failed'
  | 'cancelled';

/** spec: state.step-record */
export type StepStatus = 'pending' | 'running' | 'retrying' | 'waiting' | 'completed' | 'failed' | 'skipped' | 'cancelled';

/** What a step record stands for: a plain node call, a group, or the parent record of a loop/while. */
export type StepKind = 'node' | 'group' | 'loop' | 'while';

/** The navigation decision taken after a top-level step (spec: exec.next). */
export type NextDecision = { kind: 'default' } | { kind: 'end' } | { kind: 'goto'; target: string };

/** How a run was started (spec: exec.vars, `trigger` scope). */
export interface TriggerInfo {
  /** `manual`, `replay`, `cron`, `interval`, `startup` or a plugin trigger name. */
  type: string;
  eventId: string | null;
  payload: JsonValue;
}

/** How a person resolved a wait: approved or rejected an approval, or answered an input request. */
export type WaitDecision = 'approved' | 'rejected' | 'answered';

/** Suspension bookkeeping of a step waiting for approval or input (spec: exec.approval, exec.input). */
export interface StepWait {
  reason: string;
  /** Set by whoever resolves the wait; the engine reads it on resume. */
  decision?: WaitDecision;
  /** Free data for the resolver (prompt, choices, resolved inputs), masked when stored. */
  data?: JsonValue;
  /** The answer of an `answered` decision (masked when the input is secret). */
  value?: JsonValue;
  /** Who decided (the operating-system user of the deciding command, unless told otherwise). */
  actor?: string | null;
  comment?: string | null;
  /** ISO 8601 UTC time of the decision. */
  decidedAt?: string | null;
}

/** One persisted run (spec: state.run-record). Timestamps are ISO 8601 UTC strings. */
export interface RunRecord {
  id: string;
  flowName: string;
  flowFile: string | null;
  status: RunStatus;
  /** Variables of the run, secret-looking names masked. */
  vars: Record<string, JsonValue>;
  trigger: TriggerInfo;
  pid: number | null;
  heartbeatAt: string | null;
  exitCode: number | null;
  exitSignal: string | null;
  error: ErrorInfo | null;
  logPath: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  updatedAt: string;
  /** For a replay (trigger type `replay`): the run it replays (spec: exec.replay). */
  replayOf?: string | null;
}

/** Fields that may change together with a run status transition. */
export type RunPatch = Partial<
  Pick<RunRecord, 'pid' | 'heartbeatAt' | 'exitCode' | 'exitSignal' | 'error' | 'logPath' | 'startedAt' | 'endedAt'>
>;

/** One persisted execution of a step, keyed by (runId, execId) (spec: state.step-record). */
export interface StepRecord {
  runId: string;
  /** `id`, `id#2`, `loop[3]`, `grp.c1` (spec: exec.outputs). */
  execId: string;
  /** The step id as written in the flow. */
  stepId: string;
  parentExecId: string | null;
  kind: StepKind;
  status: StepStatus;
  /** Attempts started so far (0 for records that never called a node). */
  attempt: number;
  /** Creation order inside the run; kept when the record is updated. */
  seq: number;
  /** 1-based iteration number for loop/while iterations, else null. */
  iteration: number | null;
  /** Resolved inputs, redacted. */
  inputs: JsonValue;
  output: JsonValue;
  error: ErrorInfo | null;
  /** The resolved loop list (loop parents), so a resume iterates the same items. */
  items: JsonValue[] | null;
  /** The navigation decision of a top-level visit, so a resume follows the same path. */
  next: NextDecision | null;
  wait: StepWait | null;
  startedAt: string | null;
  endedAt: string | null;
}

/** The persistence port. One writer per run (the process that claimed it). */
export interface RunStore {
  createRun(run: RunRecord): MaybePromise<void>;
  getRun(runId: string): MaybePromise<RunRecord | undefined>;
  /**
   * Atomically move a run from one of `from` to `to` (one `UPDATE ... WHERE status IN (...)`).
   * Returns false, changing nothing, when the run is not in one of `from`.
   */
  transitionRun(runId: string, from: readonly RunStatus[], to: RunStatus, patch?: RunPatch): MaybePromise<boolean>;
  /** Update non-status fields (heartbeat, pid, log path). */
  patchRun(runId: string, patch: RunPatch): MaybePromise<void>;
  listSteps(runId: string): MaybePromise<StepRecord[]>;
  /** Insert or replace the record with this (runId, execId). */
  saveStep(step: StepRecord): MaybePromise<void>;
}

/** Time source. The fake clock makes retry backoff instant in tests. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Wait `ms`; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** How a run ended, as runFlow returns it. */
export interface RunOutcome {
  runId: string;
  status: RunStatus;
  error: ErrorInfo | null;
  /** The execution id of the step the run waits on, for suspended runs. */
  waitingOn: string | null;
}
