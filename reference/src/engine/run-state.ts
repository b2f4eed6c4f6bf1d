// The mutable state of one run walk, the expression scope, and step-record bookkeeping.
import type { FlowDocument, JsonValue, StepSpec } from '../flow/types.js';
import type { Scope } from '../expressions/types.js';
import type { EngineEvent } from './events.js';
import { contextKeyOf } from './exec-ids.js';
import type { Redactor } from './redact.js';
import { redactWait } from './suspend.js';
import type { Clock, ErrorInfo, NodeInvoker, RunStore, StepKind, StepRecord, StepStatus } from './types.js';

/** A `steps.<id>` entry: `{output, error?}` plus, for groups, one key per child. */
export type StepEntry = Record<string, JsonValue>;

/** Everything one walk of a run shares. */
export interface RunState {
  runId: string;
  flow: FlowDocument;
  topLevelIds: readonly string[];
  store: RunStore;
  invoker: NodeInvoker;
  clock: Clock;
  emit: (event: EngineEvent) => void;
  redactor: Redactor;
  projectRoot: string;
  env: Readonly<Record<string, string>>;
  vars: Record<string, JsonValue>;
  trigger: JsonValue;
  /** The `steps` scope object (spec: exec.outputs). */
  steps: Record<string, StepEntry>;
  /** The `visits` scope object (spec: exec.visits). */
  visits: Record<string, number>;
  /** Answers handed to this run process directly (secret inputs), by execution id (spec: exec.input). */
  answers: Readonly<Record<string, JsonValue>>;
  /** Records of an earlier walk of this run (resume), by execution id. */
  prior: Map<string, StepRecord>;
  nextSeq: number;
  /** Aborted when the run is cancelled. */
  cancel: AbortSignal;
  globalVisitLimit: number;
}

/** Lexical position of a step: loop variables and the group entry children write into. */
export interface Frame {
  item: JsonValue | undefined;
  index: number | undefined;
  /** The enclosing group's entry, or null at top level. */
  group: StepEntry | null;
}

/** The frame of top-level steps. */
export const TOP_FRAME: Frame = { item: undefined, index: undefined, group: null };

/** The expression scope for a step in a frame (spec: exec.outputs, exec.loop). */
export function scopeOf(state: RunState, frame: Frame): Scope {
  const scope: Record<string, JsonValue> = {
    steps: state.steps,
    vars: state.vars,
    env: state.env,
    visits: state.visits,
    trigger: state.trigger,
  };
  if (frame.item !== undefined) scope.item = frame.item;
  if (frame.index !== undefined) scope.index = frame.index;
  return scope;
}

/** Publish a step's entry: `steps.<id>` at top level; `steps.<group>.<id>` and `steps['<flat exec id>']` in groups. */
export function publishEntry(state: RunState, frame: Frame, spec: StepSpec, execId: string, entry: StepEntry): void {
  if (frame.group === null) {
    state.steps[spec.id] = entry;
    return;
  }
  if (spec.id !== 'output' && spec.id !== 'error') frame.group[spec.id] = entry;
  state.steps[contextKeyOf(execId)] = entry;
}

/** The output of a failed unit: the node's own object output plus `error`, else `{error}`. */
export function failureOutput(output: JsonValue, error: ErrorInfo): JsonValue {
  if (output !== null && typeof output === 'object' && !Array.isArray(output)) return { ...output, error: error.message };
  return { error: error.message };
}

/** ISO 8601 UTC timestamp of the clock's now. */
export function isoNow(state: RunState): string {
  return new Date(state.clock.now()).toISOString();
}

/** A fresh record for an execution id, keeping the sequence number of an earlier walk's record. */
export function newRecord(
  state: RunState,
  init: { execId: string; stepId: string; parentExecId: string | null; kind: StepKind; iteration: number | null },
): StepRecord {
  const prior = state.prior.get(init.execId);
  return {
    runId: state.runId,
    execId: init.execId,
    stepId: init.stepId,
    parentExecId: init.parentExecId,
    kind: init.kind,
    status: 'pending',
    attempt: prior?.attempt ?? 0,
    seq: prior?.seq ?? state.nextSeq++,
    iteration: init.iteration,
    inputs: null,
    output: null,
    error: null,
    items: prior?.items ?? null,
    next: prior?.next ?? null,
    wait: prior?.wait ?? null,
    startedAt: null,
    endedAt: null,
  };
}

