// Pure retry schedule: how many attempts, and how long to wait before each retry.
import type { RetrySpec } from '../flow/types.js';

/** Total attempts for a step: 1 without retry. */
// spec: exec.retry
export function countAttempts(retry: RetrySpec | null): number {
  if (retry === null) return 1;
  return Math.max(1, Math.floor(retry.attempts));
}

/**
 * Delay before retry `k` (k = 1 is the wait after the first failed attempt):
 * initialDelayMs × backoffFactor^(k-1). No jitter, no cap.
 */
// spec: exec.retry
export function computeRetryDelayMs(retry: RetrySpec, k: number): number {
  const delay = retry.initialDelayMs * retry.backoffFactor ** (k - 1);
  return Number.isFinite(delay) && delay > 0 ? delay : 0;
}

/** Every wait of a step's retry schedule, in order (length = attempts - 1). */
export function buildRetrySchedule(retry: RetrySpec | null): number[] {
  if (retry === null) return [];
  const waits: number[] = [];
  for (let k = 1; k < countAttempts(retry); k++) waits.push(computeRetryDelayMs(retry, k));
  return waits;
}
