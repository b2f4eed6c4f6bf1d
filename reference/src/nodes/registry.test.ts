import { describe, expect, it } from 'vitest';
import { BUILTIN_NODE_NAMES } from './catalogue.js';
import { createInProcessInvoker } from './in-process-invoker.js';
import { IMPLEMENTED_BUILTIN_NODES, createBuiltinRegistry, createNodeRegistry } from './registry.js';
import type { NodeContext } from './types.js';

const context: NodeContext = { runId: 'r', stepId: 's', execId: 's', attempt: 1, projectRoot: '/', env: {}, log: () => undefined };
const signal = new AbortController().signal;
const invoker = createInProcessInvoker(createBuiltinRegistry());

describe('registry', () => {
  it('registers exactly the catalogue names', () => {
    const names = createBuiltinRegistry().names();
    expect(names).toEqual([...BUILTIN_NODE_NAMES].sort());
    expect(IMPLEMENTED_BUILTIN_NODES.map((node) => node.name).sort()).toEqual(names);
  });

  it('every built-in node declares a description, an output schema and an example', () => {
    for (const node of IMPLEMENTED_BUILTIN_NODES) {
      expect(node.description, node.name).not.toBe('');
      expect(node.output, node.name).toBeDefined();
      expect(node.example, node.name).toBeDefined();
    }
  });

  it('refuses a second node with the same name', () => {
    expect(() => createNodeRegistry([...IMPLEMENTED_BUILTIN_NODES, ...IMPLEMENTED_BUILTIN_NODES])).toThrow(/twice/);
  });

  it('an unknown node is NODE_NOT_FOUND', async () => {
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
