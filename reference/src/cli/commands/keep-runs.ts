// STEPYARD_KEEP_RUNS, read without loading the state store (spec: cli.retention).

/** Retention when STEPYARD_KEEP_RUNS is unset: the newest 200 finished runs of each flow. */
export const DEFAULT_KEEP_RUNS = 200;

/** STEPYARD_KEEP_RUNS: finished runs kept per flow; 0 keeps everything. Unset or invalid: DEFAULT_KEEP_RUNS. */
// spec: cli.retention
export function readKeepRuns(env: Readonly<Record<string, string | undefined>>): { keep: number; invalid: boolean } {
  const raw = env.STEPYARD_KEEP_RUNS;
  if (raw === undefined || raw.trim() === '') return { keep: DEFAULT_KEEP_RUNS, invalid: false };
  if (!/^\d+$/.test(raw.trim())) return { keep: DEFAULT_KEEP_RUNS, invalid: true };
  return { keep: Number(raw.trim()), invalid: false };
}

/** The warning printed for an invalid STEPYARD_KEEP_RUNS. */
export const INVALID_KEEP_RUNS_WARNING = `warning: STEPYARD_KEEP_RUNS must be a whole number >= 0; using ${DEFAULT_KEEP_RUNS}\n`;
