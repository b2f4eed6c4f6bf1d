// Decisions on suspended runs: one atomic transition per decision (run status + step wait + audit row),
// the audit trail, and the list of what waits. SQLite-specific; the CLI's approve/reject/input/cancel use it.
import type { ErrorInfo, RunRecord, RunStatus, StepRecord, StepWait, WaitDecision } from '../engine/types.js';
import { StepyardError } from '../errors/stepyard-error.js';
import type { JsonValue } from '../flow/types.js';
import { rowToRun, rowToStep, toJsonText, type RunRow, type StepRow } from './rows.js';
import type { SqliteRunStore } from './run-store.js';

/** One audited decision (spec: cli.approve). */
export interface DecisionRecord {
  runId: string;
  execId: string | null;
  stepId: string | null;
  kind: 'approval' | 'input' | 'cancel';
  decision: WaitDecision | 'cancelled';
  actor: string | null;
  comment: string | null;
  /** The answer of an input (masked when secret). */
  value: JsonValue;
  decidedAt: string;
}

/** A decision to record on a waiting execution. */
export interface WaitDecisionRequest {
  runId: string;
  execId: string;
  /** The run status the decision applies to; anything else is RUN_STATE_CONFLICT. */
  expect: 'waiting_for_approval' | 'waiting_for_input';
  decision: WaitDecision;
  /** The stored answer (already masked when secret). */
  value?: JsonValue;
  actor: string | null;
  comment: string | null;
  at: string;
}

/** A waiting execution with its run. */
export interface PendingWait {
  run: RunRecord;
  step: StepRecord;
}

const WAITING: readonly RunStatus[] = ['waiting_for_approval', 'waiting_for_input'];

/**
 * Record a decision on a waiting execution and re-queue its run, in ONE immediate transaction: the run's
 * compare-and-set `waiting_* → queued` (clearing its pid), the step's wait, and the audit row. When another
 * command decided first, nothing changes and RUN_STATE_CONFLICT is thrown (spec: state.transitions).
 */
// spec: cli.approve, state.transitions
export function decideWait(store: SqliteRunStore, request: WaitDecisionRequest): StepRecord {
  const { db } = store;
  const requeue = db.prepare(
    "UPDATE runs SET status = 'queued', pid = NULL, updated_at = @at WHERE id = @runId AND status = @expect",
  );
  const readStep = db.prepare("SELECT * FROM steps WHERE run_id = ? AND exec_id = ? AND status = 'waiting'");
  const writeWait = db.prepare("UPDATE steps SET wait = ? WHERE run_id = ? AND exec_id = ? AND status = 'waiting'");
  return db
    .transaction((): StepRecord => {
      if (requeue.run({ runId: request.runId, expect: request.expect, at: request.at }).changes !== 1) throw conflict(store, request.runId, `is not ${request.expect}`);
      const row = readStep.get(request.runId, request.execId) as StepRow | undefined;
      const step = row === undefined ? undefined : rowToStep(row);
      if (step === undefined || step.wait === null || step.wait.decision !== undefined) {
        throw new StepyardError('RUN_STATE_CONFLICT', `Step '${request.execId}' of run '${request.runId}' is not waiting for a decision`);
      }
      const wait: StepWait = { ...step.wait, decision: request.decision, actor: request.actor, comment: request.comment, decidedAt: request.at };
      if (request.value !== undefined) wait.value = request.value;
      writeWait.run(toJsonText(wait), request.runId, request.execId);
      insertDecision(store, {
        runId: request.runId,
        execId: request.execId,
        stepId: step.stepId,
        kind: request.decision === 'answered' ? 'input' : 'approval',
        decision: request.decision,
        actor: request.actor,
        comment: request.comment,
        value: request.value ?? null,
        decidedAt: request.at,
      });
      return { ...step, wait };
    })
    .immediate();
}

/** What cancelling a run not running any more (queued or waiting) needs. */
export interface CancelRequest {
  runId: string;
  from: readonly RunStatus[];
  actor: string | null;
  comment: string | null;
  at: string;
  error: ErrorInfo;
}

/**
 * Cancel a run that no process is running: `from → cancelled` as one compare-and-set, its unfinished step
 * records → cancelled, and the audit row, in one transaction. Returns false (changing nothing) when the
 * run is not in one of `from`.
 */
