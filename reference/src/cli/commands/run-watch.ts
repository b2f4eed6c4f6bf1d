// spec: cli.run
// Follows a run `stepyard run` started: render its events as they come, then report its end (spec: cli.run).
import type { EngineEvent } from '../../engine/events.js';
import { ERROR_CODES, type ErrorCode } from '../../errors/codes.js';
import { StepyardError } from '../../errors/stepyard-error.js';
import type { Problem } from '../../errors/to-problem.js';
import type { RunExit, RunHandle } from '../../runner/spawn-run.js';
import type { CommandContext } from '../context.js';
import { displayPath } from '../display-path.js';
import { EXIT_CODES } from '../exit-codes.js';
import { shouldUseTerminalFeatures } from '../render/ansi.js';
import { formatProblem } from '../render/error.js';
import { renderJson } from '../render/json.js';
import { createLiveRenderer } from '../render/run-live.js';
import { formatPlainEvent } from '../render/run-plain.js';
import { buildRunResult, isFailedRunStatus, type RunResult } from '../render/run-result.js';
import { formatRunSummary } from '../render/run-summary.js';
import { INTERACTIVE_ENV } from './run.js';

/** After a terminal Ctrl+C the run process got the signal too; it is sent SIGTERM only if it has not ended by then. */
const FORWARD_GRACE_MS = 1500;

type OutputMode = 'json' | 'events' | 'live' | 'plain';

/** Where the run's progress goes while it runs. */
interface RunOutput {
  onEvent(event: EngineEvent): void;
  markCancelling(): void;
  stop(): void;
}

/** How `stepyard run` was asked to show the run. */
export interface WatchOptions {
  json: boolean;
  events: boolean;
  /** On a terminal: a suspended run is decided inline (spec: cli.approvals). */
  interactive: boolean;
  verbose: boolean;
  showLogs: boolean;
  /** STEPYARD_KEEP_RUNS, for the retention fallback when the run process died (spec: cli.retention). */
  keep: number;
}

/** Render the run's events until its process ends, then print the result; resolves to the exit code. */
export async function watchStartedRun(
  handle: RunHandle,
  root: string,
  options: WatchOptions,
  ctx: CommandContext,
  earlySignals: readonly NodeJS.Signals[] = [],
): Promise<number> {
  const { json, events, interactive, verbose } = options;
  const mode: OutputMode = json ? 'json' : events ? 'events' : shouldUseTerminalFeatures(ctx.stdoutIsTTY, ctx.env) ? 'live' : 'plain';
  const output = createRunOutput(mode, ctx, options.showLogs);
  const { exit, sawFinal } = await watchRun(handle, output, ctx, earlySignals);
  if (exit.startupFailed) return reportStartupFailure(root, handle.runId, exit, mode, ctx);
  if (mode === 'events' && !sawFinal) ctx.stdout(`${JSON.stringify(diedEvent(handle.runId, exit))}\n`);
  const result = exit.records === null ? await readResultAndApplyRetention(root, handle.runId, options.keep) : buildRunResult(exit.records.run, exit.records.steps);
  const status = result?.status ?? exit.status;
  if (mode === 'json') {
    if (result === null) throw new StepyardError('INTERNAL', `run ${handle.runId} ended ${exit.status} but has no record`);
    ctx.stdout(renderJson(result));
  } else if (mode !== 'events') {
    const end = { runId: handle.runId, flow: result?.flow ?? null, status, error: exit.error, durationMs: null };
    ctx.stdout(formatRunSummary(end, result, { verbose, color: mode === 'live' }));
  }
  if (interactive && (status === 'waiting_for_approval' || status === 'waiting_for_input')) {
    const { reviewSuspendedRun } = await import('./approvals.js');
    return reviewSuspendedRun(root, handle.runId, ctx, { verbose, env: INTERACTIVE_ENV });
  }
  return isFailedRunStatus(status) ? EXIT_CODES.failed : EXIT_CODES.ok;
}

function createRunOutput(mode: OutputMode, ctx: CommandContext, showLogs: boolean): RunOutput {
  const none = (): void => undefined;
  switch (mode) {
    case 'json':
      return { onEvent: none, markCancelling: none, stop: none };
    case 'events':
      return { onEvent: (event) => ctx.stdout(`${JSON.stringify(event)}\n`), markCancelling: none, stop: none };
    case 'live': {
      const live = createLiveRenderer(ctx.stdout, ctx.columns !== undefined && ctx.columns > 0 ? ctx.columns : 80);
      return { ...live, onEvent: (event) => (showLogs || event.type !== 'log' ? live.onEvent(event) : undefined) };
    }
    case 'plain':
      return {
        onEvent(event) {
          if (!showLogs && event.type === 'log') return;
          const line = formatPlainEvent(event);
          if (line !== null) ctx.stdout(`${line}\n`);
        },
        markCancelling: () => ctx.stderr('cancelling the run…\n'),
        stop: none,
      };
  }
}

