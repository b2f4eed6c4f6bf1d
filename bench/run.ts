// `npm run bench`: runs every benchmark and writes bench/results/<name>.json. Flags: --quick (smoke-test sizes),
// --out DIR (default bench/results), --spawns N (spawns per command in cold-start and run-hello, default 30).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runColdStartBenchmark } from './cold-start.js';
import { runExpressionBenchmarks } from './expressions.js';
import { runHelloBenchmark } from './run-hello.js';
import { runStepOverheadBenchmark } from './step-overhead.js';
import type { BenchResult, RunSettings } from './result.js';

function readFlag(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

/** Runs every benchmark, writes one JSON file per result into `outDir`, and returns the results. */
export async function runBenchmarks(settings: RunSettings, outDir: string): Promise<BenchResult[]> {
  const results = [
    ...(await runExpressionBenchmarks(settings)),
    runColdStartBenchmark(settings),
    runHelloBenchmark(settings),
    runStepOverheadBenchmark(settings),
  ];
  mkdirSync(outDir, { recursive: true });
  for (const result of results) writeFileSync(join(outDir, `${result.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return results;
}

/** A short table of the results. */
export function formatResults(results: readonly BenchResult[]): string {
  const rows = results.map((r) => {
    const ratio = r.ratio === null ? '' : `  ratio ${r.ratio} (baseline ${r.baseline} ${r.unit})`;
    return `${r.name.padEnd(20)} ${String(r.value).padStart(14)} ${r.unit}${ratio}`;
  });
  const caCerts = results[0]?.env.node_extra_ca_certs === true ? ' (NODE_EXTRA_CA_CERTS is set: node start-up is slower)' : '';
  return `${rows.join('\n')}\nnode ${process.version}${caCerts}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const settings: RunSettings = { quick, spawns: Number(readFlag(args, '--spawns') ?? (quick ? 3 : 30)) };
  const outDir = resolve(readFlag(args, '--out') ?? fileURLToPath(new URL('./results/', import.meta.url)));
  const results = await runBenchmarks(settings, outDir);
  process.stdout.write(`${formatResults(results)}\nresults in ${outDir}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
