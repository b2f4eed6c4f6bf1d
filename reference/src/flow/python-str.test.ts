import { describe, expect, it } from 'vitest';
import { formatPythonFloat } from './python-str.js';

describe('formatPythonFloat', () => {
  it.each([
    [1, '1.0'], [0.95, '0.95'], [1000, '1000.0'], [-2.5, '-2.5'], [0, '0.0'], [-0, '-0.0'], [1e16, '1e+16'],
    [1e15, '1000000000000000.0'], [1.5e16, '1.5e+16'], [0.0001, '0.0001'], [0.00001, '1e-05'], [1.5e-7, '1.5e-07'],
    [1e100, '1e+100'], [123.456, '123.456'], [Infinity, 'inf'], [-Infinity, '-inf'], [NaN, 'nan'], [0.1 + 0.2, '0.30000000000000004'],
  ])('%d → %s', (value, text) => {
    expect(formatPythonFloat(value)).toBe(text);
  });
});
