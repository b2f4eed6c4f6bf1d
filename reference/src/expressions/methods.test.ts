import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../flow/types.js';
import { evaluateExpression } from './evaluate.js';

const evaluate = (source: string): JsonValue => evaluateExpression(source, { s: 'Hello, World', d: { items: 1, k: 'v' }, l: [3, 1, 2] });

describe('str methods', () => {
  const cases: [string, JsonValue][] = [
    ["s.lower()", 'hello, world'], ["s.swapcase()", 'hELLO, wORLD'], ["'  a '.lstrip()", 'a '], ["'  a '.rstrip()", '  a'],
    ["'a  b  c'.split(maxsplit=1)", ['a', 'b  c']], ["'  a b c  '.rsplit(None, 1)", ['  a b', 'c']], ["'a,b'.split(',', 0)", ['a,b']],
    ["''.split()", []], ["''.split(',')", ['']], ["'aaa'.replace('a', 'b', 2)", 'bba'], ["'ab'.replace('', '-')", '-a-b-'], ["'ab'.replace('', '-', 2)", '-a-b'],
    ["s.find('o', 5)", 8], ["s.index('World')", 7], ["s.rindex('o')", 8], ["'😀a'.find('a')", 1], ["s.count('l')", 3], ["''.count('')", 1],
    ["'abc'.isupper()", false], ["'ABC'.isupper()", true], ["'abc'.islower()", true], ["' \\t'.isspace()", true], ["''.isdigit()", false],
    ["'Ab1'.isalnum()", true], ["'Title Case'.istitle()", true], ["'-42'.zfill(5)", '-0042'], ["'x'.ljust(3, '.')", 'x..'], ["'x'.rjust(3)", '  x'],
    ["'abc'.center(4)", 'abc '], ["'a=b=c'.rpartition('=')", ['a=b', '=', 'c']], ["'abc'.partition('x')", ['abc', '', '']],
    ["'file.txt'.removesuffix('.txt')", 'file'], ["'a\\nb\\n'.splitlines(True)", ['a\n', 'b\n']], ["\"they're\".title()", "They'Re"],
    ["'ß'.upper()", 'SS'],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });
});

describe('dict and list methods', () => {
  it.each([
    ["d.get('k')", 'v'], ["d.get('zz', 0)", 0], ['d.items', 1], ["d['items']", 1], ['d.copy()', { items: 1, k: 'v' }], ['l.copy()', [3, 1, 2]],
    ['l.index(2)', 2], ['[1, 2, 1].index(1, 1)', 2],
  ] as [string, JsonValue][])('%s', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  it.each([
    ['l.sort()', 'EXPR_NOT_ALLOWED'], ['l.reverse()', 'EXPR_NOT_ALLOWED'], ['l.pop', 'EXPR_NOT_ALLOWED'], ["d.setdefault('a', 1)", 'EXPR_NOT_ALLOWED'],
    ['d.clear()', 'EXPR_NOT_ALLOWED'], ['s.format_map(d)', 'EXPR_NOT_ALLOWED'], ['s.__len__()', 'EXPR_NOT_ALLOWED'], ['s.nosuch()', 'EXPR_KEY_NOT_FOUND'],
    ["s.split(1)", 'EXPR_TYPE'], ["s.upper(1)", 'EXPR_TYPE'], ["d.get()", 'EXPR_TYPE'], ["d.get('a', k=1)", 'EXPR_TYPE'], ["','.join([1])", 'EXPR_TYPE'],
    ["s.index('zz')", 'EXPR_VALUE'], ["'x'.center(200000)", 'EXPR_LIMIT'], ["('x' * 50000).replace('x', 'yyy')", 'EXPR_LIMIT'],
  ])('%s → %s', (source, code) => {
    expect(() => evaluate(source)).toThrow(expect.objectContaining({ code }));
  });
});
