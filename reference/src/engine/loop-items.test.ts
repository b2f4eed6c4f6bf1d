import { describe, expect, it } from 'vitest';
import { normalizeLoopItems } from './loop-items.js';

describe('normalizeLoopItems', () => {
  it.each([
    [[1, 2], [1, 2]],
    [[], []],
    ['[4, 5]', [4, 5]],
    ["'a'", ['a']],
    ['(1, 2)', [1, 2]],
    ['a, b,c', ['a', 'b', 'c']],
    ['single', ['single']],
    ['7', [7]],
    [3, [3]],
    [{ k: 1 }, [{ k: 1 }]],
    [true, [true]],
    ["['x', {'y': 1}]", ['x', { y: 1 }]],
    ['f(1), g(2)', ['f(1)', 'g(2)']],
  ] as const)('%j → %j', (value, items) => {
    expect(normalizeLoopItems(value as never)).toEqual(items);
  });
});
