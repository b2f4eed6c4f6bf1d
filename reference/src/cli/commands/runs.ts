// spec: cli.runs
import type { RunStatus } from '../../engine/types.js';
import { StepyardError } from '../../errors/stepyard-error.js';
import { requireProjectRoot } from '../../project/root.js';
import type { CommandContext, CommandInput } from '../context.js';
import { shouldUseTerminalFeatures } from '../render/ansi.js';
import { formatRunList } from '../render/history.js';
import { renderJson } from '../render/json.js';
import { buildRunSummary } from '../render/run-result.js';
import { resolveFlowName } from './flow-info.js';
import { openHistory } from './history-store.js';

/** Every run status, as `--status` accepts them. */
export const RUN_STATUS_NAMES: readonly RunStatus[] = ['queued', 'running', 'waiting_for_approval', 'waiting_for_input', 'completed', 'failed', 'cancelled'];

/** Default `--limit` of `runs`. */
export const DEFAULT_RUNS_LIMIT = 20;

/** `stepyard runs [--flow F] [--status S] [--limit N] [--json]`: runs, newest first. */
export async function runRuns(input: CommandInput, ctx: CommandContext): Promise<number> {
  const options = input.options;
  const statuses = parseStatuses(options.status);
  const limit = parseCount(options.limit, '--limit', DEFAULT_RUNS_LIMIT);
  const root = requireProjectRoot(ctx.cwd);
  const flow = typeof options.flow === 'string' ? resolveFlowName(options.flow, ctx, root) : undefined;
  const history = await openHistory(root);
  let runs;
  try {
    runs = history === null ? [] : history.store.listRuns({ limit, ...(flow === undefined ? {} : { flow }), ...(statuses === undefined ? {} : { status: statuses }) });
  } finally {
    history?.close();
  }
  const summaries = runs.map(buildRunSummary);
  if (options.json === true) ctx.stdout(renderJson({ ok: true, runs: summaries }));
  else ctx.stdout(formatRunList(summaries, { color: shouldUseTerminalFeatures(ctx.stdoutIsTTY, ctx.env) }));
  return 0;
}

/** `--status S[,S...]`: run statuses; anything else is a usage error. */
export function parseStatuses(value: unknown): RunStatus[] | undefined {
  if (typeof value !== 'string') return undefined;
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!(RUN_STATUS_NAMES as readonly string[]).includes(name)) {
      throw new StepyardError('CLI_USAGE', `--status: unknown run status '${name}'`, { hint: `one of ${RUN_STATUS_NAMES.join(', ')}` });
    }
  }
  return names as RunStatus[];
}

/** A whole number >= 0 given on the command line, else a usage error. */
export function parseCount(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new StepyardError('CLI_USAGE', `${option} must be a whole number >= 0, not '${String(value)}'`);
  return Number(text);
}
