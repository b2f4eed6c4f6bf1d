import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../flow/types.js';
import { isStepyardError } from '../errors/stepyard-error.js';
import { hasTemplate, resolveTemplates, scanTemplates } from './template.js';
import type { Scope } from './types.js';

const scope: Scope = { vars: { a: 'A', b: 'B', n: 3 }, steps: { s: { output: { list: [1, 'x'], map: { k: 'v' }, none: null, f: 2.5 } } } };

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (isStepyardError(err)) return err.code;
    throw err;
  }
  return 'no error';
}

describe('resolveTemplates', () => {
  const cases: [unknown, JsonValue][] = [
    ['${{ vars.n }}', 3], ['  ${{ vars.n }}  ', 3], ['${{ steps.s.output.list }}', [1, 'x']], ['${{ steps.s.output.none }}', null],
    ['${{vars.a}}', 'A'], ['${{\n  vars.a\n}}', 'A'], ['${{ vars.a +\n vars.b }}', 'AB'],
    ['${{ vars.a }}-${{ vars.b }}', 'A-B'], ['${{ 1 }}${{ 2 }}', '12'], ['${{ 1 }} and ${{ 2 }}', '1 and 2'],
    ['n=${{ vars.n }}', 'n=3'], [' x ${{ vars.n }} ', ' x 3 '], ['${{ 10 / 5 }}!', '2!'], ['${{ steps.s.output.f }}!', '2.5!'],
    ['${{ True }}!', 'True!'], ['${{ None }}!', 'None!'], ['${{ steps.s.output.list }}!', '[1,"x"]!'],
    ['${{ steps.s.output.map }}!', '{"k":"v"}!'], ["${{ {'a': {'b': 1}} }}", { a: { b: 1 } }], ["${{ '}}' }}", '}}'],
    ["${{ {'a': 1}['a'] }}-${{ '}}' + '{' }}", '1-}}{'], ['$${{ vars.a }}', '${{ vars.a }}'], ['$${{ x }} ${{ vars.a }}', '${{ x }} A'],
    ['cost: $5 {x} }}', 'cost: $5 {x} }}'], ['$$${{ vars.a }}', '$${{ vars.a }}'],
    [{ k: '${{ vars.n }}', '${{ vars.a }}': ['${{ vars.a }}', 2] }, { k: 3, '${{ vars.a }}': ['A', 2] }],
    [7, 7], [true, true], [null, null], [['a', { b: '${{ vars.b }}' }], ['a', { b: 'B' }]],
  ];
  it.each(cases)('%j', (input, expected) => {
    expect(resolveTemplates(input, scope)).toEqual(expected);
  });

  it('raises EXPR_SYNTAX for unterminated and empty templates', () => {
    expect(codeOf(() => resolveTemplates('a ${{ vars.a', scope))).toBe('EXPR_SYNTAX');
    expect(codeOf(() => resolveTemplates('${{ }}', scope))).toBe('EXPR_SYNTAX');
    expect(codeOf(() => resolveTemplates("${{ 'open }}", scope))).toBe('EXPR_SYNTAX');
  });

  it('propagates evaluation errors with their codes', () => {
    expect(codeOf(() => resolveTemplates('x ${{ vars.missing }}', scope))).toBe('EXPR_KEY_NOT_FOUND');
  });

  it('keeps __proto__ keys as plain data', () => {
    const input = JSON.parse('{"__proto__": "${{ vars.a }}"}') as JsonValue;
    const out = resolveTemplates(input, scope) as Record<string, JsonValue>;
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('A');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('bounds interpolated output', () => {
    expect(codeOf(() => resolveTemplates("${{ 'x' * 60000 }}${{ 'y' * 60000 }}", scope))).toBe('EXPR_LIMIT');
  });
});

describe('scanTemplates', () => {
  it('splits literal and expression parts with offsets', () => {
    expect(scanTemplates('a ${{ x }}b$${{c')).toEqual([
      { kind: 'literal', text: 'a ' },
      { kind: 'expression', source: 'x', raw: '${{ x }}', offset: 2 },
      { kind: 'literal', text: 'b${{c' },
    ]);
  });

  it('finds the closing braces with the lexer', () => {
    expect(scanTemplates("${{ {'a': '}}'} }}")).toEqual([{ kind: 'expression', source: "{'a': '}}'}", raw: "${{ {'a': '}}'} }}", offset: 0 }]);
  });

  it('reports the line and column of an unterminated template', () => {
    try {
      scanTemplates('ok\n  ${{ x');
      expect.unreachable();
    } catch (err) {
      expect(isStepyardError(err) && [err.code, err.location]).toEqual(['EXPR_SYNTAX', { line: 2, column: 3 }]);
    }
  });

  it('turns absurd nesting into EXPR_LIMIT instead of a crash', () => {
    expect(codeOf(() => scanTemplates(`\${{ ${"f'{".repeat(20_000)} }}`))).toMatch(/EXPR_(LIMIT|SYNTAX)/);
  });
});

describe('hasTemplate', () => {
  it.each([
    ['${{ x }}', true], ['a ${{', true], ['plain', false], ['$${{ x }}', false], ['$$${{ x }}', false], ['$${{ a }} ${{ b }}', true], ['${ {x} }', false],
  ])('%s → %s', (text, expected) => {
    expect(hasTemplate(text)).toBe(expected);
  });
});
