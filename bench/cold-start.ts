// `stepyard --version` cold start against `node -e ''`, spawned alternately in the same run so both see the same
// machine state. Needs the built CLI (npm run build).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { makeResult, median, type BenchResult, type RunSettings } from './result.js';

const CLI = join(fileURLToPath(new URL('../', import.meta.url)), 'reference', 'dist', 'cli', 'main.js');

function timeSpawn(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${String(result.stderr)}`);
  return elapsed;
}

/** Median wall time of `node <cli> --version` and of `node -e ''`, in ms; ratio = stepyard / node. */
export function runColdStartBenchmark(settings: RunSettings): BenchResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  timeSpawn(['-e', '']); // warm the file cache once for each
  timeSpawn([CLI, '--version']);
  const node: number[] = [];
  const stepyard: number[] = [];
  for (let i = 0; i < settings.spawns; i += 1) {
    node.push(timeSpawn(['-e', '']));
    stepyard.push(timeSpawn([CLI, '--version']));
  }
  return makeResult('cli-cold-start', 'ms', median(node), median(stepyard), { spawns: settings.spawns, command: 'stepyard --version', baseline: "node -e ''" });
}
