import { describe, expect, it } from 'vitest';
import { checkVisitLimit, readGlobalVisitLimit, resolveVisitLimit } from './visits.js';

describe('visit caps', () => {
  it.each([
    [{}, 1000],
    [{ STEPYARD_MAX_STEP_VISITS: '5' }, 5],
    [{ STEPYARD_MAX_STEP_VISITS: '0' }, 0],
    [{ STEPYARD_MAX_STEP_VISITS: ' 12 ' }, 12],
    [{ STEPYARD_MAX_STEP_VISITS: 'lots' }, 1000],
    [{ STEPYARD_MAX_STEP_VISITS: '-3' }, 1000],
  ])('global limit from %j is %i', (env, limit) => {
    expect(readGlobalVisitLimit(env)).toBe(limit);
  });

  it.each([
    [null, 1000, 1000],
    [2, 1000, 2],
    [0, 1000, 0],
    [null, 0, 0],
  ])('step max_visits %s with global %i → %i', (step, global, limit) => {
    expect(resolveVisitLimit(step, global)).toBe(limit);
  });

  it.each([
    [1, 2, false],
    [2, 2, false],
    [3, 2, true],
    [5000, 0, false],
  ])('visit %i under limit %i exceeds: %s', (count, limit, exceeds) => {
    const error = checkVisitLimit('loop', count, limit);
    expect(error !== null).toBe(exceeds);
    if (error !== null) {
      expect(error.code).toBe('STEP_MAX_VISITS_EXCEEDED');
      expect(error.message).toContain("'loop'");
      expect(error.message).toContain(`max_visits=${limit}`);
    }
  });
});
