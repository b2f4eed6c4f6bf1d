// SqliteRunStore: the engine's RunStore port on better-sqlite3, plus history queries. Prepared statements only.
import type { Statement } from 'better-sqlite3';
import type { RunPatch, RunRecord, RunStatus, RunStore, StepRecord } from '../engine/types.js';
import { openDatabase, type SqliteDatabase } from './database.js';
import {
  clearHistory,
  listRuns,
  type ClearHistoryOptions,
  type ClearHistoryResult,
  type ListRunsFilter,
} from './history.js';
import { databasePath } from './paths.js';
import { STEP_COLUMNS, rowToRun, rowToStep, runToParams, stepToParams, toJsonText, type RunRow, type StepRow } from './rows.js';

const PATCHABLE = [
  ['pid', 'pid'],
  ['heartbeatAt', 'heartbeat_at'],
  ['exitCode', 'exit_code'],
  ['exitSignal', 'exit_signal'],
  ['error', 'error'],
  ['logPath', 'log_path'],
  ['startedAt', 'started_at'],
  ['endedAt', 'ended_at'],
] as const;

/** STEP_COLUMNS starts with run_id, exec_id and seq: the key, and the order an execution was first seen in. */
const STEP_KEY_COLUMNS = 3;
/** What a later save of a step rewrites: everything but the key and seq (as the upsert's conflict branch). */
const STEP_UPDATE_COLUMNS = STEP_COLUMNS.slice(STEP_KEY_COLUMNS);
/** How many written steps a store remembers before it starts over (forgotten ones take the upsert again). */
const MAX_TRACKED_STEPS = 100_000;

// "SET col = CASE WHEN @has_col THEN @col ELSE col END" for every patchable column.
const PATCH_SET = PATCHABLE.map(([, column]) => `${column} = CASE WHEN @has_${column} THEN @${column} ELSE ${column} END`).join(', ');

/** A run with its step records in creation order. */
export interface RunWithSteps {
  run: RunRecord;
  steps: StepRecord[];
}

/** The SQLite implementation of RunStore (spec: state.store). One instance per process and database. */
export class SqliteRunStore implements RunStore {
  readonly db: SqliteDatabase;
  /** The project root, when opened with openStore (used to delete log files). */
  readonly projectRoot: string | null;
  private readonly insertRun: Statement;
  private readonly selectRun: Statement;
  private readonly updateRun: Statement;
  private readonly patchRunStatement: Statement;
  private readonly selectSteps: Statement;
  private readonly upsertStep: Statement;
  private readonly updateStep: Statement;
  private readonly closeOpenSteps: Statement;
  /** Steps this store has written (run id NUL exec id): their next save is a plain UPDATE. */
  private readonly savedSteps = new Set<string>();

  constructor(db: SqliteDatabase, projectRoot: string | null = null) {
    this.db = db;
    this.projectRoot = projectRoot;
    const runColumns = Object.keys(runToParams(emptyRun()));
    this.insertRun = db.prepare(`INSERT INTO runs (${runColumns.join(', ')}) VALUES (${runColumns.map((c) => `@${c}`).join(', ')})`);
    this.selectRun = db.prepare('SELECT * FROM runs WHERE id = ?');
    this.updateRun = db.prepare(
      `UPDATE runs SET status = @to, updated_at = @now, ${PATCH_SET}
       WHERE id = @id AND status IN (SELECT value FROM json_each(@from))`,
    );
    this.patchRunStatement = db.prepare(`UPDATE runs SET updated_at = @now, ${PATCH_SET} WHERE id = @id`);
    this.selectSteps = db.prepare('SELECT * FROM steps WHERE run_id = ? ORDER BY seq');
    this.closeOpenSteps = db.prepare(
      `UPDATE steps SET status = @status, ended_at = @now, error = COALESCE(error, @error)
       WHERE run_id = @id AND status IN ('pending', 'running', 'retrying', 'waiting')`,
    );
    const updates = STEP_COLUMNS.filter((c) => c !== 'run_id' && c !== 'exec_id' && c !== 'seq').map((c) => `${c} = excluded.${c}`);
    this.upsertStep = db.prepare(
      `INSERT INTO steps (${STEP_COLUMNS.join(', ')}) VALUES (${STEP_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (run_id, exec_id) DO UPDATE SET ${updates.join(', ')}`,
    );
    this.updateStep = db.prepare(`UPDATE steps SET ${STEP_UPDATE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE run_id = ? AND exec_id = ?`);
  }

