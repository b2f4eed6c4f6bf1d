// Crash recovery: a run whose process is gone is failed with RUN_PROCESS_DIED, never left `running`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorInfo, RunRecord, RunStatus, RunStore } from '../engine/types.js';
import type { ListRunsFilter } from '../storage/history.js';
import { openStore } from '../storage/run-store.js';

/** A heartbeat older than this marks a run dead even when its pid exists (the pid was reused). */
export const STALE_HEARTBEAT_MS = 5 * 60_000;

/** Whether a process exists and is not a zombie. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // Linux: a zombie (Z) or dead (X) process is gone for our purposes.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/s.test(stat);
  } catch {
    return true;
  }
}

/** What reconcileRuns needs of a store. */
export type ReconcilableStore = RunStore & { listRuns(filter?: ListRunsFilter): RunRecord[] };

/** Knobs of reconcileRuns (tests inject liveness and time). */
export interface ReconcileOptions {
  isAlive?: (pid: number) => boolean;
  now?: Date;
  staleAfterMs?: number;
}

/**
 * Fail every `running` run whose process is gone: its pid is dead, or it has no pid, or its heartbeat
 * is older than staleAfterMs. Returns the ids of the runs it failed. Any command may call this.
 */
// spec: exec.run-process, state.transitions
export function reconcileRuns(store: ReconcilableStore, options: ReconcileOptions = {}): string[] {
  const isAlive = options.isAlive ?? isProcessAlive;
  const now = options.now ?? new Date();
  const staleAfter = options.staleAfterMs ?? STALE_HEARTBEAT_MS;
  const failed: string[] = [];
  for (const run of store.listRuns({ status: 'running', limit: 0 })) {
    const beat = Date.parse(run.heartbeatAt ?? run.startedAt ?? run.createdAt);
    const stale = Number.isFinite(beat) && now.getTime() - beat > staleAfter;
    const dead = run.pid === null || !isAlive(run.pid) || stale;
    if (!dead) continue;
    const why = run.pid === null ? 'has no process' : stale ? `stopped its heartbeat (pid ${run.pid})` : `process ${run.pid} is gone`;
    const error: ErrorInfo = { code: 'RUN_PROCESS_DIED', message: `The run ${why}; marked failed` };
    if (store.transitionRun(run.id, ['running'], 'failed', { error, endedAt: now.toISOString() })) failed.push(run.id);
  }
  return failed;
}

/**
 * Record that a run process ended without a final status: fail the run if it is queued or running;
 * create a failed record when the process died before creating one. Returns the run's status.
 */
export async function markRunDied(
  projectRoot: string,
  runId: string,
  flowFile: string,
  error: ErrorInfo,
  exitCode: number | null,
  signal: NodeJS.Signals | null,
): Promise<RunStatus> {
  try {
    const store = openStore(projectRoot);
    try {
      const at = new Date().toISOString();
      const patch = { error, endedAt: at, exitCode, exitSignal: signal };
      if (store.transitionRun(runId, ['queued', 'running'], 'failed', patch)) return 'failed';
      const existing = store.getRun(runId);
      if (existing !== undefined) return existing.status;
      store.createRun(deadRun(runId, flowFile, error, exitCode, signal, at));
      return 'failed';
    } finally {
      store.close();
    }
  } catch {
    return 'failed';
  }
}

function deadRun(runId: string, flowFile: string, error: ErrorInfo, exitCode: number | null, signal: string | null, at: string): RunRecord {
  return {
    id: runId,
    flowName: path.basename(flowFile).replace(/\.[^.]+$/, ''),
    flowFile,
    status: 'failed',
    vars: {},
    trigger: { type: 'manual', eventId: null, payload: {} },
    pid: null,
    heartbeatAt: null,
    exitCode,
    exitSignal: signal,
    error,
    logPath: null,
    createdAt: at,
    startedAt: null,
    endedAt: at,
    updatedAt: at,
  };
}
