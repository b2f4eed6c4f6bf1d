// `retry: N` and `retry: {attempts, initial_delay, backoff_factor}` → RetrySpec.
// spec: flow.retry
import { StepyardError } from '../errors/stepyard-error.js';
import { coerceInteger, coerceNumber } from './coerce.js';
import { isRecord } from './pointer.js';
import type { RetrySpec } from './types.js';

/** Defaults of the mapping form, and of the integer form (decision D-FLOW-6: the docs' default backoff). */
export const RETRY_DEFAULTS = { attempts: 3, initialDelaySeconds: 1, backoffFactor: 2 } as const;

/**
 * Normalize a `retry` value as written in YAML. null/undefined → null (one attempt, no retry).
 * An integer N (or a lax integer: "3", true) → N attempts with the default backoff (1 s, ×2);
 * a mapping → its attempts (default 3), initial_delay seconds (default 1.0) and backoff_factor
 * (default 2.0). Attempt counts ≤ 1 mean one attempt. Throws StepyardError FLOW_RETRY_INVALID for
 * anything else (non-integral attempts, negative delay or factor, other types).
 */
export function normalizeRetry(raw: unknown): RetrySpec | null {
  if (raw === null || raw === undefined) return null;
  if (!isRecord(raw)) {
    const attempts = coerceInteger(raw);
    if (attempts === undefined) throw invalid(`retry must be an integer or a mapping, got ${JSON.stringify(raw)}`);
    return build(attempts, RETRY_DEFAULTS.initialDelaySeconds, RETRY_DEFAULTS.backoffFactor);
  }
  const attempts = raw.attempts === undefined ? RETRY_DEFAULTS.attempts : coerceInteger(raw.attempts);
  const delay = raw.initial_delay === undefined ? RETRY_DEFAULTS.initialDelaySeconds : coerceNumber(raw.initial_delay);
  const factor = raw.backoff_factor === undefined ? RETRY_DEFAULTS.backoffFactor : coerceNumber(raw.backoff_factor);
  if (attempts === undefined) throw invalid('retry.attempts must be an integer');
  if (delay === undefined || delay < 0) throw invalid('retry.initial_delay must be a number of seconds >= 0');
  if (factor === undefined || factor < 0) throw invalid('retry.backoff_factor must be a number >= 0');
  return build(attempts, delay, factor);
}

function build(attempts: number, delaySeconds: number, backoffFactor: number): RetrySpec {
  return { attempts: Math.max(1, attempts), initialDelayMs: delaySeconds * 1000, backoffFactor };
}

function invalid(message: string): StepyardError {
  return new StepyardError('FLOW_RETRY_INVALID', message, {
    hint: 'write retry: 3, or retry: {attempts: 3, initial_delay: 1.0, backoff_factor: 2.0}',
  });
}
