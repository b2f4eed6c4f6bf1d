import { describe, expect, it } from 'vitest';
import { formatWithSpec } from './format.js';
import type { Value } from './values.js';

describe('formatWithSpec', () => {
  const cases: [Value, string, string][] = [
    [5, '', '5'], [5, '>4', '   5'], [5, '<4', '5   '], [5, '^5', '  5  '], [5, '*^5', '**5**'], [-5, '05', '-0005'], [5, '+', '+5'], [5, ' ', ' 5'],
    [1234567, ',', '1,234,567'], [1234567, '_', '1_234_567'], [3.14159, '.2f', '3.14'], [2, '.1f', '2.0'], [-2.5, '08.2f', '-0002.50'],
    [1234.5, ',.1f', '1,234.5'], [0.25, '.0%', '25%'], [12345.678, '.3e', '1.235e+04'], [0.0001234, 'g', '0.0001234'],
    [1234567, 'g', '1.23457e+06'], [1.5, '', '1.5'], [1.5, 'G', '1.5'], [255, 'x', 'ff'], [255, '#X', '0XFF'], [8, 'o', '10'], [5, '#b', '0b101'],
    [65, 'c', 'A'], [true, 'd', '1'], ['abc', '>5', '  abc'], ['abc', '.2', 'ab'], ['abc', '-^7', '--abc--'], ['ab', 's', 'ab'],
  ];
  it.each(cases)('%j with %j → %j', (value, spec, expected) => {
    expect(formatWithSpec(value, spec)).toBe(expected);
  });

  it.each([
    [1.5, 'd', 'EXPR_VALUE'], ['a', 'd', 'EXPR_VALUE'], ['a', '+', 'EXPR_VALUE'], [5, 's', 'EXPR_VALUE'], [5, 'zz', 'EXPR_VALUE'],
    [[1], '>3', 'EXPR_TYPE'], [null, '>3', 'EXPR_TYPE'], [1, '999999', 'EXPR_LIMIT'],
  ] as [Value, string, string][])('%j with %j → %s', (value, spec, code) => {
    expect(() => formatWithSpec(value, spec)).toThrow(expect.objectContaining({ code }));
  });
});
