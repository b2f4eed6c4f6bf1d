// loadFlowText never throws: for any text it returns {ok: true, flow} or {ok: false, errors} whose
// problems are StepyardErrors with FLOW_/EXPR_ codes, pointers and 1-based locations.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { parse, stringify } from 'yaml';
import { isStepyardError } from '../errors/stepyard-error.js';
import { loadFlowText } from './load.js';

const dir = fileURLToPath(new URL('../../../fixtures/flows/valid/', import.meta.url));
const FIXTURE_TEXTS = readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => readFileSync(`${dir}${name}`, 'utf8'));

function checkResult(text: string): void {
  const result = loadFlowText(text, 'prop.yaml', { knownNodes: ['shell.run', 'text.template'] });
  const problems = result.ok ? result.warnings : [...result.errors, ...result.warnings];
  if (result.ok) expect(Array.isArray(result.flow.steps) && result.flow.steps.length > 0).toBe(true);
  else expect(result.errors.length).toBeGreaterThan(0);
  for (const problem of problems) {
    expect(isStepyardError(problem)).toBe(true);
    expect(problem.code).toMatch(/^(FLOW|EXPR)_/);
    expect(typeof problem.instance).toBe('string');
    expect(problem.location?.line).toBeGreaterThanOrEqual(1);
    expect(problem.location?.column).toBeGreaterThanOrEqual(1);
    expect(typeof problem.hint).toBe('string');
  }
}

const TOKENS = [
  'name: ', 'steps:', 'id: ', 'uses: ', 'with: ', 'retry: ', 'timeout: ', 'next: ', 'if: ', 'loop: ', 'while: ', 'env: ',
  'trigger: ', 'max_visits: ', 'continue_on_error: ', '- ', '\n', '\n  ', '\n    ', '  ', '\t', '{', '}', '[', ']', ', ',
  ': ', '"', "'", '&a ', '*a', '<<: ', '!!set ', '!x ', '---\n', '...\n', '? ', '${{ ', ' }}', 'yes', 'no', '010', '1e3',
  '12:30', '~', '# c', '|\n', '>\n', 'a', 'b', '1', '-1', '0s', '1h', 'shell.run', '%YAML 1.1\n', '\uFEFF', '\\', '\u00e9',
];

const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((tokens) => tokens.join(''));

test.prop([fc.string({ maxLength: 200 })], { numRuns: 800 })('arbitrary text', (text) => {
  checkResult(text);
});

test.prop([tokenText], { numRuns: 1200 })('YAML-like token soup', (text) => {
  checkResult(text);
});

test.prop([fc.jsonValue({ maxDepth: 4 })], { numRuns: 400 })('any JSON value written as YAML', (value) => {
  checkResult(stringify(value));
});

// Mutations of the valid fixtures: delete, retype or duplicate keys, then write the YAML back.
type Mutation = { kind: 'delete' | 'retype' | 'duplicate'; pick: number; scalar: unknown };

function mutate(value: unknown, mutation: Mutation): unknown {
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const collect = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    containers.push(node as Record<string, unknown> | unknown[]);
    for (const child of Object.values(node)) collect(child);
  };
  collect(value);
  const target = containers[mutation.pick % Math.max(1, containers.length)];
  if (target === undefined) return mutation.scalar;
  const keys = Object.keys(target);
  const key = keys[mutation.pick % Math.max(1, keys.length)];
  if (key === undefined) return value;
  const record = target as Record<string, unknown>;
  if (mutation.kind === 'delete') {
    if (Array.isArray(target)) target.splice(Number(key), 1);
    else delete record[key];
  } else if (mutation.kind === 'retype') record[key] = mutation.scalar;
  else if (Array.isArray(target)) target.push(structuredClone(target[Number(key)]));
  else record[`${key}_copy`] = record[key];
  return value;
}

const scalar = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, '', 'yes', '${{ 1 + }}', '${{ 1 }}', '0s', '1h', [], {}, ['x'], { id: 'z' }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
);
const mutation = fc.record({ kind: fc.constantFrom('delete' as const, 'retype' as const, 'duplicate' as const), pick: fc.nat(), scalar });

test.prop([fc.nat(FIXTURE_TEXTS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 })], { numRuns: 500 })(
  'mutated fixtures',
  (index, mutations) => {
    let value: unknown = parse(FIXTURE_TEXTS[index] ?? '', { version: '1.1', merge: true });
    for (const each of mutations) value = mutate(value, each);
    checkResult(stringify(value));
  },
);

test.prop([fc.nat(FIXTURE_TEXTS.length - 1), fc.nat(), fc.nat(), fc.constantFrom('truncate', 'duplicate-line', 'drop-line', 'indent')], { numRuns: 600 })(
  'text edits of fixtures',
  (index, at, other, edit) => {
    const text = FIXTURE_TEXTS[index] ?? '';
    const lines = text.split('\n');
    const line = at % lines.length;
    let edited = text;
    if (edit === 'truncate') edited = text.slice(0, at % (text.length + 1));
    else if (edit === 'duplicate-line') edited = [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    else if (edit === 'drop-line') edited = lines.filter((_, i) => i !== line).join('\n');
    else edited = lines.map((content, i) => (i === line ? `${' '.repeat(other % 5)}${content}` : content)).join('\n');
    checkResult(edited);
  },
);
