// Per-iteration abort signals: one signal covers every attempt of a step iteration (or a group iteration).
import { StepyardError, isStepyardError } from '../errors/stepyard-error.js';
import type { ErrorInfo } from './types.js';

/** The signal of one step iteration; `dispose` clears its timer. */
export interface StepSignal {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * Derive the signal of one iteration from its parent (run cancel or an enclosing group's timeout).
 * With a timeout, the signal aborts with a STEP_TIMEOUT StepyardError as its reason.
 */
// spec: exec.timeout
export function createStepSignal(
  parent: AbortSignal,
  timeoutMs: number | null,
  describe: { execId: string; timeoutRaw: string | number | null },
): StepSignal {
  if (timeoutMs === null) return { signal: parent, dispose: () => undefined };
  const controller = new AbortController();
  const onParentAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onParentAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(
      new StepyardError('STEP_TIMEOUT', formatTimeoutMessage(describe.execId, timeoutMs, describe.timeoutRaw), {
        stepId: describe.execId,
      }),
    );
  }, timeoutMs);
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onParentAbort);
    },
  };
}

/** "Step 's' timed out after 1.5s (timeout='1500ms')". */
export function formatTimeoutMessage(execId: string, timeoutMs: number, raw: string | number | null): string {
  const written = raw === null ? '' : ` (timeout=${typeof raw === 'string' ? `'${raw}'` : String(raw)})`;
  return `Step '${execId}' timed out after ${timeoutMs / 1000}s${written}`;
}

/** The error an aborted signal stands for: its StepyardError reason, else RUN_CANCELLED. */
export function describeAbort(signal: AbortSignal): ErrorInfo {
  const reason: unknown = signal.reason;
  if (isStepyardError(reason)) return { code: reason.code, message: reason.message };
  return { code: 'RUN_CANCELLED', message: 'Run cancelled' };
}

/** A run-cancel reason for AbortController.abort(). */
export function createCancelReason(message = 'Run cancelled'): StepyardError {
  return new StepyardError('RUN_CANCELLED', message);
}
