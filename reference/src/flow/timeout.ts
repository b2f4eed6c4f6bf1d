// Step timeouts: `30`, `"1.5"`, `"90s"`, `"5m"`, `"1h"`, `"250ms"`, `"1h30m"`.
// spec: flow.timeout
import { StepyardError } from '../errors/stepyard-error.js';

const NUMBER = '(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)';
const UNIT = '(?:[mM][sS]|[sSmMhH])';

/** Pattern of every timeout string the schema accepts (a zero value is rejected separately). */
export const TIMEOUT_PATTERN = `^\\s*(?:${NUMBER}(?:[eE][-+]?[0-9]+)?\\s*|(?:${NUMBER}\\s*${UNIT}\\s*)+)$`;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parse a timeout into milliseconds. A number, or a string holding a plain number, is seconds; a
 * string may instead be one or more `<number><unit>` parts with unit ms, s, m or h (any case),
 * which add up ("1h30m"). Throws StepyardError FLOW_TIMEOUT_INVALID for anything else, and for
 * values that are not greater than zero.
 */
export function parseTimeout(raw: string | number): number {
  const ms = parseTimeoutOrNull(raw);
  if (ms === null) {
    throw new StepyardError('FLOW_TIMEOUT_INVALID', `invalid timeout ${JSON.stringify(raw)}`, { hint: TIMEOUT_HINT });
  }
  return ms;
}

/** How to write a timeout, for error hints. */
export const TIMEOUT_HINT = 'write a positive number of seconds (30, 1.5) or a duration such as "90s", "5m", "1h", "250ms" or "1h30m"';

/** Like parseTimeout, but returns null instead of throwing. */
export function parseTimeoutOrNull(raw: unknown): number | null {
  let ms: number | null = null;
  if (typeof raw === 'number') ms = raw * 1000;
  else if (typeof raw === 'string' && new RegExp(TIMEOUT_PATTERN).test(raw)) ms = parseDurationText(raw.trim());
  return ms !== null && Number.isFinite(ms) && ms > 0 ? ms : null;
}

function parseDurationText(text: string): number {
  if (!/[a-zA-Z]$/.test(text)) return Number(text) * 1000;
  let total = 0;
  for (const match of text.matchAll(/([0-9.]+)\s*(ms|s|m|h)/gi)) {
    total += Number(match[1]) * (UNIT_MS[(match[2] ?? '').toLowerCase()] ?? Number.NaN);
  }
  return total;
}
