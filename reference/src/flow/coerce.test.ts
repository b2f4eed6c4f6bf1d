import { describe, expect, it } from 'vitest';
import { coerceBoolean, coerceInteger, coerceNumber, LAX_BOOLEAN_PATTERN } from './coerce.js';

describe('lax coercions (pydantic lax mode)', () => {
  it('coerceBoolean accepts booleans, 0/1 and the words in any case', () => {
    const inputs = [true, false, 0, 1, 'yes', 'No', 'ON', 'off', 'y', 'N', 't', 'F', 'TRUE', '1', '0', 2, 'maybe', ' yes', null];
    expect(inputs.map(coerceBoolean)).toEqual([
      true, false, false, true, true, false, true, false, true, false, true, false, true, true, false,
      undefined, undefined, undefined, undefined,
    ]);
  });

  it('LAX_BOOLEAN_PATTERN matches exactly the strings coerceBoolean accepts', () => {
    const pattern = new RegExp(LAX_BOOLEAN_PATTERN);
    for (const word of ['yes', 'YeS', 'off', 'T', '0', 'maybe', 'yess', ' on']) {
      expect([word, pattern.test(word)]).toEqual([word, coerceBoolean(word) !== undefined]);
    }
  });

  it('coerceInteger accepts integers, booleans and integer strings only', () => {
    expect([3, 3.5, true, false, '3', ' -2 ', '3.0', 'x', null].map(coerceInteger)).toEqual([
      3, undefined, 1, 0, 3, -2, undefined, undefined, undefined,
    ]);
  });

  it('coerceNumber accepts finite numbers, booleans and numeric strings', () => {
    expect([0.5, Infinity, true, '0.5', '1e3', '.5', 'x'].map(coerceNumber)).toEqual([0.5, undefined, 1, 0.5, 1000, 0.5, undefined]);
  });
});
