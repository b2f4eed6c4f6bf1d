// Property tests: print/parse round trip, evaluation totality, template escaping.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { test } from '@fast-check/vitest';
import type { JsonValue } from '../flow/types.js';
import { isStepyardError } from '../errors/stepyard-error.js';
import { evaluateExpression } from './evaluate.js';
import { parseExpression } from './parser.js';
import { printExpression } from './printer.js';
import { hasTemplate, resolveTemplates, scanTemplates } from './template.js';
import type {
  BinaryOperator, CallArgument, CompareOperator, Comprehension, DictEntry, ElementExpr, Expr, FormattedValue, Target,
} from './types.js';

const NAMES = ['a', 'b', 'x', 'steps', 'vars', 'item', 'len', 'str', 'sorted', 'range', 'zip', 'é', '_', 'nope'];
const ATTRS = ['a', 'b', 'items', 'get', 'keys', 'upper', 'split', 'join', 'constructor', 'toString', 'true', 'output'];
const BINARY_OPS: BinaryOperator[] = ['+', '-', '*', '/', '//', '%', '**', '<<', '>>', '&', '|', '^'];
const COMPARE_OPS: CompareOperator[] = ['==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is', 'is not'];
const SPECS = [null, '', '>5', '<3', '^7', '.2f', '05d', ',', 'x', '+.3e', '%', 's', '#o'];

const anyChar = fc.oneof(
  fc.constantFrom('$', '{', '}', "'", '"', '\\', '\n', ' ', 'a'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'grapheme', maxLength: 1 }),
);
const text = fc.string({ unit: anyChar, maxLength: 12 });

const literal: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom(null, true, false).map((value) => ({ type: 'literal' as const, value })),
  fc.nat({ max: 2 ** 60 }).map((value) => ({ type: 'literal' as const, value })),
  fc.double({ min: 0, max: 1e300, noNaN: true }).filter((v) => !Object.is(v, -0)).map((value) => ({ type: 'literal' as const, value })),
  text.map((value) => ({ type: 'literal' as const, value })),
);
const name = fc.constantFrom(...NAMES).map((n): Expr => ({ type: 'name', name: n }));
const target: fc.Arbitrary<Target> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('x', 'y', 'k').map((n): Target => ({ type: 'name', name: n })) },
  fc.array(fc.constantFrom('x', 'y').map((n): Target => ({ type: 'name', name: n })), { maxLength: 3 }).map((elements): Target => ({ type: 'tuple', elements })),
);

