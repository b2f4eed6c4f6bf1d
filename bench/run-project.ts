// Shared by the run benchmarks: a temporary project made with `stepyard init`, and timed CLI spawns inside it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The built CLI (npm run build). */
export const CLI = join(REPO_ROOT, 'reference', 'dist', 'cli', 'main.js');

/** The package's bin: the POSIX launcher that starts the CLI without NODE_EXTRA_CA_CERTS (reference/bin/stepyard). */
export const LAUNCHER = join(REPO_ROOT, 'reference', 'bin', 'stepyard');

/** How a command sees NODE_EXTRA_CA_CERTS: as this process got it, or removed. */
export type CaCerts = 'as-given' | 'unset';

/** How `stepyard` is started: `node dist/cli/main.js` (the conformance entry) or the bin launcher. */
export type CliEntry = 'node' | 'launcher';

/** A temporary project and how to time commands in it. */
export interface BenchProject {
  root: string;
  /** Wall time in ms of `stepyard ...args` run in the project; throws unless it exits `expectExit`. */
  timeCli: (args: readonly string[], expectExit?: number, options?: { entry?: CliEntry; ca?: CaCerts }) => number;
  dispose: () => void;
}

// STEPYARD_* settings of the caller would change what is measured (flows dir, visit caps): drop them.
function benchEnvironment(ca: CaCerts = 'as-given'): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('STEPYARD_') && !(ca === 'unset' && key === 'NODE_EXTRA_CA_CERTS')) env[key] = value;
  }
  return { ...env, NO_COLOR: '1' };
}

/** Whether NODE_EXTRA_CA_CERTS is set here (every Node start then loads those certificates). */
export function hasExtraCaCerts(): boolean {
  return process.env.NODE_EXTRA_CA_CERTS !== undefined && process.env.NODE_EXTRA_CA_CERTS !== '';
}

/** Wall time in ms of `command ...args` in `cwd`; throws unless it exits `expectExit`. */
export function timeCommand(command: string, args: readonly string[], cwd: string = REPO_ROOT, expectExit = 0, ca: CaCerts = 'as-given'): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env: benchEnvironment(ca), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status !== expectExit) {
    throw new Error(`${command} ${args.join(' ')} exited ${String(result.status)} (expected ${expectExit}): ${String(result.stderr).slice(0, 2000)}`);
  }
  return elapsed;
}

/** Wall time in ms of `node ...args` in `cwd`; throws unless it exits `expectExit`. */
export function timeNode(args: readonly string[], cwd: string = REPO_ROOT, expectExit = 0, ca: CaCerts = 'as-given'): number {
  return timeCommand(process.execPath, args, cwd, expectExit, ca);
}

/** Creates a project with `stepyard init` in a fresh temporary directory. */
export function createBenchProject(): BenchProject {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'stepyard-bench-project-')));
  timeNode([CLI, 'init', root]);
  return {
    root,
    timeCli: (args, expectExit = 0, options = {}) =>
      options.entry === 'launcher'
        ? timeCommand(LAUNCHER, args, root, expectExit, options.ca)
        : timeNode(['--', CLI, ...args], root, expectExit, options.ca),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