/** Persist a record (one write), redacting inputs, output and error. */
export async function persistRecord(state: RunState, record: StepRecord): Promise<void> {
  const { redactor } = state;
  await state.store.saveStep({
    ...record,
    inputs: record.inputs === null ? null : redactor.redact(record.inputs),
    output: record.output === null ? null : redactor.redact(record.output),
    error: record.error === null ? null : { ...record.error, message: redactor.redactText(record.error.message) },
    wait: record.wait === null ? null : redactWait(record.wait, redactor),
  });
}

/** Mark a record started (status running, start time) and persist it. */
export async function startRecord(state: RunState, record: StepRecord, status: StepStatus = 'running'): Promise<void> {
  record.status = status;
  record.startedAt = isoNow(state);
  await persistRecord(state, record);
  state.emit({
    type: 'step.started',
    run_id: state.runId,
    at: record.startedAt,
    exec_id: record.execId,
    step_id: record.stepId,
    kind: record.kind,
    parent_exec_id: record.parentExecId,
    iteration: record.iteration,
  });
}

/** How a unit (a node call, a group run, a loop) ended. */
export interface UnitResult {
  status: 'completed' | 'failed' | 'suspended' | 'cancelled';
  output: JsonValue;
  error: ErrorInfo | null;
  /** Execution id of the step waiting for approval/input (suspended only). */
  waitingOn?: string;
  waitReason?: string;
  /** A failure continue_on_error does not cover (if/loop evaluation, visit caps). */
  fatal?: boolean;
}

/** Finish a record from a unit result, persist it and emit step.completed / step.failed. */
export async function finishRecord(state: RunState, record: StepRecord, result: UnitResult, continued: boolean): Promise<void> {
  const at = isoNow(state);
  if (result.error !== null && result.error.step_id === undefined) result.error.step_id = record.execId;
  record.output = result.output;
  record.error = result.error;
  if (result.status === 'suspended') {
    record.status = 'waiting';
    await persistRecord(state, record);
    if (result.waitingOn === record.execId) {
      const reason = result.waitReason ?? 'approval_required';
      state.emit({ type: 'step.waiting', run_id: state.runId, at, exec_id: record.execId, step_id: record.stepId, reason });
    }
    return;
  }
  record.status = result.status;
  record.endedAt = at;
  await persistRecord(state, record);
  const durationMs = record.startedAt === null ? 0 : Date.parse(at) - Date.parse(record.startedAt);
  const base = { run_id: state.runId, at, exec_id: record.execId, step_id: record.stepId, kind: record.kind };
  if (result.status === 'completed') {
    state.emit({ ...base, type: 'step.completed', attempt: record.attempt, output: redactedOutput(state, result.output), duration_ms: durationMs });
  } else {
    const error = result.error ?? { code: 'INTERNAL', message: 'step failed without an error' };
    state.emit({
      ...base,
      type: 'step.failed',
      attempt: record.attempt,
      error: { ...error, message: state.redactor.redactText(error.message) },
      continued: continued && result.status === 'failed',
      duration_ms: durationMs,
    });
  }
}

function redactedOutput(state: RunState, output: JsonValue): JsonValue {
  return output === null || typeof output === 'number' || typeof output === 'boolean' ? output : state.redactor.redact(output);
}

/** Emit an engine log line (redacted). */
export function logLine(state: RunState, level: 'debug' | 'info' | 'warn' | 'error', message: string, execId?: string): void {
  const event: EngineEvent = { type: 'log', run_id: state.runId, at: isoNow(state), level, message: state.redactor.redactText(message) };
  if (execId !== undefined) event.exec_id = execId;
  state.emit(event);
}
