// The `if` / `while` truthiness rule.
import type { JsonValue } from '../flow/types.js';

const FALSY_STRINGS = new Set(['false', '0', 'no', 'none', '']);

/**
 * Whether a resolved condition value counts as true. Strings "false", "0", "no", "none" and ""
 * (case-insensitive) are false; otherwise Python truthiness.
 */
// spec: expr.truthiness
export function isTruthy(value: JsonValue): boolean {
  if (value === null) return false;
  if (typeof value === 'string') return !FALSY_STRINGS.has(value.toLowerCase());
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  return Object.keys(value).length > 0;
}
