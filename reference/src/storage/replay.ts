// Prepare a replay: a new queued run holding copies of the source run's records before the replayed step.
import type { RunRecord, StepRecord, StepStatus } from '../engine/types.js';
import type { JsonValue } from '../flow/types.js';
import type { SqliteRunStore } from './run-store.js';

/** What a replay copies from its source run. */
export interface ReplayPlan {
  source: RunRecord;
  sourceSteps: readonly StepRecord[];
  /** The new run's id. */
  runId: string;
  /** The top-level step the replay executes again (its first execution and everything after it). */
  fromStepId: string;
  /** The new run's variables, as stored (secret-named values masked). */
  vars: Record<string, JsonValue>;
  at: string;
}

/** Statuses of records a replay reuses: everything before the replayed step finished one of these ways. */
const REUSABLE: ReadonlySet<StepStatus> = new Set(['completed', 'skipped', 'failed']);

/** The first top-level execution of a step in a run's records, or undefined when the run never reached it. */
export function findFirstExecution(steps: readonly StepRecord[], stepId: string): StepRecord | undefined {
  return steps.filter((step) => step.parentExecId === null && step.stepId === stepId).sort((a, b) => a.seq - b.seq)[0];
}

/**
 * Create the replay run (status `queued`, trigger `replay`, `replay_of` = the source) with copies of every
 * finished record created before the first execution of `fromStepId`, in one transaction. A run process then
 * claims it: its walk reuses the copies (outputs, loop items, `next` decisions) and executes from the step on.
 * Returns the copied execution ids. The caller checks that the source reached the step.
 */
// spec: exec.replay
export function createReplayRun(store: SqliteRunStore, plan: ReplayPlan): string[] {
  const from = findFirstExecution(plan.sourceSteps, plan.fromStepId);
  const limit = from?.seq ?? Number.POSITIVE_INFINITY;
  const copies = plan.sourceSteps.filter((step) => step.seq < limit && REUSABLE.has(step.status)).map((step) => ({ ...step, runId: plan.runId }));
  const run: RunRecord = {
    id: plan.runId,
    flowName: plan.source.flowName,
    flowFile: plan.source.flowFile,
    status: 'queued',
    vars: plan.vars,
    trigger: { type: 'replay', eventId: null, payload: plan.source.trigger.payload },
    pid: null,
    heartbeatAt: null,
    exitCode: null,
    exitSignal: null,
    error: null,
    logPath: null,
    createdAt: plan.at,
    startedAt: null,
    endedAt: null,
    updatedAt: plan.at,
    replayOf: plan.source.id,
  };
  store.db
    .transaction(() => {
      store.createRun(run);
      for (const copy of copies) store.saveStep(copy);
    })
    .immediate();
  return copies.map((copy) => copy.execId);
}
