// The core of approve / reject / input: find the waiting step, record the decision atomically, then resume the
// run in a fresh run process and follow it. spec: cli.approve, cli.reject, cli.input
import { userInfo } from 'node:os';
import { MASK } from '../../engine/redact.js';
import type { RunRecord, StepRecord, WaitDecision } from '../../engine/types.js';
import { StepyardError } from '../../errors/stepyard-error.js';
import type { JsonValue } from '../../flow/types.js';
import { requireProjectRoot } from '../../project/root.js';
import { decideWait, listPendingWaits, type PendingWait } from '../../storage/decisions.js';
import type { SqliteRunStore } from '../../storage/run-store.js';
import type { CommandContext, CommandInput } from '../context.js';
import { startAndFollow, type FollowOutcome } from './follow-run.js';
import { openHistory, resolveRunReference, runNotFound } from './history-store.js';
import { optionList, parseVarOptions } from './run-inputs.js';

/** Which command decides. */
export type DecisionKind = 'approve' | 'reject' | 'input';

/** An answer for an input wait: the value to store and, for secret inputs, the value handed over directly. */
export interface Answer {
  /** Stored on the step (absent for secret inputs and for "use the default"). */
  stored?: JsonValue;
  /** Handed to the run process only (secret inputs). */
  direct?: JsonValue;
}

/** Turns the waiting step into an answer (input only); throws INPUT_VALUE_INVALID / CLI_USAGE. */
export type AnswerFor = (wait: PendingWait) => Promise<Answer>;

/** Who decides: STEPYARD_ACTOR, else the operating-system user. */
export function resolveActor(env: Readonly<Record<string, string | undefined>>): string | null {
  const fromEnv = env.STEPYARD_ACTOR?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? null;
  }
}

const EXPECTED: Record<DecisionKind, 'waiting_for_approval' | 'waiting_for_input' | null> = {
  approve: 'waiting_for_approval',
  input: 'waiting_for_input',
  reject: null,
};

/** `approve|reject|input RUN [--step S] [--comment T] [--var K=V]... [--json] [--detach] [-v]`. */
export async function runDecision(input: CommandInput, ctx: CommandContext, kind: DecisionKind, answerFor?: AnswerFor): Promise<number> {
  const options = input.options;
  const root = requireProjectRoot(ctx.cwd);
  const stepRef = typeof options.step === 'string' ? options.step : undefined;
  const comment = typeof options.comment === 'string' ? options.comment : null;
  const vars = parseVarOptions(optionList(options.var));
  const history = await openHistory(root);
  let run: RunRecord;
  let decided: StepRecord;
  let answer: Answer = {};
  try {
    if (history === null) throw runNotFound(`no run '${String(input.args[0])}'`, history);
    run = resolveRunReference(history, String(input.args[0]));
    const wait = pickWait(kind, run, listPendingWaits(history.store, run.id), history.store.listSteps(run.id), stepRef);
    if (answerFor !== undefined) answer = await answerFor(wait);
    decided = recordDecision(history.store, wait, kind, answer, comment, ctx);
  } finally {
    history?.close();
  }
  warnMaskedVars(run, vars, ctx);
  if (run.flowFile === null) throw new StepyardError('INTERNAL', `run ${run.id} has no flow file to resume`);
  const verb = kind === 'approve' ? 'approved' : kind === 'reject' ? 'rejected' : 'answered';
  if (options.json !== true) ctx.stderr(`${decided.execId} ${verb}; resuming run ${run.id}\n`);
  const outcome = await resumeAfterDecision(root, run, vars, answer, decided, { json: options.json === true, verbose: options.verbose === true, detach: options.detach === true }, ctx);
  return outcome.exitCode;
}

/**
 * Record a decision on a waiting execution: one atomic transition (the run back to `queued`, the step's wait, the
 * audit row); a concurrent decision makes this RUN_STATE_CONFLICT. Returns the decided record.
 */
