import { describe, expect, it } from 'vitest';
import { isStepyardError } from '../errors/stepyard-error.js';
import { decideNext, resolveNextIndex } from './navigation.js';

const ids = ['a', 'Build', 'done', 'c'];

describe('decideNext', () => {
  it.each([
    [null, { kind: 'default' }],
    ['', { kind: 'default' }],
    ['next', { kind: 'default' }],
    ['  Continue ', { kind: 'default' }],
    ['end', { kind: 'end' }],
    ['DONE', { kind: 'end' }],
    ['__end__', { kind: 'end' }],
    ['$end', { kind: 'end' }],
    ['stop', { kind: 'end' }],
    ['a', { kind: 'goto', target: 'a' }],
    [' c ', { kind: 'goto', target: 'c' }],
    ['build', { kind: 'goto', target: 'Build' }],
    [{ target: 'c' }, { kind: 'goto', target: 'c' }],
    [{ step: 'a' }, { kind: 'goto', target: 'a' }],
    [{ id: 'end' }, { kind: 'end' }],
    [{ target: '', step: 'c' }, { kind: 'goto', target: 'c' }],
    [{ other: 'c' }, { kind: 'default' }],
  ] as const)('%j → %j', (value, decision) => {
    expect(decideNext(value as never, ids, 'a')).toEqual(decision);
  });

  it('keywords win over a step with the same id', () => {
    expect(decideNext('done', ids, 'a')).toEqual({ kind: 'end' });
  });

  it('an unknown target is STEP_NEXT_UNKNOWN naming both steps', () => {
    try {
      decideNext('nowhere', ids, 'a');
      expect.unreachable();
    } catch (error) {
      expect(isStepyardError(error) && error.code).toBe('STEP_NEXT_UNKNOWN');
      expect(String(error)).toContain("'nowhere'");
      expect(String(error)).toContain("'a'");
    }
  });
});

describe('resolveNextIndex', () => {
  it.each([
    [{ kind: 'default' }, 1, 2],
    [{ kind: 'default' }, 3, 4],
    [{ kind: 'end' }, 0, 4],
    [{ kind: 'goto', target: 'a' }, 3, 0],
  ] as const)('%j from %i → %i', (decision, from, to) => {
    expect(resolveNextIndex(decision, ids, from)).toBe(to);
  });
});
