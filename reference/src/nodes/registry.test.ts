import { describe, expect, it } from 'vitest';
import { BUILTIN_NODE_NAMES } from './catalogue.js';
import { createInProcessInvoker } from './in-process-invoker.js';
import { IMPLEMENTED_BUILTIN_NODES, createBuiltinRegistry, createNodeRegistry } from './registry.js';
import type { NodeContext } from './types.js';

const context: NodeContext = { runId: 'r', stepId: 's', execId: 's', attempt: 1, projectRoot: '/', env: {}, log: () => undefined };
const signal = new AbortController().signal;
const invoker = createInProcessInvoker(createBuiltinRegistry());

describe('registry', () => {
  it('registers only catalogue names, shell.run and system.echo among them', () => {
    const names = createBuiltinRegistry().names();
    expect(names).toEqual(['shell.run', 'system.echo']);
    for (const name of names) expect(BUILTIN_NODE_NAMES).toContain(name);
    expect(IMPLEMENTED_BUILTIN_NODES).toHaveLength(2);
  });

  it('refuses a second node with the same name', () => {
    expect(() => createNodeRegistry([...IMPLEMENTED_BUILTIN_NODES, ...IMPLEMENTED_BUILTIN_NODES])).toThrow(/twice/);
  });

  it('a catalogue node not implemented yet is FEATURE_UNSUPPORTED; an unknown one NODE_NOT_FOUND', async () => {
    expect(await invoker.invoke({ node: 'http.request', inputs: {}, context }, signal)).toMatchObject({
      status: 'failed',
      error: { code: 'FEATURE_UNSUPPORTED' },
    });
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
