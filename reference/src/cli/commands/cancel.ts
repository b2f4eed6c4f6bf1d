// spec: cli.cancel
// `stepyard cancel RUN [--comment TEXT] [--json]`: a queued or waiting run becomes cancelled at once; a running one
// is asked to stop (its run process records the cancel), and is marked cancelled here if its process is gone.
import type { ErrorInfo, RunRecord, RunStatus } from '../../engine/types.js';
import { StepyardError } from '../../errors/stepyard-error.js';
import { requireProjectRoot } from '../../project/root.js';
import { isProcessAlive } from '../../runner/reconcile.js';
import { cancelIdleRun, insertDecision } from '../../storage/decisions.js';
import type { SqliteRunStore } from '../../storage/run-store.js';
import type { CommandContext, CommandInput } from '../context.js';
import { renderJson } from '../render/json.js';
import { resolveActor } from './decide.js';
import { openHistory, resolveRunReference, runNotFound } from './history-store.js';

/** How long to wait for a signalled run process to record the cancel before signalling it again. */
export const CANCEL_GRACE_MS = 5_000;
const POLL_MS = 100;
const IDLE: readonly RunStatus[] = ['queued', 'waiting_for_approval', 'waiting_for_input'];

/** The `cancel --json` result (approvals-result.schema.json#/$defs/cancel). */
export interface CancelResult {
  ok: true;
  run_id: string;
  previous_status: RunStatus;
  status: 'cancelled';
  /** Whether a run process was signalled. */
  signalled: boolean;
}

/** Cancel RUN. Exit 0 when it is cancelled, 4 unknown run, 5 when it already ended. */
export async function runCancel(input: CommandInput, ctx: CommandContext): Promise<number> {
  const root = requireProjectRoot(ctx.cwd);
  const comment = typeof input.options.comment === 'string' ? input.options.comment : null;
  const history = await openHistory(root, { reconcile: false });
  if (history === null) throw runNotFound(`no run '${String(input.args[0])}'`, history);
  try {
    const run = resolveRunReference(history, String(input.args[0]));
    const actor = resolveActor(ctx.env);
    const result = await cancelRun(history.store, run, actor, comment);
    if (input.options.json === true) ctx.stdout(renderJson(result));
    else ctx.stdout(`Run ${run.id} cancelled (was ${result.previous_status}).\n`);
    return 0;
  } finally {
    history.close();
  }
}

/** Cancel a run whatever its active status; throws RUN_STATE_CONFLICT when it already ended. */
// spec: cli.cancel, state.transitions
export async function cancelRun(store: SqliteRunStore, run: RunRecord, actor: string | null, comment: string | null): Promise<CancelResult> {
  const at = (): string => new Date().toISOString();
  const error: ErrorInfo = { code: 'RUN_CANCELLED', message: `Run cancelled${actor === null ? '' : ` by ${actor}`}${comment === null ? '' : `: ${comment}`}` };
  let current = run;
  for (let round = 0; round < 3; round++) {
    if (IDLE.includes(current.status)) {
      if (cancelIdleRun(store, { runId: run.id, from: IDLE, actor, comment, at: at(), error })) {
        return { ok: true, run_id: run.id, previous_status: current.status, status: 'cancelled', signalled: false };
      }
    } else if (current.status === 'running') {
      return cancelRunning(store, current, actor, comment, error);
    } else throw ended(current);
    current = store.getRun(run.id) ?? current;
  }
  throw ended(current);
}

// spec: exec.cancel — the run process stops its node and records `cancelled` itself; a second signal ends it at once.
async function cancelRunning(store: SqliteRunStore, run: RunRecord, actor: string | null, comment: string | null, error: ErrorInfo): Promise<CancelResult> {
  const base = { ok: true as const, run_id: run.id, previous_status: 'running' as const, status: 'cancelled' as const };
  let signalled = false;
  for (const signal of ['SIGTERM', 'SIGTERM'] as const) {
    if (run.pid === null || !isProcessAlive(run.pid)) break;
    try {
      process.kill(run.pid, signal);
      signalled = true;
    } catch {
      break;
    }
    const after = await waitWhileRunning(store, run.id, CANCEL_GRACE_MS);
    if (after.status === 'cancelled') {
      audit(store, run.id, actor, comment);
      return { ...base, signalled };
    }
    if (after.status !== 'running') throw ended(after);
  }
  // The process is gone (or deaf): record the cancel ourselves, with the same compare-and-set.
  const at = new Date().toISOString();
  if (cancelIdleRun(store, { runId: run.id, from: ['running'], actor, comment, at, error })) return { ...base, signalled };
  const now = store.getRun(run.id);
  if (now?.status === 'cancelled') return { ...base, signalled };
  throw ended(now ?? run);
}

async function waitWhileRunning(store: SqliteRunStore, runId: string, limitMs: number): Promise<RunRecord> {
  const until = Date.now() + limitMs;
  for (;;) {
    const run = store.getRun(runId);
    if (run === undefined) throw new StepyardError('RUN_NOT_FOUND', `Run '${runId}' disappeared`);
    if (run.status !== 'running' || Date.now() >= until) return run;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function audit(store: SqliteRunStore, runId: string, actor: string | null, comment: string | null): void {
  insertDecision(store, { runId, execId: null, stepId: null, kind: 'cancel', decision: 'cancelled', actor, comment, value: null, decidedAt: new Date().toISOString() });
}

function ended(run: RunRecord): StepyardError {
  return new StepyardError('RUN_STATE_CONFLICT', `Run '${run.id}' is ${run.status}; only a queued, running or waiting run can be cancelled`, {
    hint: `stepyard show ${run.id}`,
  });
}
