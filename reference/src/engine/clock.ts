// The real clock and a fake one whose sleeps return at once and advance virtual time.
import type { Clock } from './types.js';

/** The wall clock, with timer-based sleeps that honour an AbortSignal. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepFor(ms, signal),
};

/** Sleep `ms` with real timers; rejects with the signal's reason when aborted. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A clock for tests: `sleep` resolves immediately, advances `now` and records the requested delay. */
export interface FakeClock extends Clock {
  /** Every delay passed to sleep, in order. */
  readonly sleeps: number[];
  /** Move virtual time forward. */
  advance(ms: number): void;
}

/** Create a fake clock starting at `startMs` (default 2026-01-01T00:00:00Z). */
export function createFakeClock(startMs = Date.UTC(2026, 0, 1)): FakeClock {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance(ms) {
      now += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
}
