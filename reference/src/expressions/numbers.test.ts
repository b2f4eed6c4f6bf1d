import { describe, expect, it } from 'vitest';
import { parseFloatText, parseIntText, roundHalfEven } from './numbers.js';

describe('parseIntText', () => {
  it.each([
    ['42', 10, 42], [' -7 ', 10, -7], ['+3', 10, 3], ['1_000', 10, 1000], ['ff', 16, 255], ['0xff', 16, 255], ['0x1F', 0, 31],
    ['0o17', 0, 15], ['0b101', 0, 5], ['z', 36, 35], ['10', 2, 2], ['0', 0, 0], ['000', 0, 0],
  ] as [string, number, number][])('int(%j, %d) = %d', (text, base, expected) => {
    expect(parseIntText(text, base)).toBe(expected);
  });

  it.each([['x', 10], ['4.2', 10], ['', 10], ['_1', 10], ['1__0', 10], ['12', 2], ['010', 0], ['1', 1], ['1', 37]] as [string, number][])(
    'int(%j, %d) raises EXPR_VALUE',
    (text, base) => {
      expect(() => parseIntText(text, base)).toThrow(expect.objectContaining({ code: 'EXPR_VALUE' }));
    },
  );
});

describe('parseFloatText', () => {
  it.each([['2.5', 2.5], [' 1e3 ', 1000], ['-.5', -0.5], ['5.', 5], ['1_0.5', 10.5], ['-0', 0]] as [string, number][])('float(%j)', (text, expected) => {
    expect(parseFloatText(text)).toBe(expected);
  });

  it.each(['inf', '-Infinity', 'nan', 'abc', '1e', ''])('float(%j) raises EXPR_VALUE', (text) => {
    expect(() => parseFloatText(text)).toThrow(expect.objectContaining({ code: 'EXPR_VALUE' }));
  });
});

describe('roundHalfEven', () => {
  it.each([
    [2.5, 0, 2], [3.5, 0, 4], [-2.5, 0, -2], [0.5, 0, 0], [1.5, 0, 2], [2.675, 2, 2.67], [0.125, 2, 0.12], [0.375, 2, 0.38],
    [1234.5678, 2, 1234.57], [1250, -2, 1200], [1350, -2, 1400], [1e-320, 2, 0], [123.456, 10, 123.456], [7, 400, 7], [7, -400, 0],
  ] as [number, number, number][])('round(%d, %d) = %d', (x, nd, expected) => {
    expect(roundHalfEven(x, nd)).toBe(expected);
  });
});