const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
  const sub = tie('expr');
  const element: fc.Arbitrary<ElementExpr> = fc.oneof({ weight: 4, arbitrary: sub }, sub.map((value) => ({ type: 'starred' as const, value })));
  const gens = fc.array(
    fc.record({ target, iter: sub, conditions: fc.array(sub, { maxLength: 2 }) }).map((g): Comprehension => g),
    { minLength: 1, maxLength: 2 },
  );
  const entry: fc.Arbitrary<DictEntry> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ key: sub, value: sub }).map((e) => ({ type: 'pair' as const, ...e })) },
    sub.map((value) => ({ type: 'double-starred' as const, value })),
  );
  const leading: fc.Arbitrary<CallArgument> = fc.oneof(
    { weight: 3, arbitrary: sub.map((value) => ({ type: 'positional' as const, value })) },
    sub.map((value) => ({ type: 'starred' as const, value })),
  );
  const trailing: fc.Arbitrary<CallArgument> = fc.oneof(
    fc.record({ name: fc.constantFrom('key', 'reverse', 'true', 'x'), value: sub }).map((k) => ({ type: 'keyword' as const, ...k })),
    sub.map((value) => ({ type: 'double-starred' as const, value })),
  );
  const formatted: fc.Arbitrary<FormattedValue> = fc.record({
    expr: sub,
    conversion: fc.constantFrom(null, 'r' as const, 's' as const, 'a' as const),
    spec: fc.constantFrom(...SPECS),
  });
  const fstring = fc
    .array(fc.tuple(fc.option(text.filter((t) => t !== ''), { nil: null }), formatted), { minLength: 1, maxLength: 3 })
    .chain((pairs) => fc.option(text.filter((t) => t !== ''), { nil: null }).map((tail) => {
      const parts: (string | FormattedValue)[] = [];
      for (const [t, f] of pairs) {
        if (t !== null) parts.push(t);
        parts.push(f);
      }
      if (tail !== null) parts.push(tail);
      return { type: 'fstring' as const, parts };
    }));
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal,
      name,
      fc.record({ object: sub, name: fc.constantFrom(...ATTRS) }).map((e): Expr => ({ type: 'attribute', ...e })),
      fc.record({ object: sub, index: sub }).map((e): Expr => ({ type: 'subscript', ...e })),
      fc.record({ object: sub, start: fc.option(sub, { nil: null }), stop: fc.option(sub, { nil: null }), step: fc.option(sub, { nil: null }) })
        .map((e): Expr => ({ type: 'slice', ...e })),
      fc.record({ op: fc.constantFrom('-' as const, '+' as const, 'not' as const, '~' as const), operand: sub }).map((e): Expr => ({ type: 'unary', ...e })),
      fc.record({ op: fc.constantFrom(...BINARY_OPS), left: sub, right: sub }).map((e): Expr => ({ type: 'binary', ...e })),
      fc.record({ op: fc.constantFrom('and' as const, 'or' as const), left: sub, right: sub }).map((e): Expr => ({ type: 'logical', ...e })),
      fc.record({ left: sub, rest: fc.array(fc.tuple(fc.constantFrom(...COMPARE_OPS), sub), { minLength: 1, maxLength: 3 }) })
        .map(({ left, rest }): Expr => ({ type: 'compare', left, ops: rest.map((r) => r[0]), comparators: rest.map((r) => r[1]) })),
      fc.record({ test: sub, body: sub, orelse: sub }).map((e): Expr => ({ type: 'conditional', ...e })),
      fc.array(element, { maxLength: 3 }).map((elements): Expr => ({ type: 'list', elements })),
      fc.array(element, { maxLength: 3 }).map((elements): Expr => ({ type: 'tuple', elements })),
      fc.array(element, { minLength: 1, maxLength: 3 }).map((elements): Expr => ({ type: 'set', elements })),
      fc.array(entry, { maxLength: 3 }).map((entries): Expr => ({ type: 'dict', entries })),
      fc.record({ element: sub, generators: gens }).map((e): Expr => ({ type: 'listcomp', ...e })),
      fc.record({ element: sub, generators: gens }).map((e): Expr => ({ type: 'genexp', ...e })),
      fc.record({ key: sub, value: sub, generators: gens }).map((e): Expr => ({ type: 'dictcomp', ...e })),
      fc.record({ callee: sub, lead: fc.array(leading, { maxLength: 2 }), trail: fc.array(trailing, { maxLength: 2 }) })
        .map(({ callee, lead, trail }): Expr => ({ type: 'call', callee, args: [...lead, ...trail] })),
      fstring,
    ),
  };
});

const json: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>;
const scopeArb = fc.record({ a: json, b: json, x: json, steps: fc.dictionary(fc.constantFrom('a', 'b', 'output', 'constructor'), json), vars: json, item: json });

function isJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJson);
  if (typeof v === 'object' && v !== null) {
    const proto: unknown = Object.getPrototypeOf(v);
    return (proto === Object.prototype || proto === null) && Object.values(v).every(isJson);
  }
  return false;
}

function expectTotal(run: () => unknown): void {
  try {
    expect(isJson(run())).toBe(true);
  } catch (err) {
    if (!isStepyardError(err) || !err.code.startsWith('EXPR_')) throw err;
  }
}

describe('expression properties', () => {
  test.prop([expr], { numRuns: 4000 })('parse(print(ast)) deep-equals ast', (ast) => {
    expect(parseExpression(printExpression(ast))).toEqual(ast);
  });

  test.prop([expr, scopeArb], { numRuns: 3000 })('evaluation returns JSON or throws an EXPR_ error', (ast, scope) => {
    expectTotal(() => evaluateExpression(ast, scope, { maxSteps: 20_000, random: () => 0.5 }));
    expectTotal(() => evaluateExpression(printExpression(ast), scope, { maxSteps: 20_000 }));
  });

  test.prop([text], { numRuns: 1000 })('literal text without ${{ resolves to itself', (t) => {
    fc.pre(!t.includes('${{'));
    expect(resolveTemplates(t, {})).toBe(t);
    expect(hasTemplate(t)).toBe(false);
  });

  test.prop([fc.array(fc.constantFrom('$', '{', '}', '${{', 'a', ' ', '}}', '$$'), { maxLength: 12 }).map((p) => p.join(''))], { numRuns: 1000 })(
    'escaping every ${{ as $${{ round-trips to the literal text',
    (t) => {
      const escaped = t.replaceAll('${{', () => '$${{');
      expect(hasTemplate(escaped)).toBe(false);
      expect(scanTemplates(escaped).every((p) => p.kind === 'literal')).toBe(true);
      expect(resolveTemplates(escaped, {})).toBe(t);
    },
  );
});
