import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../flow/types.js';
import { isTruthy } from './truthiness.js';

describe('isTruthy', () => {
  const cases: [JsonValue, boolean][] = [
    ['false', false], ['False', false], ['FALSE', false], ['0', false], ['no', false], ['No', false], ['none', false], ['None', false], ['', false],
    ['off', true], ['n', true], ['null', true], ['true', true], ['yes', true], [' false', true], ['0.0', true],
    [0, false], [0.0, false], [1, true], [-1, true], [null, false], [false, false], [true, true],
    [[], false], [[0], true], [{}, false], [{ a: null }, true],
  ];
  it.each(cases)('%j → %s', (value, expected) => {
    expect(isTruthy(value)).toBe(expected);
  });
});
