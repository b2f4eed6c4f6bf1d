import { describe, expect, it } from 'vitest';
import { BUILTIN_NODE_NAMES } from './catalogue.js';
import { createInProcessInvoker } from './in-process-invoker.js';
import { IMPLEMENTED_BUILTIN_NODES, createBuiltinRegistry, createNodeRegistry, isUnimplementedBuiltin } from './registry.js';
import type { NodeContext } from './types.js';

const context: NodeContext = { runId: 'r', stepId: 's', execId: 's', attempt: 1, projectRoot: '/', env: {}, log: () => undefined };
const signal = new AbortController().signal;
const invoker = createInProcessInvoker(createBuiltinRegistry());

describe('registry', () => {
  it('registers only catalogue names, and every catalogue name but the human.* nodes', () => {
    const names = createBuiltinRegistry().names();
    for (const name of names) expect(BUILTIN_NODE_NAMES).toContain(name);
    const missing = BUILTIN_NODE_NAMES.filter((name) => !names.includes(name));
    expect(missing.filter((name) => !name.startsWith('human.'))).toEqual([]);
    expect(IMPLEMENTED_BUILTIN_NODES.map((node) => node.name).sort()).toEqual(names);
  });

  // The human.* nodes belong to the approvals work; they may add theirs later.
  it('every built-in node declares a description, an output schema and an example', () => {
    for (const node of IMPLEMENTED_BUILTIN_NODES.filter((n) => !n.name.startsWith('human.'))) {
      expect(node.description, node.name).not.toBe('');
      expect(node.output, node.name).toBeDefined();
      expect(node.example, node.name).toBeDefined();
    }
  });

  it('refuses a second node with the same name', () => {
    expect(() => createNodeRegistry([...IMPLEMENTED_BUILTIN_NODES, ...IMPLEMENTED_BUILTIN_NODES])).toThrow(/twice/);
  });

  it('a catalogue node not implemented yet is FEATURE_UNSUPPORTED; an unknown one NODE_NOT_FOUND', async () => {
    for (const name of BUILTIN_NODE_NAMES.filter(isUnimplementedBuiltin)) {
      expect(await invoker.invoke({ node: name, inputs: {}, context }, signal)).toMatchObject({ status: 'failed', error: { code: 'FEATURE_UNSUPPORTED' } });
    }
    expect(await invoker.invoke({ node: 'nope.node', inputs: {}, context }, signal)).toMatchObject({
      status: 'failed',
      error: { code: 'NODE_NOT_FOUND' },
    });
  });
});

describe('system.echo', () => {
  it.each([
    [{ value: 5 }, 5],
    [{ value: null }, null],
    [{ a: 1, b: [2], delay_ms: 0 }, { a: 1, b: [2] }],
    [{}, {}],
  ])('%j → %j', async (inputs, output) => {
    expect(await invoker.invoke({ node: 'system.echo', inputs, context }, signal)).toEqual({ status: 'success', output });
  });

  it('fails on request, or for the first attempts only', async () => {
    expect(await invoker.invoke({ node: 'system.echo', inputs: { fail: true, message: 'm', error_code: 'X_CODE' }, context }, signal)).toMatchObject({
      status: 'failed',
      error: { code: 'X_CODE', message: 'm' },
    });
    const flaky = { fail_attempts: 2, value: 'ok' };
    expect((await invoker.invoke({ node: 'system.echo', inputs: flaky, context: { ...context, attempt: 2 } }, signal)).status).toBe('failed');
    expect((await invoker.invoke({ node: 'system.echo', inputs: flaky, context: { ...context, attempt: 3 } }, signal)).status).toBe('success');
  });

  it('validates control inputs naming the field', async () => {
    const result = await invoker.invoke({ node: 'system.echo', inputs: { delay_ms: 'soon' }, context }, signal);
    expect(result).toMatchObject({ status: 'failed', error: { code: 'NODE_INPUT_INVALID' }, field: '/delay_ms' });
  });
});
