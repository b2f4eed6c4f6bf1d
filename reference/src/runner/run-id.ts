// Run ids: run-YYYYMMDD_HHMMSS-xxxxxx (UTC time, 6 random hex digits).
import { randomBytes } from 'node:crypto';

/** A new run id, e.g. `run-20261123_192818-a1b2c3`. The time part is UTC. */
export function generateRunId(now: Date = new Date(), prefix = 'run'): string {
  const iso = now.toISOString();
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  return `${prefix}-${stamp}-${randomBytes(3).toString('hex')}`;
}
