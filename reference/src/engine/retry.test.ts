import { describe, expect, it } from 'vitest';
import { buildRetrySchedule, computeRetryDelayMs, countAttempts } from './retry.js';

describe('retry schedule', () => {
  it.each([
    { retry: null, attempts: 1, schedule: [] },
    { retry: { attempts: 1, initialDelayMs: 1000, backoffFactor: 2 }, attempts: 1, schedule: [] },
    { retry: { attempts: 3, initialDelayMs: 1000, backoffFactor: 2 }, attempts: 3, schedule: [1000, 2000] },
    { retry: { attempts: 3, initialDelayMs: 300, backoffFactor: 3 }, attempts: 3, schedule: [300, 900] },
    { retry: { attempts: 4, initialDelayMs: 0, backoffFactor: 2 }, attempts: 4, schedule: [0, 0, 0] },
    { retry: { attempts: 3, initialDelayMs: 500, backoffFactor: 1 }, attempts: 3, schedule: [500, 500] },
    { retry: { attempts: 0, initialDelayMs: 500, backoffFactor: 1 }, attempts: 1, schedule: [] },
  ])('$retry gives $attempts attempts and waits $schedule', ({ retry, attempts, schedule }) => {
    expect(countAttempts(retry)).toBe(attempts);
    expect(buildRetrySchedule(retry)).toEqual(schedule);
  });

  it('waits initial × factor^(k-1) before retry k', () => {
    const retry = { attempts: 10, initialDelayMs: 100, backoffFactor: 2 };
    expect([1, 2, 3, 4].map((k) => computeRetryDelayMs(retry, k))).toEqual([100, 200, 400, 800]);
  });
});