// spec: state.transitions, cli.approve
export function recordDecision(store: SqliteRunStore, wait: PendingWait, kind: DecisionKind, answer: Answer, comment: string | null, ctx: CommandContext): StepRecord {
  return decideWait(store, {
    runId: wait.run.id,
    execId: wait.step.execId,
    expect: wait.run.status as 'waiting_for_approval' | 'waiting_for_input',
    decision: decisionOf(kind),
    ...(answer.stored === undefined ? {} : { value: answer.stored }),
    actor: resolveActor(ctx.env),
    comment,
    at: new Date().toISOString(),
  });
}

/** Resume a run whose decision was just recorded. */
export async function resumeAfterDecision(
  root: string,
  run: RunRecord,
  vars: Record<string, JsonValue>,
  answer: Answer,
  decided: StepRecord,
  follow: { json: boolean; verbose: boolean; detach: boolean; env?: Readonly<Record<string, string>> },
  ctx: CommandContext,
): Promise<FollowOutcome> {
  const answers = answer.direct === undefined ? undefined : { [decided.execId]: answer.direct };
  return startAndFollow({ root, runId: run.id, flowFile: run.flowFile ?? '', vars, ...(answers === undefined ? {} : { answers }) }, follow, ctx);
}

/**
 * The waiting execution a decision applies to: `--step` (an execution id or a step id) or the only one waiting.
 * Throws RUN_STATE_CONFLICT when the run is not waiting for this kind of decision, STEP_NOT_FOUND for an
 * unknown step, CLI_USAGE when several wait and no --step says which.
 */
// spec: cli.approve
export function pickWait(kind: DecisionKind, run: RunRecord, pending: readonly PendingWait[], steps: readonly StepRecord[], stepRef: string | undefined): PendingWait {
  const expected = EXPECTED[kind];
  const waiting = run.status === 'waiting_for_approval' || run.status === 'waiting_for_input';
  if (!waiting || (expected !== null && run.status !== expected)) {
    const hint = run.status === 'waiting_for_input' ? `answer it: stepyard input ${run.id} --value VALUE` : run.status === 'waiting_for_approval' ? `approve it: stepyard approve ${run.id}` : `stepyard show ${run.id}`;
    const wanted = expected ?? 'waiting for approval or input';
    throw new StepyardError('RUN_STATE_CONFLICT', `Run '${run.id}' is ${run.status}, not ${wanted}`, { hint });
  }
  const candidates = stepRef === undefined ? pending : pending.filter((w) => w.step.execId === stepRef || w.step.stepId === stepRef);
  if (candidates.length === 1) return candidates[0] as PendingWait;
  const ids = pending.map((w) => w.step.execId);
  if (candidates.length > 1) {
    throw new StepyardError('CLI_USAGE', `Several executions of '${stepRef ?? run.id}' wait: ${ids.join(', ')}`, { hint: 'pass --step EXEC_ID' });
  }
  if (stepRef !== undefined && !steps.some((s) => s.execId === stepRef || s.stepId === stepRef)) {
    throw new StepyardError('STEP_NOT_FOUND', `Run '${run.id}' has no step '${stepRef}'`, { hint: `waiting: ${ids.join(', ') || 'nothing'}` });
  }
  throw new StepyardError('RUN_STATE_CONFLICT', `${stepRef === undefined ? `Nothing in run '${run.id}'` : `Step '${stepRef}'`} is waiting for a decision`, {
    hint: ids.length === 0 ? `stepyard show ${run.id}` : `waiting: ${ids.join(', ')}`,
  });
}

function decisionOf(kind: DecisionKind): WaitDecision {
  return kind === 'approve' ? 'approved' : kind === 'reject' ? 'rejected' : 'answered';
}

// spec: exec.vars — secret-named variables are stored masked; a resume sees *** unless they are given again.
function warnMaskedVars(run: RunRecord, given: Record<string, JsonValue>, ctx: CommandContext): void {
  const missing = Object.entries(run.vars)
    .filter(([name, value]) => value === MASK && !(name in given))
    .map(([name]) => name);
  if (missing.length > 0) ctx.stderr(`warning: ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} stored masked; the resumed run sees '***' unless given again with --var NAME=VALUE\n`);
}