// spec: cli.cancel, exec.cancel
export function cancelIdleRun(store: SqliteRunStore, request: CancelRequest): boolean {
  const { db } = store;
  const cancelRun = db.prepare(
    `UPDATE runs SET status = 'cancelled', error = @error, ended_at = @at, updated_at = @at
     WHERE id = @runId AND status IN (SELECT value FROM json_each(@from))`,
  );
  const cancelSteps = db.prepare(
    `UPDATE steps SET status = 'cancelled', ended_at = @at
     WHERE run_id = @runId AND status IN ('pending', 'running', 'retrying', 'waiting')`,
  );
  return db
    .transaction((): boolean => {
      const params = { runId: request.runId, at: request.at, error: toJsonText(request.error), from: JSON.stringify(request.from) };
      if (cancelRun.run(params).changes !== 1) return false;
      cancelSteps.run({ runId: request.runId, at: request.at });
      insertDecision(store, {
        runId: request.runId,
        execId: null,
        stepId: null,
        kind: 'cancel',
        decision: 'cancelled',
        actor: request.actor,
        comment: request.comment,
        value: null,
        decidedAt: request.at,
      });
      return true;
    })
    .immediate();
}

/** Append an audit row. */
export function insertDecision(store: SqliteRunStore, decision: DecisionRecord): void {
  store.db
    .prepare(
      `INSERT INTO decisions (run_id, exec_id, step_id, kind, decision, actor, comment, value, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      decision.runId,
      decision.execId,
      decision.stepId,
      decision.kind,
      decision.decision,
      decision.actor,
      decision.comment,
      toJsonText(decision.value),
      decision.decidedAt,
    );
}

/** Every decision taken on a run, oldest first. */
export function listDecisions(store: SqliteRunStore, runId: string): DecisionRecord[] {
  const rows = store.db.prepare('SELECT * FROM decisions WHERE run_id = ? ORDER BY id').all(runId) as DecisionRow[];
  return rows.map((row) => ({
    runId: row.run_id,
    execId: row.exec_id,
    stepId: row.step_id,
    kind: row.kind as DecisionRecord['kind'],
    decision: row.decision as DecisionRecord['decision'],
    actor: row.actor,
    comment: row.comment,
    value: row.value === null ? null : (JSON.parse(row.value) as JsonValue),
    decidedAt: row.decided_at,
  }));
}

/**
 * Every execution waiting for a decision, oldest run first: records in status `waiting` that carry a wait
 * without a decision, of runs in a waiting status. Optionally only those of one run.
 */
// spec: cli.approvals
export function listPendingWaits(store: SqliteRunStore, runId?: string): PendingWait[] {
  const rows = store.db
    .prepare(
      `SELECT s.*, r.id AS r_id FROM steps s JOIN runs r ON r.id = s.run_id
       WHERE r.status IN (SELECT value FROM json_each(@waiting))
         AND (@runId IS NULL OR r.id = @runId)
         AND s.status = 'waiting' AND s.wait IS NOT NULL AND json_extract(s.wait, '$.decision') IS NULL
       ORDER BY r.created_at, r.id, s.seq`,
    )
    .all({ waiting: JSON.stringify(WAITING), runId: runId ?? null }) as StepRow[];
  const runs = new Map<string, RunRecord>();
  const selectRun = store.db.prepare('SELECT * FROM runs WHERE id = ?');
  return rows.map((row) => {
    let run = runs.get(row.run_id);
    if (run === undefined) {
      run = rowToRun(selectRun.get(row.run_id) as RunRow);
      runs.set(row.run_id, run);
    }
    return { run, step: rowToStep(row) };
  });
}

function conflict(store: SqliteRunStore, runId: string, what: string): StepyardError {
  const current = store.getRun(runId);
  if (current === undefined) return new StepyardError('RUN_NOT_FOUND', `Run '${runId}' does not exist`);
  return new StepyardError('RUN_STATE_CONFLICT', `Run '${runId}' ${what}: it is ${current.status}`, {
    hint: current.status === 'queued' || current.status === 'running' ? 'another command resumed it already' : `stepyard show ${runId}`,
  });
}

interface DecisionRow {
  run_id: string;
  exec_id: string | null;
  step_id: string | null;
  kind: string;
  decision: string;
  actor: string | null;
  comment: string | null;
  value: string | null;
  decided_at: string;
}
