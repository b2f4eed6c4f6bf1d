import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../flow/types.js';
import { evaluateExpression } from './evaluate.js';
import { listFunctionNames } from './functions.js';

const evaluate = (source: string): JsonValue => evaluateExpression(source, { words: ['bb', 'a', 'ccc'], d: { b: 2, a: 1 } }, { random: () => 0.999 });

describe('built-in functions', () => {
  it('provides exactly the documented functions', () => {
    expect(listFunctionNames()).toEqual([
      'abs', 'all', 'any', 'bool', 'dict', 'enumerate', 'float', 'int', 'len', 'list', 'max', 'min', 'rand', 'randint', 'range', 'round',
      'set', 'sorted', 'str', 'sum', 'tuple', 'zip',
    ]);
  });

  const cases: [string, JsonValue][] = [
    ['sorted(words, key=len)', ['a', 'bb', 'ccc']], ['sorted(d)', ['a', 'b']], ['min(words, key=len)', 'a'], ['max(3, 7, key=str)', 7],
    ["max([], default='none')", 'none'], ['sorted([[2, 1], [1, 2]])', [[1, 2], [2, 1]]], ['sum([0.5, 0.25], 1)', 1.75], ['sum([True, True])', 2],
    ['list(d)', ['b', 'a']], ['list(d.items())', [['b', 2], ['a', 1]]], ['dict(d, c=3)', { b: 2, a: 1, c: 3 }], ["dict(['ab'])", { a: 'b' }],
    ['int(True)', 1], ['int()', 0], ['float()', 0], ["int(' 12 ')", 12], ['abs(-2.5)', 2.5], ['round(-1.5)', -2], ['round(1.25, 1)', 1.2],
    ['enumerate(words)', [[0, 'bb'], [1, 'a'], [2, 'ccc']]], ['zip()', []], ['zip([1, 2, 3], [4])', [[1, 4]]], ['range(2, 8, 3)', [2, 5]],
    ['range(0)', []], ['range(-3)', []], ['any([])', false], ["all(['a', 1])", true], ['randint(10)', 9], ['randint(1, 3)', 3], ['len(range(10000))', 10000],
    ['bool([])', false], ["set('abca')", ['a', 'b', 'c']], ['set([1, True, 1.0])', [1]],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  it.each([
    ["sum(['a'])", 'EXPR_TYPE'], ["sum([1], 'x')", 'EXPR_TYPE'], ['sorted([1, "a"])', 'EXPR_TYPE'], ['sorted(words, len)', 'EXPR_TYPE'],
    ['sorted(words, key=1)', 'EXPR_TYPE'], ['len()', 'EXPR_TYPE'], ['len(1, 2)', 'EXPR_TYPE'], ['int(None)', 'EXPR_TYPE'], ["int(1, 2)", 'EXPR_TYPE'],
    ['abs("x")', 'EXPR_TYPE'], ['round("x")', 'EXPR_TYPE'], ['min()', 'EXPR_TYPE'], ['len(k=1)', 'EXPR_TYPE'], ['str(1, x=2)', 'EXPR_TYPE'],
    ["dict([1])", 'EXPR_VALUE'], ['randint(3, 1)', 'EXPR_VALUE'], ['min([])', 'EXPR_VALUE'], ['range(0, 100000, 1)', 'EXPR_LIMIT'],
    ['getattr(d, "a")', 'EXPR_UNDEFINED_REFERENCE'], ['open("x")', 'EXPR_UNDEFINED_REFERENCE'], ['__import__("os")', 'EXPR_NOT_ALLOWED'],
  ])('%s → %s', (source, code) => {
    expect(() => evaluate(source)).toThrow(expect.objectContaining({ code }));
  });
});
