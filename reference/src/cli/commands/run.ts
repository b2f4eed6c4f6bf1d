// spec: cli.run
// `stepyard run FLOW`: resolve the flow, start its run process at once, then hand over to run-watch.ts.
// Kept light: this module loads only what starting the run needs, so the run process is spawned early and the
// renderers (and, for --dry-run, SQLite, YAML and zod) load while it starts.
import { StepyardError } from '../../errors/stepyard-error.js';
import { resolveFlowReference, resolveFlowsDir } from '../../project/flows.js';
import { requireProjectRoot } from '../../project/root.js';
import { startRun } from '../../runner/spawn-run.js';
import type { CommandContext, CommandInput } from '../context.js';
import { INVALID_KEEP_RUNS_WARNING, readKeepRuns } from './keep-runs.js';
import { optionList, parseVarOptions, readEnvFiles } from './run-inputs.js';
import { takePrestartedRun } from './run-prestart.js';

/** The run environment of an interactive run: every human.input asks (spec: exec.input). */
export const INTERACTIVE_ENV = { STEPYARD_RUNTIME_HUMAN_INPUT: '1' } as const;

/** `stepyard run FLOW [--var K=V]... [--env-file F]... [--dry-run] [--verbose] [--json] [--events]`. */
export async function runRun(input: CommandInput, ctx: CommandContext): Promise<number> {
  const options = input.options;
  const json = options.json === true;
  const events = options.events === true;
  if (json && events) throw new StepyardError('CLI_USAGE', '--json and --events cannot be combined', { hint: 'pick one machine output' });
  const root = requireProjectRoot(ctx.cwd);
  const flowsDir = resolveFlowsDir({ cwd: ctx.cwd, env: ctx.env, root });
  const flowFile = resolveFlowReference(String(input.args[0]), { cwd: ctx.cwd, flowsDir });
  const envFileValues = readEnvFiles(optionList(options.envFile), ctx.cwd);
  const vars = parseVarOptions(optionList(options.var));
  if (options.dryRun === true) {
    const { runDryRun } = await import('./run-plan.js');
    return runDryRun({ root, flowFile, vars, envFileValues, json }, ctx);
  }
  // spec: cli.approvals — on a terminal, inputs ask when reached and a suspended run is decided inline.
  const interactive = ctx.prompt !== undefined && ctx.stdinIsTTY === true && !json && !events;
  const { keep, invalid } = readKeepRuns(ctx.env);
  if (invalid) ctx.stderr(INVALID_KEEP_RUNS_WARNING);
  // The run process sends back the stored records and applies retention itself: no store is opened here.
  const request = { projectRoot: root, flowFile, vars, envFileValues, sendRecords: true, ...(keep > 0 ? { keepRuns: keep } : {}) };
  const handle = startRun(request, { env: interactive ? { ...ctx.env, ...INTERACTIVE_ENV } : ctx.env, prepared: takePrestartedRun() });
  // Signals that arrive while the renderers load are handled once they are there.
  const early: NodeJS.Signals[] = [];
  const unsubscribe = ctx.onSignal?.((signal) => void early.push(signal));
  let watch: typeof import('./run-watch.js');
  try {
    watch = await import('./run-watch.js');
  } finally {
    unsubscribe?.();
  }
  const watchOptions = { json, events, interactive, verbose: options.verbose === true, showLogs: options.logs !== false, keep };
  return watch.watchStartedRun(handle, root, watchOptions, ctx, early);
}
