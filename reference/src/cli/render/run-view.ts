// The state of a run as the live view shows it, folded from engine events. Pure: no I/O, no clock reads.
import type { EngineEvent } from '../../engine/events.js';
import type { ErrorInfo, RunStatus, StepKind } from '../../engine/types.js';

/** How a step row looks right now. */
export type RowStatus = 'running' | 'retrying' | 'waiting' | 'completed' | 'failed' | 'skipped' | 'cancelled';

/** One step execution in the live view. */
export interface StepRow {
  execId: string;
  stepId: string;
  kind: StepKind;
  /** 0 for top-level steps, +1 per enclosing group/loop. */
  depth: number;
  status: RowStatus;
  /** Epoch ms of the (latest) start. */
  startedAt: number;
  durationMs: number | null;
  attempt: number;
  /** Short explanation: error code, skip reason, retry delay. */
  note: string | null;
}

/** Everything the live view draws. */
export interface RunView {
  runId: string | null;
  flow: string | null;
  status: 'starting' | RunStatus;
  error: ErrorInfo | null;
  startedAt: number | null;
  durationMs: number | null;
  rows: StepRow[];
  /** The most recent log lines, oldest first. */
  logs: string[];
  cancelling: boolean;
}

/** How many log lines the view keeps. */
export const VIEW_LOG_LINES = 5;

/** An empty view, before the run process reported anything. */
export function createRunView(): RunView {
  return { runId: null, flow: null, status: 'starting', error: null, startedAt: null, durationMs: null, rows: [], logs: [], cancelling: false };
}

/** Fold one event into the view (mutates it). */
export function applyRunEvent(view: RunView, event: EngineEvent): void {
  const at = Date.parse(event.at);
  switch (event.type) {
    case 'run.started':
      view.runId = event.run_id;
      view.flow = event.flow;
      view.status = 'running';
      view.startedAt = at;
      return;
    case 'step.started': {
      const parent = event.parent_exec_id === null ? undefined : findRow(view, event.parent_exec_id);
      const existing = findRow(view, event.exec_id);
      const row: StepRow = existing ?? {
        execId: event.exec_id,
        stepId: event.step_id,
        kind: event.kind,
        depth: parent === undefined ? 0 : parent.depth + 1,
        status: 'running',
        startedAt: at,
        durationMs: null,
        attempt: 1,
        note: null,
      };
      if (existing === undefined) view.rows.push(row);
      else Object.assign(row, { status: 'running', startedAt: at, durationMs: null, note: null });
      return;
    }
    case 'step.retrying':
      updateRow(view, event.exec_id, { status: 'retrying', attempt: event.attempt + 1, note: `attempt ${event.attempt} failed (${event.error.code}), retrying` });
      return;
    case 'step.completed':
      updateRow(view, event.exec_id, { status: 'completed', durationMs: event.duration_ms, attempt: event.attempt, note: null });
      return;
    case 'step.failed':
      updateRow(view, event.exec_id, {
        status: event.error.code === 'RUN_CANCELLED' ? 'cancelled' : 'failed',
        durationMs: event.duration_ms,
        attempt: event.attempt,
        note: `${event.error.code}${event.continued ? ' (continued)' : ''}`,
      });
      return;
    case 'step.skipped':
      ensureRow(view, event.exec_id, event.step_id, at);
      updateRow(view, event.exec_id, { status: 'skipped', durationMs: null, note: event.reason === 'condition' ? 'skipped: condition false' : 'skipped: empty loop' });
      return;
    case 'step.waiting':
      updateRow(view, event.exec_id, { status: 'waiting', note: event.reason });
      return;
    case 'log':
      view.logs.push(event.exec_id === undefined ? event.message : `${event.exec_id} │ ${event.message}`);
      if (view.logs.length > VIEW_LOG_LINES) view.logs.splice(0, view.logs.length - VIEW_LOG_LINES);
      return;
    case 'run.completed':
      view.status = 'completed';
      view.durationMs = event.duration_ms;
      return;
    case 'run.failed':
      view.status = 'failed';
      view.error = event.error;
      view.durationMs = event.duration_ms;
      markRunning(view, 'failed');
      return;
    case 'run.cancelled':
      view.status = 'cancelled';
      view.error = event.error;
      view.durationMs = event.duration_ms;
      markRunning(view, 'cancelled');
      return;
    case 'run.suspended':
      view.status = event.status;
      return;
  }
}

function findRow(view: RunView, execId: string): StepRow | undefined {
  for (let i = view.rows.length - 1; i >= 0; i--) if (view.rows[i]?.execId === execId) return view.rows[i];
  return undefined;
}

function updateRow(view: RunView, execId: string, patch: Partial<StepRow>): void {
  const row = findRow(view, execId);
  if (row !== undefined) Object.assign(row, patch);
}

// A skipped step never started: give it a row (nested under its dotted parent when there is one).
function ensureRow(view: RunView, execId: string, stepId: string, at: number): void {
  if (findRow(view, execId) !== undefined) return;
  const dot = execId.lastIndexOf('.');
  const parent = dot === -1 ? undefined : findRow(view, execId.slice(0, dot));
  view.rows.push({ execId, stepId, kind: 'node', depth: parent === undefined ? 0 : parent.depth + 1, status: 'skipped', startedAt: at, durationMs: null, attempt: 0, note: null });
}

// Rows still running when the run ends did not finish.
function markRunning(view: RunView, status: 'failed' | 'cancelled'): void {
  for (const row of view.rows) if (row.status === 'running' || row.status === 'retrying') row.status = status;
}
