// Per-step engine overhead through `stepyard run`: a 1,000-step flow of system.echo against a 1-step flow,
// run alternately. value = (T1000 - T1) / 999 ms per step; baseline = T1 (the whole 1-step run), so
// ratio = per-step cost as a fraction of a 1-step run. Target: value <= 0.3 ms. Needs the built CLI.
// The run process caches validated flows (reference/src/runner/flow-cache.ts), so repeated runs of the same file
// skip YAML parsing: value is that steady state. env.per_step_cold_ms is the same measure for a 1,000-step file
// whose text changes before every run (first runs, edited flows), which includes parsing and validating it.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeResult, median, type BenchResult, type RunSettings } from './result.js';
import { createBenchProject, REPO_ROOT } from './run-project.js';
import { BENCH_FIXTURES_DIR, echoFlowFileName, LONG_FLOW_STEPS } from './step-flows.js';

/** The per-step overhead step-overhead aims at, in ms. */
export const STEP_OVERHEAD_TARGET_MS = 0.3;

/** Runs of each flow: few, because the long flow takes a while. */
function runsOf(settings: RunSettings): number {
  return settings.quick ? 1 : Math.max(3, Math.min(10, Math.round(settings.spawns / 3)));
}

/** Median wall times of the 1-step and the 1,000-step flow; the per-step cost between them. */
export function runStepOverheadBenchmark(settings: RunSettings): BenchResult {
  const project = createBenchProject();
  try {
    const flows = [1, LONG_FLOW_STEPS].map((steps) => {
      const name = echoFlowFileName(steps);
      copyFileSync(join(REPO_ROOT, BENCH_FIXTURES_DIR, name), join(project.root, 'flows', name));
      return `flows/${name}`;
    });
    const [short, long] = flows as [string, string];
    // A copy of the long flow that gets a different last line before each run: never found in the flow cache.
    const longText = readFileSync(join(project.root, long), 'utf8');
    const cold = `flows/cold-${echoFlowFileName(LONG_FLOW_STEPS)}`;
    const timeCold = (run: number): number => {
      writeFileSync(join(project.root, cold), `${longText}# run ${run}\n`);
      return project.timeCli(['run', cold]);
    };
    project.timeCli(['run', short]); // warm up (state store created, files cached, flows cached)
    project.timeCli(['run', long]);
    timeCold(0);
    const shortTimes: number[] = [];
    const longTimes: number[] = [];
    const coldTimes: number[] = [];
    const runs = runsOf(settings);
    for (let i = 0; i < runs; i += 1) {
      shortTimes.push(project.timeCli(['run', short]));
      longTimes.push(project.timeCli(['run', long]));
      coldTimes.push(timeCold(i + 1));
    }
    const t1 = median(shortTimes);
    const tLong = median(longTimes);
    const tCold = median(coldTimes);
    const perStep = (tLong - t1) / (LONG_FLOW_STEPS - 1);
    const round = (value: number): number => Math.round(value * 1000) / 1000;
    return makeResult('step-overhead', 'ms', t1, perStep, {
      runs,
      steps: LONG_FLOW_STEPS,
      t1_ms: round(t1),
      t1000_ms: round(tLong),
      t1000_cold_ms: round(tCold),
      per_step_cold_ms: round((tCold - t1) / (LONG_FLOW_STEPS - 1)),
      command: `stepyard run flows/${echoFlowFileName(LONG_FLOW_STEPS)}`,
      baseline: `stepyard run flows/${echoFlowFileName(1)}`,
      target_ms: STEP_OVERHEAD_TARGET_MS,
    });
  } finally {
    project.dispose();
  }
}
