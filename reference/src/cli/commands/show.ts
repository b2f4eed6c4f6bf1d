// spec: cli.show
import { requireProjectRoot } from '../../project/root.js';
import type { CommandContext, CommandInput } from '../context.js';
import { shouldUseTerminalFeatures } from '../render/ansi.js';
import { formatRunDetails } from '../render/history.js';
import { renderJson } from '../render/json.js';
import { buildRunResult } from '../render/run-result.js';
import { latestRun, openHistory, resolveRunReference, runNotFound } from './history-store.js';

/** `stepyard show [RUN] [--json]`: one run with its steps; RUN may be a unique prefix; no RUN = the latest run. */
export async function runShow(input: CommandInput, ctx: CommandContext): Promise<number> {
  const reference = typeof input.args[0] === 'string' ? input.args[0] : undefined;
  const root = requireProjectRoot(ctx.cwd);
  const history = await openHistory(root);
  try {
    const run = reference === undefined ? latestRun(history) : resolveRunReference(history, reference);
    if (run === undefined) throw runNotFound('no runs yet', history);
    const steps = history?.store.listSteps(run.id) ?? [];
    const result = buildRunResult(run, steps);
    if (input.options.json === true) ctx.stdout(renderJson(result));
    else ctx.stdout(formatRunDetails(result, { color: shouldUseTerminalFeatures(ctx.stdoutIsTTY, ctx.env), columns: ctx.columns }));
    return 0;
  } finally {
    history?.close();
  }
}