// Streams the events to the output until the run process is gone. SIGINT/SIGTERM cancel the run.
// spec: cli.run (interrupt), exec.cancel
async function watchRun(
  handle: RunHandle,
  output: RunOutput,
  ctx: CommandContext,
  earlySignals: readonly NodeJS.Signals[],
): Promise<{ exit: RunExit; sawFinal: boolean }> {
  let interrupts = 0;
  let forward: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts++;
    output.markCancelling();
    // A terminal's Ctrl+C reaches the run process too: give it time to cancel cleanly before signalling it.
    const fromTerminal = signal === 'SIGINT' && ctx.stdinIsTTY === true;
    if (interrupts === 1 && fromTerminal) forward = setTimeout(() => handle.cancel('SIGTERM'), FORWARD_GRACE_MS);
    else {
      if (forward !== undefined) clearTimeout(forward);
      handle.cancel('SIGTERM');
    }
  };
  const unsubscribe = ctx.onSignal?.(onSignal);
  for (const signal of earlySignals) onSignal(signal);
  let sawFinal = false;
  try {
    for await (const event of handle.events) {
      if (event.type === 'run.completed' || event.type === 'run.failed' || event.type === 'run.cancelled' || event.type === 'run.suspended') sawFinal = true;
      output.onEvent(event);
    }
    return { exit: await handle.done, sawFinal };
  } finally {
    if (forward !== undefined) clearTimeout(forward);
    unsubscribe?.();
    output.stop();
  }
}

// The run process could not start the run (e.g. an invalid flow): print every problem; no run was recorded.
async function reportStartupFailure(root: string, runId: string, exit: RunExit, mode: OutputMode, ctx: CommandContext): Promise<number> {
  const problems: Problem[] = (exit.problems.length > 0 ? exit.problems : [fallbackProblem(exit)]).map((problem) => relativize(problem, ctx.cwd));
  const first = problems[0] as Problem;
  if (mode === 'json') ctx.stdout(renderJson({ ok: false, error: first, errors: problems }));
  for (const problem of problems) ctx.stderr(formatProblem(problem));
  await removeOrphanLog(root, runId);
  return exitCodeOfCode(first.code);
}

function fallbackProblem(exit: RunExit): Problem {
  const error = exit.error ?? { code: 'INTERNAL', message: 'the run process failed to start' };
  const code = (error.code in ERROR_CODES ? error.code : 'INTERNAL') as ErrorCode;
  const entry = ERROR_CODES[code];
  return { code, category: entry.category, severity: 'error', title: entry.title, detail: error.message } as Problem;
}

function relativize(problem: Problem, cwd: string): Problem {
  return problem.file === undefined ? problem : { ...problem, file: displayPath(cwd, problem.file) };
}

function exitCodeOfCode(code: string): number {
  const entry = (ERROR_CODES as Record<string, { exit: number } | undefined>)[code];
  if (entry === undefined) return EXIT_CODES.internal;
  return entry.exit === EXIT_CODES.ok ? EXIT_CODES.failed : entry.exit;
}

// A run that never got a record leaves only its log (under logs/runs/unknown/): nothing can show it, so drop it.
async function removeOrphanLog(root: string, runId: string): Promise<void> {
  const { findRunLog } = await import('../../storage/paths.js');
  const { rmSync } = await import('node:fs');
  const { openHistory } = await import('./history-store.js');
  const history = await openHistory(root, { reconcile: false });
  try {
    if (history !== null && history.store.getRun(runId) !== undefined) return;
  } finally {
    history?.close();
  }
  const log = findRunLog(root, runId);
  if (log !== undefined) rmSync(log, { force: true });
}

// When the run process sent no records (it died): the stored result of the run, then history retention
// (spec: cli.retention), which the run process did not get to.
async function readResultAndApplyRetention(root: string, runId: string, keep: number): Promise<RunResult | null> {
  const { openHistory, applyHistoryRetention } = await import('./history-store.js');
  const history = await openHistory(root, { reconcile: false });
  if (history === null) return null;
  try {
    const found = history.store.getRunWithSteps(runId);
    const result = found === undefined ? null : buildRunResult(found.run, found.steps);
    applyHistoryRetention(history.store, keep);
    return result;
  } finally {
    history.close();
  }
}

// The final event the run process could not send because it died (only for --events): normally run.failed with
// RUN_PROCESS_DIED; the recorded status when the run had ended before its process died.
function diedEvent(runId: string, exit: RunExit): EngineEvent {
  const base = { run_id: runId, at: new Date().toISOString(), duration_ms: 0 };
  const error = exit.error ?? { code: 'RUN_PROCESS_DIED', message: 'The run process ended without recording a final status' };
  if (exit.status === 'completed') return { ...base, type: 'run.completed' };
  if (exit.status === 'cancelled') return { ...base, type: 'run.cancelled', error };
  return { ...base, type: 'run.failed', error, phase: 'run' };
}
