import { describe, expect, it } from 'vitest';
import { isStepyardError } from '../errors/stepyard-error.js';
import { parseExpression } from './parser.js';
import type { Expr } from './types.js';

const n = (name: string): Expr => ({ type: 'name', name });
const lit = (value: null | boolean | number | string): Expr => ({ type: 'literal', value });

function errorOf(source: string): { code: string; column?: number } {
  try {
    parseExpression(source);
  } catch (err) {
    if (isStepyardError(err)) return err.location ? { code: err.code, column: err.location.column } : { code: err.code };
    throw err;
  }
  return { code: 'no error' };
}

describe('parseExpression', () => {
  const cases: [string, Expr][] = [
    ['a.b', { type: 'attribute', object: n('a'), name: 'b' }],
    ["a['k']", { type: 'subscript', object: n('a'), index: lit('k') }],
    ['a[1:]', { type: 'slice', object: n('a'), start: lit(1), stop: null, step: null }],
    ['a[::-1]', { type: 'slice', object: n('a'), start: null, stop: null, step: { type: 'unary', op: '-', operand: lit(1) } }],
    ['a[1, 2]', { type: 'subscript', object: n('a'), index: { type: 'tuple', elements: [lit(1), lit(2)] } }],
    ['1 + 2 * 3', { type: 'binary', op: '+', left: lit(1), right: { type: 'binary', op: '*', left: lit(2), right: lit(3) } }],
    ['1 - 2 - 3', { type: 'binary', op: '-', left: { type: 'binary', op: '-', left: lit(1), right: lit(2) }, right: lit(3) }],
    ['2 ** 3 ** 4', { type: 'binary', op: '**', left: lit(2), right: { type: 'binary', op: '**', left: lit(3), right: lit(4) } }],
    ['-2 ** 2', { type: 'unary', op: '-', operand: { type: 'binary', op: '**', left: lit(2), right: lit(2) } }],
    ['a < b <= c', { type: 'compare', left: n('a'), ops: ['<', '<='], comparators: [n('b'), n('c')] }],
    ['a not in b', { type: 'compare', left: n('a'), ops: ['not in'], comparators: [n('b')] }],
    ['a is not None', { type: 'compare', left: n('a'), ops: ['is not'], comparators: [lit(null)] }],
    ['not a and b or c', {
      type: 'logical', op: 'or',
      left: { type: 'logical', op: 'and', left: { type: 'unary', op: 'not', operand: n('a') }, right: n('b') },
      right: n('c'),
    }],
    ['a if b else c', { type: 'conditional', test: n('b'), body: n('a'), orelse: n('c') }],
    ['1, 2', { type: 'tuple', elements: [lit(1), lit(2)] }],
    ['[*a, 1]', { type: 'list', elements: [{ type: 'starred', value: n('a') }, lit(1)] }],
    ['{**a, 1: 2}', { type: 'dict', entries: [{ type: 'double-starred', value: n('a') }, { type: 'pair', key: lit(1), value: lit(2) }] }],
    ['{1}', { type: 'set', elements: [lit(1)] }],
    ['{}', { type: 'dict', entries: [] }],
    ['f(x for x in y)', {
      type: 'call', callee: n('f'),
      args: [{ type: 'positional', value: { type: 'genexp', element: n('x'), generators: [{ target: n('x') as never, iter: n('y'), conditions: [] }] } }],
    }],
    ['f(1, *a, k=2, **d)', {
      type: 'call', callee: n('f'),
      args: [
        { type: 'positional', value: lit(1) }, { type: 'starred', value: n('a') },
        { type: 'keyword', name: 'k', value: lit(2) }, { type: 'double-starred', value: n('d') },
      ],
    }],
    ["{k: v for k, v in d}", {
      type: 'dictcomp', key: n('k'), value: n('v'),
      generators: [{ target: { type: 'tuple', elements: [{ type: 'name', name: 'k' }, { type: 'name', name: 'v' }] }, iter: n('d'), conditions: [] }],
    }],
    ["f'a{x!r:>4}b'", { type: 'fstring', parts: ['a', { expr: n('x'), conversion: 'r', spec: '>4' }, 'b'] }],
    ["f'{d['k']}'", { type: 'fstring', parts: [{ expr: { type: 'subscript', object: n('d'), index: lit('k') }, conversion: null, spec: null }] }],
    ["'a' f'{x}'", { type: 'fstring', parts: ['a', { expr: n('x'), conversion: null, spec: null }] }],
    ["f'plain'", lit('plain')],
    ['true', lit(true)], ['null', lit(null)], ['None', lit(null)],
    ['x.true', { type: 'attribute', object: n('x'), name: 'true' }],
    ['a\n  + b', { type: 'binary', op: '+', left: n('a'), right: n('b') }],
    ['(1)', lit(1)],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(parseExpression(source)).toEqual(expected);
  });
});