  createRun(run: RunRecord): void {
    this.insertRun.run(runToParams(run));
  }

  getRun(runId: string): RunRecord | undefined {
    const row = this.selectRun.get(runId) as RunRow | undefined;
    return row === undefined ? undefined : rowToRun(row);
  }

  // spec: state.transitions — a single UPDATE ... WHERE status IN (...): two claimants cannot both win.
  // A run that ends failed or cancelled closes the step records its process left open (spec: state.transitions).
  transitionRun(runId: string, from: readonly RunStatus[], to: RunStatus, patch: RunPatch = {}): boolean {
    const now = nowIso();
    return this.db.transaction(() => {
      const result = this.updateRun.run({ ...patchParams(patch), id: runId, to, from: JSON.stringify(from), now });
      if (result.changes !== 1) return false;
      if (to === 'failed' || to === 'cancelled') {
        this.closeOpenSteps.run({ id: runId, status: to, now, error: toJsonText(patch.error ?? null) });
      }
      return true;
    }).immediate();
  }

  patchRun(runId: string, patch: RunPatch): void {
    this.patchRunStatement.run({ ...patchParams(patch), id: runId, now: nowIso() });
  }

  listSteps(runId: string): StepRecord[] {
    return (this.selectSteps.all(runId) as StepRow[]).map(rowToStep);
  }

  // Same row as the upsert, cheaper: an upsert that hits its conflict costs about twice a plain UPDATE, and every
  // step is saved at least twice (started, finished). Rows not known here (resume, another process) take the upsert.
  saveStep(step: StepRecord): void {
    const params = stepToParams(step);
    const key = `${step.runId}\u0000${step.execId}`;
    if (this.savedSteps.has(key) && this.updateStep.run(...params.slice(STEP_KEY_COLUMNS), step.runId, step.execId).changes === 1) return;
    this.upsertStep.run(...params);
    if (this.savedSteps.size >= MAX_TRACKED_STEPS) this.savedSteps.clear();
    this.savedSteps.add(key);
  }

  /** Runs, newest first, filtered by flow and status. */
  listRuns(filter: ListRunsFilter = {}): RunRecord[] {
    return listRuns(this.db, filter);
  }

  /** A run and its steps, or undefined. */
  getRunWithSteps(runId: string): RunWithSteps | undefined {
    const run = this.getRun(runId);
    return run === undefined ? undefined : { run, steps: this.listSteps(runId) };
  }

  /** Delete finished runs (never queued, running or waiting ones) and, with a project root, their logs. */
  clearHistory(options: ClearHistoryOptions = {}): ClearHistoryResult {
    return clearHistory(this.db, options);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Open `<projectRoot>/.stepyard/stepyard.db` (created and migrated on first use). */
export function openStore(projectRoot: string): SqliteRunStore {
  return new SqliteRunStore(openDatabase(databasePath(projectRoot)), projectRoot);
}

function patchParams(patch: RunPatch): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, column] of PATCHABLE) {
    const has = Object.hasOwn(patch, key) && patch[key] !== undefined;
    params[`has_${column}`] = has ? 1 : 0;
    const value = has ? patch[key] : null;
    params[column] = key === 'error' ? toJsonText(value as RunPatch['error']) : (value ?? null);
  }
  return params;
}

function nowIso(): string {
  return new Date().toISOString();
}

function emptyRun(): RunRecord {
  return {
    id: '',
    flowName: '',
    flowFile: null,
    status: 'queued',
    vars: {},
    trigger: { type: 'manual', eventId: null, payload: {} },
    pid: null,
    heartbeatAt: null,
    exitCode: null,
    exitSignal: null,
    error: null,
    logPath: null,
    createdAt: '',
    startedAt: null,
    endedAt: null,
    updatedAt: '',
  };
}
