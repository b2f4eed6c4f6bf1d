// Visit caps: per-step max_visits, else the global default; 0 means unlimited.
import type { ErrorInfo } from './types.js';

/** Global default visit cap when STEPYARD_MAX_STEP_VISITS is unset. */
export const DEFAULT_MAX_STEP_VISITS = 1000;

/** Read STEPYARD_MAX_STEP_VISITS; unset or not a non-negative integer → the default. */
// spec: exec.visits
export function readGlobalVisitLimit(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.STEPYARD_MAX_STEP_VISITS?.trim();
  if (raw === undefined || !/^\d+$/.test(raw)) return DEFAULT_MAX_STEP_VISITS;
  return Number(raw);
}

/** The cap that applies to a step: its own max_visits when set, else the global one. 0 = unlimited. */
export function resolveVisitLimit(stepMaxVisits: number | null, globalLimit: number): number {
  return stepMaxVisits ?? globalLimit;
}

/**
 * Check the n-th visit (or while iteration) of a step against its cap.
 * Returns the STEP_MAX_VISITS_EXCEEDED error when `count` exceeds a non-zero limit, else null.
 */
// spec: exec.visits
export function checkVisitLimit(stepId: string, count: number, limit: number, what = 'visit'): ErrorInfo | null {
  if (limit === 0 || count <= limit) return null;
  return {
    code: 'STEP_MAX_VISITS_EXCEEDED',
    message:
      `Step '${stepId}' exceeded max_visits=${limit} (${what} ${count}). ` +
      'Set a higher max_visits value, or 0 for an intentional unbounded loop.',
  };
}
