import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { laxBoolean, laxInteger, laxNumber, stringMap } from './lax.js';

describe('lax coercions (the original flows rely on them)', () => {
  it.each([
    [true, true],
    [false, false],
    ['yes', true],
    ['No', false],
    ['ON', true],
    ['off', false],
    ['t', true],
    ['F', false],
    ['y', true],
    ['n', false],
    ['1', true],
    ['0', false],
    [1, true],
    [0, false],
  ])('laxBoolean %j → %j', (input, output) => {
    expect(laxBoolean().parse(input)).toBe(output);
  });

  it.each([['maybe'], [2], [null], [''], [[]], ['yes ']])('laxBoolean rejects %j', (input) => {
    expect(laxBoolean().safeParse(input).success).toBe(false);
  });

  it.each([
    [42, 42],
    ['42', 42],
    [' -7 ', -7],
    [4.0, 4],
    [true, 1],
  ])('laxInteger %j → %j', (input, output) => {
    expect(laxInteger().parse(input)).toBe(output);
  });

  it.each([['4.5'], [4.5], ['x'], [null], ['']])('laxInteger rejects %j', (input) => {
    expect(laxInteger().safeParse(input).success).toBe(false);
  });

  it.each([
    ['1.5', 1.5],
    [2, 2],
    ['1e3', 1000],
    ['.5', 0.5],
    [false, 0],
  ])('laxNumber %j → %j', (input, output) => {
    expect(laxNumber().parse(input)).toBe(output);
  });

  it('laxNumber rejects words', () => {
    expect(laxNumber().safeParse('fast').success).toBe(false);
  });

  it('stringMap turns numbers and booleans into strings, rejects lists', () => {
    expect(stringMap().parse({ a: 'x', b: 5, c: true })).toEqual({ a: 'x', b: '5', c: 'true' });
    expect(stringMap().safeParse({ a: [1] }).success).toBe(false);
  });

  it('the JSON Schema of a lax boolean accepts exactly what zod accepts', () => {
    const json = z.toJSONSchema(laxBoolean(), { io: 'input' }) as { anyOf: Array<{ type: string; pattern?: string }> };
    const pattern = new RegExp(json.anyOf.find((branch) => branch.type === 'string')?.pattern ?? '$^');
    for (const word of ['YES', 'no', 'On', 'T']) expect(pattern.test(word)).toBe(true);
    expect(pattern.test('maybe')).toBe(false);
  });
});
