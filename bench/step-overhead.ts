// Per-step engine overhead through `stepyard run`: a 1,000-step flow of system.echo against a 1-step flow,
// run alternately. value = (T1000 - T1) / 999 ms per step; baseline = T1 (the whole 1-step run), so
// ratio = per-step cost as a fraction of a 1-step run. Target: value <= 0.3 ms. Needs the built CLI.
import { copyFileSync } from 'node:fs';
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
    project.timeCli(['run', short]); // warm up (state store created, files cached)
    const shortTimes: number[] = [];
    const longTimes: number[] = [];
    const runs = runsOf(settings);
    for (let i = 0; i < runs; i += 1) {
      shortTimes.push(project.timeCli(['run', short]));
      longTimes.push(project.timeCli(['run', long]));
    }
    const t1 = median(shortTimes);
    const tLong = median(longTimes);
    const perStep = (tLong - t1) / (LONG_FLOW_STEPS - 1);
    return makeResult('step-overhead', 'ms', t1, perStep, {
      runs,
      steps: LONG_FLOW_STEPS,
      t1_ms: Math.round(t1 * 1000) / 1000,
      t1000_ms: Math.round(tLong * 1000) / 1000,
      command: `stepyard run flows/${echoFlowFileName(LONG_FLOW_STEPS)}`,
      baseline: `stepyard run flows/${echoFlowFileName(1)}`,
      target_ms: STEP_OVERHEAD_TARGET_MS,
    });
  } finally {
    project.dispose();
  }
}
