// `stepyard run hello` (in a project made by `stepyard init`) against `node -e ''`, spawned alternately in the
// same run so both see the same machine state. Target: ratio <= 2.2. Needs the built CLI (npm run build).
import { makeResult, median, type BenchResult, type RunSettings } from './result.js';
import { createBenchProject, timeNode } from './run-project.js';

/** The ratio run-hello aims at (stepyard run hello / bare node start). */
export const RUN_HELLO_TARGET_RATIO = 2.2;

/** Median wall time of `stepyard run hello` and of `node -e ''`, in ms; ratio = stepyard / node. */
export function runHelloBenchmark(settings: RunSettings): BenchResult {
  const project = createBenchProject();
  try {
    timeNode(['-e', '']); // warm the file cache once for each
    project.timeCli(['run', 'hello']);
    const node: number[] = [];
    const stepyard: number[] = [];
    for (let i = 0; i < settings.spawns; i += 1) {
      node.push(timeNode(['-e', '']));
      stepyard.push(project.timeCli(['run', 'hello']));
    }
    return makeResult('run-hello', 'ms', median(node), median(stepyard), {
      spawns: settings.spawns,
      command: 'stepyard run hello',
      baseline: "node -e ''",
      target_ratio: RUN_HELLO_TARGET_RATIO,
    });
  } finally {
    project.dispose();
  }
}
