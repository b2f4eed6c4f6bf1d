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

/** A temporary project and how to time commands in it. */
export interface BenchProject {
  root: string;
  /** Wall time in ms of `node <cli> ...args` run in the project; throws unless it exits `expectExit`. */
  timeCli: (args: readonly string[], expectExit?: number) => number;
  dispose: () => void;
}

// STEPYARD_* settings of the caller would change what is measured (flows dir, visit caps): drop them.
function benchEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('STEPYARD_')) env[key] = value;
  return { ...env, NO_COLOR: '1' };
}

/** Wall time in ms of `node ...args` in `cwd`; throws unless it exits `expectExit`. */
export function timeNode(args: readonly string[], cwd: string = REPO_ROOT, expectExit = 0): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env: benchEnvironment(), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status !== expectExit) {
    throw new Error(`node ${args.join(' ')} exited ${String(result.status)} (expected ${expectExit}): ${String(result.stderr).slice(0, 2000)}`);
  }
  return elapsed;
}

/** Creates a project with `stepyard init` in a fresh temporary directory. */
export function createBenchProject(): BenchProject {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'stepyard-bench-project-')));
  timeNode([CLI, 'init', root]);
  return {
    root,
    timeCli: (args, expectExit = 0) => timeNode([CLI, ...args], root, expectExit),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
