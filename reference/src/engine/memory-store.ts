// An in-memory RunStore: same contract as the SQLite store, for tests and in-process replays.
import type { RunPatch, RunRecord, RunStatus, RunStore, StepRecord } from './types.js';

/** An in-memory RunStore with its maps exposed for inspection. */
export interface MemoryRunStore extends RunStore {
  readonly runs: Map<string, RunRecord>;
  readonly steps: Map<string, Map<string, StepRecord>>;
}

/** Create an empty in-memory store. Records are copied in and out (no shared mutation). */
export function createMemoryRunStore(): MemoryRunStore {
  const runs = new Map<string, RunRecord>();
  const steps = new Map<string, Map<string, StepRecord>>();
  const clone = <T>(value: T): T => structuredClone(value);
  return {
    runs,
    steps,
    createRun(run) {
      if (runs.has(run.id)) throw new Error(`run '${run.id}' exists`);
      runs.set(run.id, clone(run));
    },
    getRun(runId) {
      const run = runs.get(runId);
      return run === undefined ? undefined : clone(run);
    },
    transitionRun(runId: string, from: readonly RunStatus[], to: RunStatus, patch: RunPatch = {}) {
      const run = runs.get(runId);
      if (run === undefined || !from.includes(run.status)) return false;
      runs.set(runId, { ...run, ...clone(patch), status: to, updatedAt: new Date().toISOString() });
      return true;
    },
    patchRun(runId, patch) {
      const run = runs.get(runId);
      if (run !== undefined) runs.set(runId, { ...run, ...clone(patch) });
    },
    listSteps(runId) {
      return [...(steps.get(runId)?.values() ?? [])].sort((a, b) => a.seq - b.seq).map(clone);
    },
    saveStep(step) {
      let byExec = steps.get(step.runId);
      if (byExec === undefined) steps.set(step.runId, (byExec = new Map()));
      const seq = byExec.get(step.execId)?.seq ?? step.seq;
      byExec.set(step.execId, { ...clone(step), seq });
    },
  };
}
