// `stepyard tools list|show` through the built CLI (npm run build first).
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_NODE_NAMES } from '../src/nodes/catalogue.js';
import { makeTempDir, removeTempDir, runStepyard, validateAgainstSpecSchema } from './cli-support.js';

const cwd = makeTempDir('stepyard-tools-');
afterAll(() => removeTempDir(cwd));

describe('stepyard tools', () => {
  it('list --json names every built-in node with origin and schemas, sorted; works outside a project', () => {
    const result = runStepyard(['tools', 'list', '--json'], cwd);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { nodes: Array<{ name: string; origin: string; input_schema: { type?: string } }> };
    expect(validateAgainstSpecSchema('tools-list.schema.json', output)).toEqual([]);
    expect(output.nodes.map((node) => node.name)).toEqual([...BUILTIN_NODE_NAMES].sort());
    for (const node of output.nodes) expect([node.name, node.origin, node.input_schema.type]).toEqual([node.name, 'built-in', 'object']);
  });

  it('list prints a table for people', () => {
    const result = runStepyard(['tools', 'list'], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NODE +ORIGIN +DESCRIPTION\n/);
    expect(result.stdout).toMatch(/\nhttp\.request +built-in +Send an HTTP request/);
    expect(result.stdout).toMatch(/\n14 nodes\n$/);
  });

  it('show --json lists inputs with type, default and required, the output schema and an example step', () => {
    const result = runStepyard(['tools', 'show', 'http.request', '--json'], cwd);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { node: { inputs: unknown[]; output_schema: unknown; example: unknown } };
    expect(validateAgainstSpecSchema('tools-show.schema.json', output)).toEqual([]);
    expect(output.node.inputs).toEqual([
      { name: 'url', type: 'string', required: true, description: 'http:// or https:// URL' },
      { name: 'method', type: 'string', required: false, default: 'GET', description: 'HTTP method, upper-cased' },
      expect.objectContaining({ name: 'headers', required: false, default: null }),
      expect.objectContaining({ name: 'data', default: null }),
      expect.objectContaining({ name: 'json_body', default: null }),
      expect.objectContaining({ name: 'timeout', type: 'number', default: 30 }),
    ]);
    expect(output.node.output_schema).toMatchObject({ type: 'object', required: ['status', 'headers', 'body'] });
    expect(output.node.example).toEqual({ id: 'http-request', uses: 'http.request', with: expect.objectContaining({ url: expect.any(String) }) });
  });

  it('show prints inputs, output and an example for people', () => {
    const result = runStepyard(['tools', 'show', 'system.if'], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('system.if (built-in)');
    expect(result.stdout).toMatch(/\n  condition +boolean +required/);
    expect(result.stdout).toMatch(/\n  true_value +string +default "true"/);
    expect(result.stdout).toContain('\nExample:\n  - id: system-if\n    uses: system.if\n');
  });

  it('an unknown node is NODE_NOT_FOUND (exit 4) with a suggestion', () => {
    const result = runStepyard(['tools', 'show', 'http.requst', '--json'], cwd);
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'NODE_NOT_FOUND', hint: expect.stringContaining('http.request') } });
    expect(validateAgainstSpecSchema('command-failure.schema.json', JSON.parse(result.stdout))).toEqual([]);
  });

  it.each([[['tools', 'frobnicate']], [['tools', 'show']], [['tools', 'list', 'extra']]])('%j is a usage error', (args) => {
    const result = runStepyard([...args, '--json'], cwd);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'CLI_USAGE' } });
  });
});
