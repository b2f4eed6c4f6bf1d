// spec: cli.approvals
// `stepyard approvals [--json]`: what waits for a person. On a terminal it offers Approve / Reject / Postpone for
// each waiting step and follows every run it resumes.
import { isStepyardError } from '../../errors/stepyard-error.js';
import { requireProjectRoot } from '../../project/root.js';
import { listPendingWaits, type PendingWait } from '../../storage/decisions.js';
import type { CommandContext, CommandInput } from '../context.js';
import { shouldUseTerminalFeatures } from '../render/ansi.js';
import { formatProblem } from '../render/error.js';
import { renderJson } from '../render/json.js';
import { formatApprovalDetails, formatApprovalList, promptDecision, type ApprovalItem } from '../render/prompt-decision.js';
import { promptForInput } from '../render/prompt-input.js';
import { toProblem } from '../../errors/to-problem.js';
import { recordDecision, resumeAfterDecision, type Answer, type DecisionKind } from './decide.js';
import { openHistory } from './history-store.js';
import { buildAnswer, toInputRequest } from './input.js';

/** The `approvals --json` result. */
export interface ApprovalsResult {
  ok: true;
  approvals: ApprovalItem[];
}

/** List what waits; interactive on a terminal (unless --json). Exit 0. */
export async function runApprovals(input: CommandInput, ctx: CommandContext): Promise<number> {
  const root = requireProjectRoot(ctx.cwd);
  const color = shouldUseTerminalFeatures(ctx.stdoutIsTTY, ctx.env);
  const json = input.options.json === true;
  if (!json && ctx.prompt !== undefined && ctx.stdinIsTTY === true && ctx.stdoutIsTTY === true) return reviewInteractively(root, ctx, color, {});
  const items = (await readPending(root)).map(toApprovalItem);
  if (json) ctx.stdout(renderJson({ ok: true, approvals: items } satisfies ApprovalsResult));
  else ctx.stdout(formatApprovalList(items, color));
  return 0;
}

/** A waiting execution as `approvals --json` lists it. */
export function toApprovalItem(wait: PendingWait): ApprovalItem {
  return {
    run_id: wait.run.id,
    flow: wait.run.flowName,
    flow_file: wait.run.flowFile,
    exec_id: wait.step.execId,
    step_id: wait.step.stepId,
    kind: wait.run.status === 'waiting_for_input' ? 'input' : 'approval',
    reason: wait.step.wait?.reason ?? '',
    since: wait.step.startedAt,
    asked: wait.step.wait?.data ?? null,
  };
}

/**
 * After an interactive `stepyard run` suspended: ask Approve / Reject / Postpone (or for the input), record the
 * decision, resume and follow the run, until it ends or the person postpones. Returns the exit code, as `run`.
 */
// spec: cli.run, cli.approvals
export async function reviewSuspendedRun(root: string, runId: string, ctx: CommandContext, options: { verbose: boolean; env?: Readonly<Record<string, string>> }): Promise<number> {
  const color = shouldUseTerminalFeatures(ctx.stdoutIsTTY, ctx.env);
  return reviewInteractively(root, ctx, color, { runId, ...options });
}

async function readPending(root: string, runId?: string): Promise<PendingWait[]> {
  const history = await openHistory(root);
  if (history === null) return [];
  try {
    return listPendingWaits(history.store, runId);
  } finally {
    history.close();
  }
}

interface ReviewScope {
  /** Only this run (an interactive `run`); then postponing ends the review. */
  runId?: string;
  verbose?: boolean;
  env?: Readonly<Record<string, string>>;
}

// One waiting step at a time, oldest first; postponed ones are not asked again in this session.
async function reviewInteractively(root: string, ctx: CommandContext, color: boolean, scope: ReviewScope): Promise<number> {
  const ask = ctx.prompt as (question: string) => Promise<string>;
  const postponed = new Set<string>();
  let exitCode = 0;
  for (;;) {
    const pending = (await readPending(root, scope.runId)).filter((wait) => !postponed.has(`${wait.run.id} ${wait.step.execId}`));
    const wait = pending[0];
    if (wait === undefined) {
      if (scope.runId !== undefined) {
        if (postponed.size > 0) ctx.stdout(`Postponed. Decide later: stepyard approvals (or approve / reject / input ${scope.runId}).\n`);
        return exitCode;
      }
      ctx.stdout(postponed.size === 0 ? 'Nothing is waiting for approval or input.\n' : `Nothing else is waiting (${postponed.size} postponed).\n`);
      return exitCode;
    }
    const item = toApprovalItem(wait);
    ctx.stdout(`\n${formatApprovalDetails(item, color)}`);
    const choice = await promptDecision(item.kind, ask);
    if (choice === 'postpone') {
      postponed.add(`${wait.run.id} ${wait.step.execId}`);
      continue;
    }
    try {
      const kind: DecisionKind = choice === 'approve' ? 'approve' : choice === 'reject' ? 'reject' : 'input';
      const answer: Answer = kind === 'input' ? await promptForInput(toInputRequest(item.asked), item.exec_id, ctx, buildAnswer) : {};
      const comment = kind === 'input' ? '' : (await ask('Comment (optional): ')).trim();
      const decided = await decide(root, wait, kind, answer, comment === '' ? null : comment, ctx);
      const follow = { json: false, verbose: scope.verbose === true, detach: false, ...(scope.env === undefined ? {} : { env: scope.env }) };
      const outcome = await resumeAfterDecision(root, wait.run, {}, answer, decided, follow, ctx);
      exitCode = scope.runId !== undefined ? outcome.exitCode : Math.max(exitCode, outcome.exitCode);
    } catch (error) {
      if (!isStepyardError(error)) throw error;
      // Someone else decided first, or the answer was refused: say so and go on with the next one.
      ctx.stderr(formatProblem(toProblem(error)));
      postponed.add(`${wait.run.id} ${wait.step.execId}`);
    }
  }
}

async function decide(root: string, wait: PendingWait, kind: DecisionKind, answer: Answer, comment: string | null, ctx: CommandContext) {
  const history = await openHistory(root, { reconcile: false });
  if (history === null) throw new Error('the state store disappeared');
  try {
    return recordDecision(history.store, wait, kind, answer, comment, ctx);
  } finally {
    history.close();
  }
}
