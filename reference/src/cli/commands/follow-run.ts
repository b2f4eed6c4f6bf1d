// Start a run process for a run that already exists (resume after a decision, a prepared replay) and follow it
// like `stepyard run` does: live or plain progress, the summary or the RUN RESULT, the same exit codes.
// spec: cli.approve, cli.replay
import type { EngineEvent } from '../../engine/events.js';
import type { RunStatus } from '../../engine/types.js';
import { StepyardError } from '../../errors/stepyard-error.js';
import type { JsonValue } from '../../flow/types.js';
import type { CommandContext } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { shouldUseTerminalFeatures } from '../render/ansi.js';
import { formatProblem } from '../render/error.js';
import { renderJson } from '../render/json.js';
import { createLiveRenderer } from '../render/run-live.js';
import { formatPlainEvent } from '../render/run-plain.js';
import { buildRunResult, isFailedRunStatus, type RunResult } from '../render/run-result.js';
import { formatRunSummary } from '../render/run-summary.js';
import { openHistory } from './history-store.js';

/** What to start: an existing run of a project. */
export interface ResumeTarget {
  root: string;
  runId: string;
  /** The run's flow file, relative to the root (as stored). */
  flowFile: string;
  /** `--var` values given again (secret-named ones are stored masked). */
  vars?: Record<string, JsonValue>;
  /** Answers that must not be stored in clear (secret inputs), by execution id. */
  answers?: Record<string, JsonValue>;
}

/** How to follow it. */
export interface FollowOptions {
  json: boolean;
  verbose: boolean;
  /** Start it in the background and return at once. */
  detach: boolean;
  /** Extra environment for the run process (e.g. the interactive input mode). */
  env?: Readonly<Record<string, string>>;
}

/** How following ended. */
export interface FollowOutcome {
  exitCode: number;
  status: RunStatus;
  result: RunResult | null;
}

/** Start a fresh run process on the run and follow it to its end or next suspension (or detach). */
// spec: exec.resume
export async function startAndFollow(target: ResumeTarget, options: FollowOptions, ctx: CommandContext): Promise<FollowOutcome> {
  const request = {
    projectRoot: target.root,
    flowFile: target.flowFile,
    runId: target.runId,
    resume: true,
    ...(target.vars === undefined || Object.keys(target.vars).length === 0 ? {} : { vars: target.vars }),
    ...(target.answers === undefined || Object.keys(target.answers).length === 0 ? {} : { answers: target.answers }),
  };
  const env = { ...ctx.env, ...options.env };
  if (options.detach) {
    const { startDetachedRun } = await import('../../runner/spawn-detached.js');
    const started = await startDetachedRun(request, { env });
    if (options.json) ctx.stdout(renderJson({ ok: true, run_id: target.runId, status: 'queued', detached: true, pid: started.pid ?? null }));
    else ctx.stdout(`Run ${target.runId} continues in the background (pid ${started.pid ?? '?'}). Follow it: stepyard logs ${target.runId} -f\n`);
    return { exitCode: EXIT_CODES.ok, status: 'queued', result: null };
  }
  const { startRun } = await import('../../runner/spawn-run.js');
  const handle = startRun(request, { env });
  const live = !options.json && shouldUseTerminalFeatures(ctx.stdoutIsTTY, ctx.env);
  const output = createOutput(options.json ? 'json' : live ? 'live' : 'plain', ctx);
  let interrupted = false;
  const unsubscribe = ctx.onSignal?.(() => {
    interrupted = true;
    output.markCancelling();
    handle.cancel('SIGTERM');
  });
  let exit;
  try {
    for await (const event of handle.events) output.onEvent(event);
    exit = await handle.done;
  } finally {
    unsubscribe?.();
    output.stop();
  }
  if (exit.startupFailed) {
    const problems = exit.problems;
    const first = problems[0];
    const error =
      first !== undefined
        ? new StepyardError(first.code, first.detail, first.hint === undefined ? {} : { hint: first.hint })
        : new StepyardError('INTERNAL', exit.error?.message ?? 'the run process failed to start');
    if (!options.json) for (const problem of problems.slice(1)) ctx.stderr(formatProblem(problem));
    throw error;
  }
  const result = await readResult(target.root, target.runId);
  const status = result?.status ?? exit.status;
  if (options.json) {
    if (result === null) throw new StepyardError('INTERNAL', `run ${target.runId} ended ${exit.status} but has no record`);
    ctx.stdout(renderJson(result));
  } else {
    const end = { runId: target.runId, flow: result?.flow ?? null, status, error: exit.error, durationMs: null };
    ctx.stdout(formatRunSummary(end, result, { verbose: options.verbose, color: live }));
  }
  if (interrupted && status === 'running') return { exitCode: EXIT_CODES.failed, status, result };
  return { exitCode: isFailedRunStatus(status) ? EXIT_CODES.failed : EXIT_CODES.ok, status, result };
}

/** The stored RUN RESULT of a run, or null when the project has no store or no such run. */
export async function readResult(root: string, runId: string): Promise<RunResult | null> {
  const history = await openHistory(root, { reconcile: false });
  if (history === null) return null;
  try {
    const found = history.store.getRunWithSteps(runId);
    return found === undefined ? null : buildRunResult(found.run, found.steps);
  } finally {
    history.close();
  }
}

interface Output {
  onEvent(event: EngineEvent): void;
  markCancelling(): void;
  stop(): void;
}

function createOutput(mode: 'json' | 'live' | 'plain', ctx: CommandContext): Output {
  const none = (): void => undefined;
  if (mode === 'json') return { onEvent: none, markCancelling: none, stop: none };
  if (mode === 'live') return createLiveRenderer(ctx.stdout, ctx.columns ?? 80);
  return {
    onEvent(event) {
      const line = formatPlainEvent(event);
      if (line !== null) ctx.stdout(`${line}\n`);
    },
    markCancelling: () => ctx.stderr('cancelling the run…\n'),
    stop: none,
  };
}
