// `stepyard run` starts its run process first thing, before commander and the command modules load: the process
// starts Node and loads its snapshot meanwhile, and gets its request once the command line is understood (then
// the run costs little more than the slower of the two starts). Nothing is run until that request arrives; a
// prepared process that is not needed (usage error, unknown flow, --help) gets no request and ends at once.
import { findProjectRoot } from '../../project/root.js';
import { discardRunProcess, prepareRunProcess, type PreparedRunProcess } from '../../runner/spawn-run.js';
import type { CommandContext } from '../context.js';

let prepared: PreparedRunProcess | null = null;

/** For `stepyard run ...` in a project: start a run process ahead of the request (see takePrestartedRun). */
// spec: exec.run-process
export function prestartRun(argv: readonly string[], ctx: CommandContext): void {
  const options = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
  if (options.some((arg) => arg === '--help' || arg === '-h' || arg === '--dry-run')) return;
  const root = findProjectRoot(ctx.cwd);
  if (root === null) return;
  try {
    prepared = prepareRunProcess(root, { env: ctx.env });
  } catch {
    prepared = null; // startRun will report the problem when it spawns the process itself.
  }
}

/** The prestarted run process, once: startRun uses it when it fits the run. */
export function takePrestartedRun(): PreparedRunProcess | null {
  const taken = prepared;
  prepared = null;
  return taken;
}

/** End a prestarted run process nobody took. */
export function discardPrestartedRun(): void {
  const left = takePrestartedRun();
  if (left !== null) discardRunProcess(left);
}
