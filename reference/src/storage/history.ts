// History queries: list runs, clear finished runs (never active ones), retention.
import { rmSync } from 'node:fs';
import type { RunRecord, RunStatus } from '../engine/types.js';
import type { SqliteDatabase } from './database.js';
import { rowToRun, type RunRow } from './rows.js';

/** Filters of listRuns. */
export interface ListRunsFilter {
  flow?: string;
  status?: RunStatus | readonly RunStatus[];
  /** Default 20; 0 = no limit. */
  limit?: number;
  offset?: number;
}

/** Runs, newest first (by created_at, then id). */
// spec: state.store
export function listRuns(db: SqliteDatabase, filter: ListRunsFilter = {}): RunRecord[] {
  const statuses = filter.status === undefined ? null : JSON.stringify(typeof filter.status === 'string' ? [filter.status] : filter.status);
  const limit = filter.limit ?? 20;
  const rows = db
    .prepare(
      `SELECT * FROM runs
       WHERE (@flow IS NULL OR flow_name = @flow)
         AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
       ORDER BY created_at DESC, id DESC
       LIMIT @limit OFFSET @offset`,
    )
    .all({ flow: filter.flow ?? null, statuses, limit: limit === 0 ? -1 : limit, offset: filter.offset ?? 0 }) as RunRow[];
  return rows.map(rowToRun);
}

/** What clearHistory deletes. Active runs (queued, running, waiting_*) are never deleted. */
export interface ClearHistoryOptions {
  /** Only runs of this flow. */
  flow?: string;
  /** Keep the newest N finished runs of each flow. */
  keepLast?: number;
  /** Only runs created before this ISO timestamp. */
  before?: string;
  /** Delete the runs' log files too (default true). */
  deleteLogs?: boolean;
}

/** What clearHistory deleted. */
export interface ClearHistoryResult {
  deleted: number;
  runIds: string[];
}

const FINISHED = JSON.stringify(['completed', 'failed', 'cancelled']);

/** Delete finished runs and their steps (and log files), in one transaction. */
// spec: state.store
export function clearHistory(db: SqliteDatabase, options: ClearHistoryOptions = {}): ClearHistoryResult {
  const select = db.prepare(
    `SELECT id, log_path FROM (
       SELECT id, log_path, created_at,
              ROW_NUMBER() OVER (PARTITION BY flow_name ORDER BY created_at DESC, id DESC) AS rank
       FROM runs
       WHERE status IN (SELECT value FROM json_each(@finished))
         AND (@flow IS NULL OR flow_name = @flow)
     )
     WHERE rank > @keep AND (@before IS NULL OR created_at < @before)`,
  );
  const remove = db.prepare('DELETE FROM runs WHERE id = ? AND status IN (SELECT value FROM json_each(?))');
  const doomed = db.transaction(() => {
    const rows = select.all({
      finished: FINISHED,
      flow: options.flow ?? null,
      keep: Math.max(0, options.keepLast ?? 0),
      before: options.before ?? null,
    }) as { id: string; log_path: string | null }[];
    return rows.filter((row) => remove.run(row.id, FINISHED).changes === 1);
  }).immediate();
  if (options.deleteLogs !== false) {
    for (const row of doomed) if (row.log_path !== null) rmSync(row.log_path, { force: true });
  }
  return { deleted: doomed.length, runIds: doomed.map((row) => row.id) };
}

/** Retention policy: keep the newest `keepLast` finished runs per flow and drop those older than `maxAgeDays`. */
export interface RetentionPolicy {
  keepLast?: number;
  maxAgeDays?: number;
}

/**
 * Apply a retention policy. A run is deleted when it is finished, beyond the newest `keepLast` of
 * its flow, and (when maxAgeDays is given) older than that.
 */
export function applyRetention(db: SqliteDatabase, policy: RetentionPolicy, now: Date = new Date()): ClearHistoryResult {
  const before = policy.maxAgeDays === undefined ? undefined : new Date(now.getTime() - policy.maxAgeDays * 86_400_000).toISOString();
  return clearHistory(db, { keepLast: policy.keepLast ?? 0, ...(before === undefined ? {} : { before }) });
}

/**
 * Apply `keepLast` retention only when some flow has more than `keepLast` finished runs: one indexed count
 * instead of the window query and its write lock after every run. Returns what was deleted.
 */
// spec: cli.retention
export function applyRetentionWhenOver(db: SqliteDatabase, keepLast: number): ClearHistoryResult {
  const over = db
    .prepare(
      `SELECT 1 FROM runs WHERE status IN (SELECT value FROM json_each(?))
       GROUP BY flow_name HAVING COUNT(*) > ? LIMIT 1`,
    )
    .get(FINISHED, keepLast);
  return over === undefined ? { deleted: 0, runIds: [] } : applyRetention(db, { keepLast });
}
