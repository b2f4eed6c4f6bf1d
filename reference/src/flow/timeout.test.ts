import { describe, expect, it } from 'vitest';
import { isStepyardError } from '../errors/stepyard-error.js';
import { parseTimeout, parseTimeoutOrNull } from './timeout.js';

describe('parseTimeout', () => {
  it.each([
    [30, 30_000], [1.5, 1500], ['30', 30_000], [' 1.5 ', 1500], ['1e1', 10_000], ['90s', 90_000], ['5m', 300_000],
    ['1h', 3_600_000], ['250ms', 250], ['1h30m', 5_400_000], ['1m 30s', 90_000], ['2H', 7_200_000], ['.5s', 500],
  ] as const)('%j is %d ms', (raw, ms) => {
    expect(parseTimeout(raw)).toBe(ms);
  });

  it.each([0, -1, '0', '0s', 'abc', '2d', '1h-5m', '', 's', 'inf', Infinity, NaN])('rejects %j with FLOW_TIMEOUT_INVALID', (raw) => {
    let caught: unknown;
    try {
      parseTimeout(raw);
    } catch (error) {
      caught = error;
    }
    expect(isStepyardError(caught) ? caught.code : caught).toBe('FLOW_TIMEOUT_INVALID');
    expect(parseTimeoutOrNull(raw)).toBeNull();
  });

  it('parseTimeoutOrNull gives null for other types', () => {
    expect([true, null, [1], { s: 1 }].map(parseTimeoutOrNull)).toEqual([null, null, null, null]);
  });
});
