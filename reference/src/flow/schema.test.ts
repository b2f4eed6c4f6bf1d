import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseFlowYaml } from './parse-yaml.js';
import { buildFlowJsonSchema, FlowSchema, KNOWN_KEYS } from './schema.js';

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const checkedIn = JSON.parse(readFileSync(repo('spec/schemas/flow.schema.json'), 'utf8')) as unknown;
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(buildFlowJsonSchema());

function fixtureValues(kind: 'valid' | 'invalid'): Array<[string, unknown]> {
  const dir = repo(`fixtures/flows/${kind}`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name): [string, unknown] => [name, parseFlowYaml(readFileSync(`${dir}/${name}`, 'utf8'), name).value])
    .filter(([, value]) => value !== undefined);
}
const validFixtures = () => fixtureValues('valid');

// Invalid fixtures whose problems are all semantic: the JSON Schema cannot see them and accepts the document.
const SEMANTIC_ONLY = ['bad-expressions.yaml', 'duplicate-ids.yaml', 'no-steps.yaml', 'step-id-invalid.yaml', 'step-kind.yaml', 'unknown-next.yaml', 'unknown-node.yaml'];

describe('flow JSON Schema', () => {
  it('is checked in exactly as generated (regenerate: write buildFlowJsonSchema() to spec/schemas/flow.schema.json)', () => {
    expect(checkedIn).toEqual(buildFlowJsonSchema());
  });

  it('is draft 2020-12 and compiles with ajv in strict mode', () => {
    expect(buildFlowJsonSchema()).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
    expect(typeof validate).toBe('function');
  });

  it('describes every property, for editors', () => {
    const missing: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      for (const [key, value] of Object.entries(properties ?? {})) {
        if (typeof (value as { description?: unknown }).description !== 'string') missing.push(`${path}/${key}`);
      }
      for (const [key, value] of Object.entries(node)) visit(value, `${path}/${key}`);
    };
    visit(buildFlowJsonSchema(), '');
    expect(missing).toEqual([]);
  });

  it.each(validFixtures())('accepts the valid fixture %s', (_name, value) => {
    expect(validate(value) ? [] : validate.errors).toEqual([]);
  });

  it.each(fixtureValues('invalid'))('judges the invalid fixture %s as the loader\'s schema does', (name, value) => {
    expect(validate(value)).toBe(FlowSchema.safeParse(value).success);
    if (SEMANTIC_ONLY.includes(name)) expect(validate(value)).toBe(true);
  });

  it('accepts plugin node names, any trigger name and unknown keys', () => {
    const flow = {
      name: 'x',
      colour: 'red',
      trigger: { uses: 'my.webhook', extra: 1 },
      steps: [{ id: 'a', uses: 'my-plugin.greet', needs: ['b'], retry: { attempts: '2', jitter: true } }],
    };
    expect(validate(flow)).toBe(true);
  });

  it('rejects what the loader rejects: a boolean if, a float max_visits, a bad mode', () => {
    expect(validate({ name: 'x', steps: [{ id: 'a', uses: 'b', if: true }] })).toBe(false);
    expect(validate({ name: 'x', steps: [{ id: 'a', uses: 'b', max_visits: 1.5 }] })).toBe(false);
    expect(validate({ name: 'x', trigger: { uses: 'cron', mode: 'cli' }, steps: [] })).toBe(false);
    expect(validate({ name: 'x', steps: [{ id: 'a', uses: 'b', timeout: '2 days' }] })).toBe(false);
  });

  it('agrees with the zod schema on lax scalars', () => {
    const samples = [
      { continue_on_error: 'Yes' }, { continue_on_error: 'maybe' }, { approval: 1 }, { approval: 2 },
      { max_visits: '3' }, { max_visits: '-3' }, { retry: true }, { retry: '2' }, { retry: 2.5 },
      { timeout: '1h30m' }, { timeout: '250MS' }, { timeout: 0 }, { while: 0 }, { while: 2 },
    ];
    for (const sample of samples) {
      const flow = { name: 'x', steps: [{ id: 'a', uses: 'b', ...sample }] };
      expect([sample, validate(flow)]).toEqual([sample, FlowSchema.safeParse(flow).success]);
    }
  });
});

describe('KNOWN_KEYS', () => {
  it('lists the keys the original accepts', () => {
    expect(KNOWN_KEYS).toEqual({
      flow: ['name', 'description', 'env', 'dotenv', 'trigger', 'steps'],
      step: ['id', 'uses', 'steps', 'with', 'if', 'loop', 'while', 'next', 'max_visits', 'timeout', 'retry', 'continue_on_error', 'approval'],
      trigger: ['uses', 'with', 'mode'],
      retry: ['attempts', 'initial_delay', 'backoff_factor'],
    });
  });
});
