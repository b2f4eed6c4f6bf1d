import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../flow/types.js';
import { isStepyardError } from '../errors/stepyard-error.js';
import { evaluateExpression } from './evaluate.js';
import type { Scope } from './types.js';

const scope: Scope = {
  steps: {
    build: { output: { items: 'from-key', count: 3, list: [1, 2, 3], name: 'app' } },
    'grp.child': { output: 'nested' },
    loop: { output: [{ v: 1 }, { v: 2 }] },
  },
  env: { HOME: '/home/u', EMPTY: '' },
  vars: { n: '42', flag: true },
  trigger: { payload: { ref: 'main' }, type: 'manual' },
  item: 'current',
  index: 2,
  visits: { build: 1 },
};

function evaluate(source: string, s: Scope = scope): JsonValue {
  return evaluateExpression(source, s, { random: () => 0.5 });
}

function codeOf(source: string, s: Scope = scope): string {
  try {
    evaluate(source, s);
  } catch (err) {
    if (isStepyardError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

describe('evaluateExpression values', () => {
  const cases: [string, JsonValue][] = [
    // literals
    ['1', 1], ['1.5', 1.5], ['0x1f', 31], ['0o17', 15], ['0b101', 5], ['1_000', 1000], ['1e3', 1000], ['.5', 0.5],
    ["'a'", 'a'], ['"b"', 'b'], ["'a' 'b'", 'ab'], ["'\\n'", '\n'], ["'\\x41\\u00e9'", 'Aé'], ["r'\\n'", '\\n'],
    ["'''x'y'''", "x'y"], ['True', true], ['False', false], ['None', null], ['true', true], ['false', false], ['null', null],
    // arithmetic
    ['1 + 2 * 3', 7], ['(1 + 2) * 3', 9], ['10 / 4', 2.5], ['10 // 4', 2], ['-7 // 2', -4], ['7 // -2', -4],
    ['-7 % 3', 2], ['7 % -3', -2], ['7.5 % 2', 1.5], ['2 ** 10', 1024], ['2 ** -1', 0.5], ['-2 ** 2', -4], ['2 ** 3 ** 2', 512],
    ['0.1 + 0.2', 0.30000000000000004], ['1 << 4', 16], ['256 >> 4', 16], ['6 & 3', 2], ['6 | 3', 7], ['6 ^ 3', 5], ['~5', -6],
    ['-(-3)', 3], ['+4', 4], ['True + True', 2], ['True & False', false], ['True | False', true], ['2 ** 53 + 1', 9007199254740992],
    // strings and lists
    ["'ab' + 'cd'", 'abcd'], ["'ab' * 3", 'ababab'], ["3 * 'x'", 'xxx'], ["'x' * -1", ''], ['[1] + [2]', [1, 2]], ['[0] * 3', [0, 0, 0]],
    ["'hello'[1]", 'e'], ["'hello'[-1]", 'o'], ["'hello'[1:3]", 'el'], ["'hello'[::-1]", 'olleh'], ['[1, 2, 3, 4][::2]', [1, 3]],
    ['[1, 2, 3][-2:]', [2, 3]], ['[1, 2, 3][5:]', []], ["'héllo'[1]", 'é'], ["'a😀b'[1]", '😀'],
    // comparisons
    ['1 < 2 < 3', true], ['3 > 2 > 2', false], ['1 == 1.0', true], ['True == 1', true], ["'3' == 3", false], ['[1, 2] == [1, 2]', true],
    ["{'a': 1} == {'a': 1}", true], ["'a' < 'b'", true], ['[1, 2] < [1, 3]', true], ['1 != 2', true], ['None is None', true],
    ['1 is not None', true], ["'ell' in 'hello'", true], ['2 in [1, 2]', true], ["'build' in steps", true], ["'x' not in steps", true],
    ['True is 1', false],
    // boolean operators return the deciding operand
    ["0 or 'd'", 'd'], ["'' or None", null], ["1 and 'x'", 'x'], ['[] and 1', []], ['not 0', true], ['not [1]', false],
    ["'y' if 1 else 'n'", 'y'], ["'y' if [] else 'n'", 'n'],
    // displays and comprehensions
    ['[1, *[2, 3], 4]', [1, 2, 3, 4]], ['(1, 2)', [1, 2]], ['(1,)', [1]], ['()', []], ['{1, 2, 2, 1}', [1, 2]],
    ["{'a': 1, **{'b': 2}}", { a: 1, b: 2 }], ['{1: 2}', { '1': 2 }], ['[x * 2 for x in range(4) if x % 2 == 0]', [0, 4]],
    ['[(x, y) for x in [1, 2] for y in [3, 4] if x != y]', [[1, 3], [1, 4], [2, 3], [2, 4]]],
    ["{k: v for k, v in {'a': 1, 'b': 2}.items() if v > 1}", { b: 2 }], ['sum(x for x in [1, 2, 3])', 6],
    ['[a + b for (a, b) in [[1, 2], [3, 4]]]', [3, 7]], ['[c for c in "ab"]', ['a', 'b']], ['[x for x in []]', []],
    ['[[y for y in range(x)] for x in range(3)]', [[], [0], [0, 1]]],
    // f-strings
    ["f'{1 + 1}x'", '2x'], ["f'{steps.build.output.name!r}'", "'app'"], ["f'{3.14159:.2f}'", '3.14'], ["f'{5:>3}|'", '  5|'],
    ["f'{{literal}}'", '{literal}'], ["f'{None}-{True}'", 'None-True'], ["f'{[1, 2]}'", '[1,2]'], ["f'{\"q\"}'", 'q'],
    ["f'{1234567:,}'", '1,234,567'], ["f'{0.5:%}'", '50.000000%'], ["f'{255:x}'", 'ff'], ["f'{7:03d}'", '007'],
    // scope
    ['steps.build.output.count', 3], ["steps['grp.child'].output", 'nested'], ['steps.loop.output[1].v', 2],
    ['env.HOME', '/home/u'], ["env.get('MISSING', 'dflt')", 'dflt'], ["vars.get('missing')", null], ['vars.flag', true],
    ['trigger.payload.ref', 'main'], ['item', 'current'], ['index', 2], ["visits.get('other', 0)", 0],
    // attribute access: an existing key wins over a method name, call position resolves methods
    ['steps.build.output.items', 'from-key'], ['len(steps.build.output.items())', 4], ["sorted(steps.build.output.keys())", ['count', 'items', 'list', 'name']],
    // functions
    ["int('42')", 42], ['int(3.9)', 3], ['int(-3.9)', -3], ["int('ff', 16)", 255], ["int('0x10', 0)", 16], ["float('2.5')", 2.5], ['float(2)', 2],
    ['str(1)', '1'], ['str(2.0)', '2'], ['str(None)', 'None'], ['str(True)', 'True'], ["str({'a': [1]})", '{"a":[1]}'], ['str()', ''],
    ['bool(0)', false], ["bool('False')", true], ["list('ab')", ['a', 'b']], ["tuple([1])", [1]], ["set([3, 1, 3])", [3, 1]],
    ["dict(a=1)", { a: 1 }], ["dict([['x', 1]])", { x: 1 }], ['len([1, 2])', 2], ["len('😀')", 1], ["len({'a': 1})", 1],
    ['min(3, 1, 2)', 1], ['max([1, 5, 2])', 5], ["max(['a', 'bbb', 'cc'], key=len)", 'bbb'], ['min([], default=0)', 0],
    ['sum([1, 2, 3])', 6], ['sum([[1], [2]], [])', [1, 2]], ['abs(-3)', 3], ['round(2.5)', 2], ['round(3.5)', 4], ['round(-0.5)', 0],
    ['round(2.675, 2)', 2.67], ['round(1234, -2)', 1200], ['sorted([3, 1, 2])', [1, 2, 3]], ["sorted(['b', 'A', 'a'], key=str.lower if False else None)", ['A', 'a', 'b']],
    ['sorted([3, 1, 2], reverse=True)', [3, 2, 1]], ['any([0, 1])', true], ['all([])', true], ['range(3)', [0, 1, 2]], ['range(5, 0, -2)', [5, 3, 1]],
    ["enumerate(['a', 'b'], 1)", [[1, 'a'], [2, 'b']]], ['zip([1, 2], "ab")', [[1, 'a'], [2, 'b']]], ['rand()', 0.5], ['randint(10)', 5],
    ['randint(1, 6)', 4],
    // methods
    ["'a,b,,c'.split(',')", ['a', 'b', '', 'c']], ["'  a  b '.split()", ['a', 'b']], ["'a b c'.split(None, 1)", ['a', 'b c']],
    ["'a,b,c'.rsplit(',', 1)", ['a,b', 'c']], ["'-'.join(['a', 'b'])", 'a-b'], ["'  x '.strip()", 'x'], ["'xxaxx'.strip('x')", 'a'],
    ["'abc'.upper()", 'ABC'], ["'hello world'.title()", 'Hello World'], ["'hELLO'.capitalize()", 'Hello'], ["'a-b-c'.replace('-', '_', 1)", 'a_b-c'],
    ["'abc'.startswith(('x', 'a'))", true], ["'abc'.endswith('bc')", true], ["'hello'.find('l')", 2], ["'hello'.rfind('l')", 3],
    ["'hello'.find('z')", -1], ["'banana'.count('a')", 3], ["'123'.isdigit()", true], ["'abc'.isalpha()", true], ["'42'.zfill(5)", '00042'],
    ["'ab'.center(6, '*')", '**ab**'], ["'k=v=w'.partition('=')", ['k', '=', 'v=w']], ["'v1.2'.removeprefix('v')", '1.2'],
    ["'a\\nb\\r\\nc'.splitlines()", ['a', 'b', 'c']], ["[1, 2, 2].count(2)", 2], ["[1, 2, 3].index(2)", 1],
    ["{'a': 1}.items()", [['a', 1]]], ["{'a': 1}.values()", [1]],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });
});

describe('evaluateExpression errors', () => {
  const cases: [string, string][] = [
    ['steps.missing.output', 'EXPR_KEY_NOT_FOUND'], ["steps['missing']", 'EXPR_KEY_NOT_FOUND'], ['env.UNSET', 'EXPR_KEY_NOT_FOUND'],
    ['nope', 'EXPR_UNDEFINED_REFERENCE'], ['nofn(1)', 'EXPR_UNDEFINED_REFERENCE'], ['[1][3]', 'EXPR_INDEX_OUT_OF_RANGE'], ["''[0]", 'EXPR_INDEX_OUT_OF_RANGE'],
    ["1 < 'a'", 'EXPR_TYPE'], ["'a' + 1", 'EXPR_TYPE'], ['None + 1', 'EXPR_TYPE'], ["{'a': 1} < {'a': 2}", 'EXPR_TYPE'], ['None[0]', 'EXPR_TYPE'],
    ["[1]['a']", 'EXPR_TYPE'], ['1.5 << 1', 'EXPR_TYPE'], ['len(5)', 'EXPR_TYPE'], ['(1)(2)', 'EXPR_TYPE'], ['{[1]: 2}', 'EXPR_TYPE'], ['{[1]}', 'EXPR_TYPE'],
    ["int('x')", 'EXPR_VALUE'], ["float('nan')", 'EXPR_VALUE'], ['max([])', 'EXPR_VALUE'], ["[1].index(5)", 'EXPR_VALUE'], ["'a'.split('')", 'EXPR_VALUE'],
    ['[x for (x, y) in [[1]]]', 'EXPR_VALUE'], ['range(1, 2, 0)', 'EXPR_VALUE'],
    ['1 / 0', 'EXPR_ZERO_DIVISION'], ['1 // 0', 'EXPR_ZERO_DIVISION'], ['1 % 0', 'EXPR_ZERO_DIVISION'], ['0 ** -1', 'EXPR_ZERO_DIVISION'],
    ["steps.build.output.update({'a': 1})", 'EXPR_NOT_ALLOWED'], ['steps.build.output.list.append(1)', 'EXPR_NOT_ALLOWED'],
    ["steps.pop('build')", 'EXPR_NOT_ALLOWED'], ['steps.__class__', 'EXPR_NOT_ALLOWED'], ["'{}'.format(1)", 'EXPR_NOT_ALLOWED'], ['_secret', 'EXPR_NOT_ALLOWED'],
    ['lambda: 1', 'EXPR_NOT_ALLOWED'], ['(x := 1)', 'EXPR_NOT_ALLOWED'], ['{x for x in [1]}', 'EXPR_NOT_ALLOWED'], ["'%s' % 1", 'EXPR_NOT_ALLOWED'],
    ['steps.constructor', 'EXPR_KEY_NOT_FOUND'], ['steps.toString', 'EXPR_KEY_NOT_FOUND'], ['steps.hasOwnProperty', 'EXPR_KEY_NOT_FOUND'],
    ["steps['__proto__']", 'EXPR_KEY_NOT_FOUND'], ["{}['constructor']", 'EXPR_KEY_NOT_FOUND'], ['[].constructor', 'EXPR_KEY_NOT_FOUND'],
    ["''.constructor", 'EXPR_KEY_NOT_FOUND'], ['steps.build.output', 'no error'],
    ['2 ** 5000000', 'EXPR_LIMIT'], ['1 << 10001', 'EXPR_LIMIT'], ["'x' * 100001", 'EXPR_LIMIT'], ['range(10001)', 'EXPR_LIMIT'],
    ['[0] * 10001', 'EXPR_LIMIT'], ['[x for x in range(101) for y in range(100)]', 'EXPR_LIMIT'], ['10.0 ** 400', 'EXPR_LIMIT'],
    ['[1 for x in range(10000) for y in range(10000) if False]', 'EXPR_LIMIT'], ["'ab' * 60000", 'EXPR_LIMIT'],
    ['1 +', 'EXPR_SYNTAX'], ['', 'EXPR_SYNTAX'], ['a b', 'EXPR_SYNTAX'], ["'unterminated", 'EXPR_SYNTAX'], ['1 # comment', 'EXPR_SYNTAX'],
    ['print', 'EXPR_UNDEFINED_REFERENCE'], ['len', 'EXPR_TYPE'], ['steps.build.output.keys', 'no error'],
  ];
  it.each(cases)('%s → %s', (source, code) => {
    if (source === 'steps.build.output.keys') {
      // A bare method is not a value.
      expect(codeOf(source)).toBe('EXPR_TYPE');
      return;
    }
    expect(codeOf(source)).toBe(code);
  });

  it('names the missing key and lists the available keys', () => {
    expect(() => evaluate('steps.nope')).toThrow(/'nope'.*'build', 'grp\.child', 'loop'/);
  });

  it('lists the names in scope for an undefined name', () => {
    expect(() => evaluate('stepz')).toThrow(/'stepz'.*'steps'/);
  });

  it('caps the list of available keys', () => {
    const big: Scope = { d: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])) };
    expect(() => evaluate('d.zz', big)).toThrow(/80 more/);
  });

  it('includes the expression text in the message', () => {
    expect(() => evaluate('1 / 0')).toThrow(/'1 \/ 0'/);
  });

  it('reports the column of a syntax error', () => {
    try {
      evaluate('1 + )');
      expect.unreachable();
    } catch (err) {
      expect(isStepyardError(err) && err.location).toEqual({ line: 1, column: 5 });
    }
  });

  it('stops at the step budget', () => {
    expect(() => evaluateExpression('[x for x in range(1000)]', {}, { maxSteps: 500 })).toThrow(/budget/);
  });

  it('turns very deeply nested scope values into EXPR_LIMIT', () => {
    let deep: JsonValue = 1;
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(codeOf('x == x', { x: deep })).toBe('EXPR_LIMIT');
  });
});

describe('evaluateExpression purity and immutability', () => {
  it('never mutates the scope', () => {
    const s = { d: { a: [1, 2] } };
    const before = JSON.stringify(s);
    evaluate("[d.a + [3], {**d, 'b': 1}, sorted(d.a, reverse=True)]", s);
    expect(JSON.stringify(s)).toBe(before);
  });

  it('treats __proto__ as an ordinary key in built dicts', () => {
    const value = evaluate("{'__proto__': 1, 'a': 2}") as Record<string, JsonValue>;
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('reads an own key named like a prototype member', () => {
    expect(evaluate('d.constructor', { d: JSON.parse('{"constructor": 5}') as JsonValue })).toBe(5);
  });

  it('uses options.random for rand and randint', () => {
    expect(evaluateExpression('[rand(), randint(100)]', {}, { random: () => 0.25 })).toEqual([0.25, 25]);
  });

  it('accepts a parsed AST', () => {
    expect(evaluateExpression({ type: 'binary', op: '+', left: { type: 'literal', value: 1 }, right: { type: 'name', name: 'x' } }, { x: 2 })).toBe(3);
  });
});
