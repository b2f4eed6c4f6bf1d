import { describe, expect, it } from 'vitest';
import { isStepyardError } from '../errors/stepyard-error.js';
import { normalizeRetry } from './retry.js';

describe('normalizeRetry', () => {
  it.each([
    [undefined, null],
    [null, null],
    [0, { attempts: 1, initialDelayMs: 1000, backoffFactor: 2 }],
    [-4, { attempts: 1, initialDelayMs: 1000, backoffFactor: 2 }],
    [3, { attempts: 3, initialDelayMs: 1000, backoffFactor: 2 }],
    ['4', { attempts: 4, initialDelayMs: 1000, backoffFactor: 2 }],
    [true, { attempts: 1, initialDelayMs: 1000, backoffFactor: 2 }],
    [{}, { attempts: 3, initialDelayMs: 1000, backoffFactor: 2 }],
    [{ attempts: 5, initial_delay: 0.3, backoff_factor: 3 }, { attempts: 5, initialDelayMs: 300, backoffFactor: 3 }],
    [{ attempts: '2', initial_delay: '0', backoff_factor: 1 }, { attempts: 2, initialDelayMs: 0, backoffFactor: 1 }],
    [{ attempts: 0 }, { attempts: 1, initialDelayMs: 1000, backoffFactor: 2 }],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeRetry(raw)).toEqual(expected);
  });

  it.each([[2.5], ['x'], [[1]], [{ attempts: 1.5 }], [{ initial_delay: -1 }], [{ backoff_factor: 'fast' }]])('rejects %j', (raw) => {
    let caught: unknown;
    try {
      normalizeRetry(raw);
    } catch (error) {
      caught = error;
    }
    expect(isStepyardError(caught) ? caught.code : caught).toBe('FLOW_RETRY_INVALID');
  });
});
