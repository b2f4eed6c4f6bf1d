// Shared by the history commands: open the project's store (never creating it), reconcile dead runs,
// resolve run references, apply retention. spec: cli.history, cli.retention
import { existsSync } from 'node:fs';
import type { RunRecord } from '../../engine/types.js';
import { StepyardError } from '../../errors/stepyard-error.js';
import { reconcileRuns } from '../../runner/reconcile.js';
import { applyRetention } from '../../storage/history.js';
import { databasePath } from '../../storage/paths.js';
import { openStore, type SqliteRunStore } from '../../storage/run-store.js';

/** An open store of a project. */
export interface History {
  store: SqliteRunStore;
  close(): void;
}

/**
 * Opens the project's state store, or resolves to null when the project has none yet (a read command never
 * creates it). By default reconciles first: runs whose process is gone become failed (RUN_PROCESS_DIED).
 */
// spec: cli.history
export async function openHistory(root: string, options: { reconcile?: boolean } = {}): Promise<History | null> {
  if (!existsSync(databasePath(root))) return null;
  const store = openStore(root);
  try {
    if (options.reconcile !== false) reconcileRuns(store);
  } catch (error) {
    store.close();
    throw error;
  }
  return { store, close: () => store.close() };
}

/** Every run, newest first. */
export function listAllRuns(history: History | null): RunRecord[] {
  return history === null ? [] : history.store.listRuns({ limit: 0 });
}

/**
 * The run a reference names: an exact run id, else the one run whose id starts with it.
 * Throws RUN_NOT_FOUND (exit 4), or CLI_USAGE when the prefix matches several runs.
 */
// spec: cli.history
export function resolveRunReference(history: History | null, reference: string): RunRecord {
  const exact = history?.store.getRun(reference);
  if (exact !== undefined) return exact;
  const matches = reference === '' ? [] : listAllRuns(history).filter((run) => run.id.startsWith(reference));
  if (matches.length === 1) return matches[0] as RunRecord;
  if (matches.length > 1) {
    const shown = matches.slice(0, 5).map((run) => run.id).join(', ');
    throw new StepyardError('CLI_USAGE', `'${reference}' matches ${matches.length} runs: ${shown}${matches.length > 5 ? ', ...' : ''}`, {
      hint: 'type more of the run id',
    });
  }
  throw runNotFound(`no run '${reference}'`, history);
}

/** Finds the run a reference names without throwing; undefined when none (ambiguity still throws). */
export function findRunReference(history: History | null, reference: string): RunRecord | undefined {
  try {
    return resolveRunReference(history, reference);
  } catch (error) {
    if (error instanceof StepyardError && error.code === 'RUN_NOT_FOUND') return undefined;
    throw error;
  }
}

/** The newest run (of one flow, when given). */
export function latestRun(history: History | null, flow?: string): RunRecord | undefined {
  return history?.store.listRuns({ limit: 1, ...(flow === undefined ? {} : { flow }) })[0];
}

/** RUN_NOT_FOUND with a hint naming recent runs. */
export function runNotFound(message: string, history: History | null): StepyardError {
  const recent = history === null ? [] : history.store.listRuns({ limit: 5 });
  const hint = recent.length === 0 ? "no runs yet; start one with 'stepyard run FLOW'" : `recent runs: ${recent.map((run) => `${run.id} (${run.flowName})`).join(', ')}`;
  return new StepyardError('RUN_NOT_FOUND', message, { hint });
}

/** Delete finished runs (and their logs) beyond the newest `keep` of each flow (0 keeps all). Returns how many. */
// spec: cli.retention
export function applyHistoryRetention(store: SqliteRunStore, keep: number): number {
  if (keep === 0) return 0;
  try {
    return applyRetention(store.db, { keepLast: keep }).deleted;
  } catch {
    // Retention is housekeeping: a busy store skips it this time.
    return 0;
  }
}
