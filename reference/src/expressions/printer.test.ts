import { describe, expect, it } from 'vitest';
import { parseExpression } from './parser.js';
import { printExpression } from './printer.js';

describe('printExpression', () => {
  const cases: [string, string][] = [
    ['a+b*c', 'a + b * c'], ['(a+b)*c', '(a + b) * c'], ['a-(b-c)', 'a - (b - c)'], ['(a-b)-c', 'a - b - c'],
    ['(2**3)**4', '(2 ** 3) ** 4'], ['2**3**4', '2 ** 3 ** 4'], ['(-2)**2', '(-2) ** 2'], ['-2**2', '-2 ** 2'], ['2**-1', '2 ** -1'],
    ['(a<b)<c', '(a < b) < c'], ['a<b<c', 'a < b < c'], ['not(a and b)', 'not (a and b)'], ['(a or b) and c', '(a or b) and c'],
    ['(a if b else c) if d else e', '(a if b else c) if d else e'], ['a if b else c if d else e', 'a if b else c if d else e'],
    ['(1,)', '(1,)'], ['1, 2', '(1, 2)'], ['()', '()'], ['{1, 2}', '{1, 2}'], ["{'a': 1, **d}", "{'a': 1, **d}"],
    ['[x for x in y if x]', '[x for x in y if x]'], ['[x for x in (a if b else c)]', '[x for x in (a if b else c)]'],
    ['f(x for x in y)', 'f((x for x in y))'], ['f(*a, k=1, **d)', 'f(*a, k=1, **d)'], ['(1).real', '(1).real'],
    ["'it\\'s\\n'", "'it\\'s\\n'"], ['"q"', "'q'"], ['True', 'True'], ['true', 'True'], ['null', 'None'], ['1e21', '1e+21'],
    ["f'a{x!r:>4}{{b}}'", "f'a{x!r:>4}{{b}}'"], ["f'{ {1: 2}}'", "f'{ {1: 2}}'"], ['a[1:2:3]', 'a[1:2:3]'], ['a[:]', 'a[:]'],
    ['a[1, 2]', 'a[(1, 2)]'], ['[*(a or b)]', '[*(a or b)]'], ['-(not a)', '-(not a)'],
  ];
  it.each(cases)('%s prints as %s', (source, printed) => {
    const ast = parseExpression(source);
    expect(printExpression(ast)).toBe(printed);
    expect(parseExpression(printed)).toEqual(ast);
  });

  it('escapes lone surrogates and control characters', () => {
    const ast = { type: 'literal' as const, value: '\ud800\x01😀' };
    expect(printExpression(ast)).toBe("'\\ud800\\x01😀'");
    expect(parseExpression(printExpression(ast))).toEqual(ast);
  });
});
