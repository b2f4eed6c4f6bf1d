import { describe, expect, it } from 'vitest';
import { invokeNode } from '../../test/nodes-support.js';

describe('system.if', () => {
  it.each([
    [{ condition: true }, 'true'],
    [{ condition: false }, 'false'],
    [{ condition: 'yes', true_value: 'go' }, 'go'],
    [{ condition: 'OFF', false_value: 'stop' }, 'stop'],
    [{ condition: 1 }, 'true'],
    [{ condition: '0' }, 'false'],
  ])('%j → %j', async (inputs, output) => {
    expect((await invokeNode('system.if', inputs)).result).toEqual({ status: 'success', output });
  });

  it.each([[{ condition: 'maybe' }], [{ condition: 2 }], [{}], [{ condition: null }]])('rejects %j on /condition', async (inputs) => {
    expect((await invokeNode('system.if', inputs)).result).toMatchObject({ status: 'failed', error: { code: 'NODE_INPUT_INVALID' }, field: '/condition' });
  });

  it('fails a false condition with fail_on_false', async () => {
    expect((await invokeNode('system.if', { condition: false, fail_on_false: true, false_value: 'red' })).result).toMatchObject({
      status: 'failed',
      error: { code: 'NODE_FAILED', message: 'Condition was false. (Value: red)' },
    });
  });

  it('true_value must be a string', async () => {
    expect((await invokeNode('system.if', { condition: true, true_value: 5 })).result).toMatchObject({ field: '/true_value' });
  });
});

describe('flow.route', () => {
  it('outputs the routing decision, target trimmed, payload {} by default', async () => {
    expect((await invokeNode('flow.route', { target: '  deploy ' })).result).toEqual({
      status: 'success',
      output: { routed: true, target: 'deploy', payload: {}, reason: '' },
    });
    expect((await invokeNode('flow.route', { target: 'x', payload: { a: 1 }, reason: 'why' })).result.output).toEqual({
      routed: true,
      target: 'x',
      payload: { a: 1 },
      reason: 'why',
    });
  });

  it.each([[{ target: '' }], [{ target: '   ' }], [{}], [{ target: 'x', payload: [1] }]])('rejects %j', async (inputs) => {
    expect((await invokeNode('flow.route', inputs)).result).toMatchObject({ status: 'failed', error: { code: 'NODE_INPUT_INVALID' } });
  });
});