describe('parseExpression errors', () => {
  const cases: [string, string, number | undefined][] = [
    ['', 'EXPR_SYNTAX', 1], ['1 +', 'EXPR_SYNTAX', 4], ['a b', 'EXPR_SYNTAX', 3], ['(1', 'EXPR_SYNTAX', 3], ['a.1', 'EXPR_SYNTAX', 2],
    ["'abc", 'EXPR_SYNTAX', 1], ['01', 'EXPR_SYNTAX', 1], ['1j', 'EXPR_SYNTAX', 2], ["b'x'", 'EXPR_SYNTAX', 1], ['a.if', 'EXPR_SYNTAX', 3],
    ['f(a=1, 2)', 'EXPR_SYNTAX', 8], ['f(x for x in y, 1)', 'EXPR_SYNTAX', 15], ["f'{'", 'EXPR_SYNTAX', undefined], ["f'}'", 'EXPR_SYNTAX', 3],
    ['a # c', 'EXPR_SYNTAX', 3], ['a ; b', 'EXPR_SYNTAX', 3], ['import os', 'EXPR_SYNTAX', undefined], ['$', 'EXPR_SYNTAX', 1],
    ['lambda x: x', 'EXPR_NOT_ALLOWED', undefined], ['(y := 2)', 'EXPR_NOT_ALLOWED', undefined], ['{x for x in y}', 'EXPR_NOT_ALLOWED', undefined],
    ['a @ b', 'EXPR_NOT_ALLOWED', undefined], ['yield', 'EXPR_NOT_ALLOWED', undefined], ['await x', 'EXPR_NOT_ALLOWED', undefined],
  ];
  it.each(cases)('%s → %s', (source, code, column) => {
    const err = errorOf(source);
    expect(err.code).toBe(code);
    if (column !== undefined) expect(err.column).toBe(column);
  });

  it('quotes the expression in the message', () => {
    expect(() => parseExpression('a +* b')).toThrow(/'a \+\* b'/);
  });

  it('reports line and column inside multi-line expressions', () => {
    try {
      parseExpression('a +\n  )');
      expect.unreachable();
    } catch (err) {
      expect(isStepyardError(err) && err.location).toEqual({ line: 2, column: 3 });
    }
  });

  it('bounds bracket nesting', () => {
    expect(errorOf('['.repeat(40) + ']'.repeat(40)).code).toBe('no error');
    expect(errorOf('['.repeat(100) + ']'.repeat(100)).code).toBe('EXPR_LIMIT');
    expect(errorOf('-'.repeat(100) + '1').code).toBe('EXPR_LIMIT');
  });

  it('bounds the depth of long operator chains', () => {
    expect(errorOf(Array(200).fill('1').join(' + ')).code).toBe('no error');
    expect(errorOf(Array(300).fill('1').join(' + ')).code).toBe('EXPR_LIMIT');
    expect(errorOf('a' + '.b'.repeat(300)).code).toBe('EXPR_LIMIT');
  });

  it('turns thousands of nested f-strings into EXPR_LIMIT', () => {
    expect(errorOf("f'{".repeat(20_000)).code).toMatch(/EXPR_(LIMIT|SYNTAX)/);
  });

  it('bounds the source length', () => {
    expect(errorOf(`'${'x'.repeat(100_001)}'`).code).toBe('EXPR_LIMIT');
  });
});
