// `stepyard run hello` (in a project made by `stepyard init`) against `node -e ''`, spawned alternately in the
// same run so all see the same machine state. Target: ratio <= 2.2. Needs the built CLI (npm run build).
// Measured with NODE_EXTRA_CA_CERTS as this process got it and with it unset (Node 20 loads those certificates
// at every start, ~45 ms): value/baseline are the installed `stepyard` command (the bin launcher, which starts the
// CLI without the variable) and `node -e ''`, both as given; env holds every variant.
import { makeResult, median, type BenchResult, type RunSettings } from './result.js';
import { createBenchProject, hasExtraCaCerts, timeNode, type CaCerts, type CliEntry } from './run-project.js';

/** The ratio run-hello aims at (stepyard run hello / bare node start). */
export const RUN_HELLO_TARGET_RATIO = 2.2;

interface Variant {
  name: string;
  time: () => number;
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Median wall time of `stepyard run hello` and of `node -e ''`, in ms; ratio = stepyard / node. */
export function runHelloBenchmark(settings: RunSettings): BenchResult {
  const project = createBenchProject();
  try {
    const cas: CaCerts[] = hasExtraCaCerts() ? ['as-given', 'unset'] : ['as-given'];
    const entries: CliEntry[] = process.platform === 'win32' ? ['node'] : ['launcher', 'node'];
    const variants: Variant[] = [];
    const label = (ca: CaCerts): string => (ca === 'unset' ? 'ca_unset' : 'ca_as_given');
    for (const ca of cas) {
      variants.push({ name: `node_${label(ca)}`, time: () => timeNode(['-e', ''], undefined, 0, ca) });
      for (const entry of entries) {
        variants.push({ name: `stepyard_${entry}_${label(ca)}`, time: () => project.timeCli(['run', 'hello'], 0, { entry, ca }) });
      }
    }
    for (const variant of variants) variant.time(); // warm the file cache once for each
    const times = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
    for (let i = 0; i < settings.spawns; i += 1) for (const variant of variants) times.get(variant.name)?.push(variant.time());
    const medians = Object.fromEntries([...times].map(([name, list]) => [name, round(median(list))]));
    const ratios: Record<string, number> = {};
    for (const ca of cas) {
      for (const entry of entries) ratios[`${entry}_${label(ca)}`] = round((medians[`stepyard_${entry}_${label(ca)}`] ?? 0) / (medians[`node_${label(ca)}`] ?? 1), 4);
    }
    const entry = entries[0] as CliEntry;
    return makeResult('run-hello', 'ms', medians.node_ca_as_given ?? 0, medians[`stepyard_${entry}_ca_as_given`] ?? 0, {
      spawns: settings.spawns,
      command: 'stepyard run hello',
      entry: entry === 'launcher' ? 'reference/bin/stepyard' : 'node reference/dist/cli/main.js',
      baseline: "node -e ''",
      target_ratio: RUN_HELLO_TARGET_RATIO,
      medians_ms: medians,
      ratios,
    });
  } finally {
    project.dispose();
  }
}
