import { describe, expect, it } from 'vitest';
import { createInProcessInvoker } from './in-process-invoker.js';
import { createBuiltinRegistry } from './registry.js';
import { answerEnvNames, checkAnswerValue, parseAnswerText, type HumanInputRequest } from './human-input.js';
import type { NodeContext } from './types.js';

const request = (extra: Partial<HumanInputRequest> = {}): HumanInputRequest => ({
  prompt: 'Q',
  type: 'string',
  choices: null,
  required: true,
  sensitive: false,
  ...extra,
});

describe('parseAnswerText', () => {
  it.each([
    [{ type: 'string' }, '123', { ok: true, value: '123' }],
    [{ type: 'number' }, ' 1.5 ', { ok: true, value: 1.5 }],
    [{ type: 'number' }, 'abc', { ok: false }],
    [{ type: 'integer' }, '42', { ok: true, value: 42 }],
    [{ type: 'integer' }, '4.2', { ok: false }],
    [{ type: 'boolean' }, 'Yes', { ok: true, value: true }],
    [{ type: 'boolean' }, 'off', { ok: true, value: false }],
    [{ type: 'boolean' }, 'maybe', { ok: false }],
    [{ type: 'json' }, '{"a": [1]}', { ok: true, value: { a: [1] } }],
    [{ type: 'json' }, '{a', { ok: false }],
    [{}, '', { ok: false, message: 'human.input received an empty value.' }],
    [{ default: 'v1' }, '', { ok: true, value: 'v1' }],
    [{ type: 'integer', default: '7' }, '', { ok: true, value: 7 }],
    [{ type: 'integer', default: 7 }, '', { ok: true, value: 7 }],
    [{ required: false }, '', { ok: true, value: '' }],
    [{ required: false, type: 'number' }, '', { ok: true, value: null }],
    [{ choices: ['s', 'm'] }, 'm', { ok: true, value: 'm' }],
    [{ choices: ['s', 'm'] }, 'xl', { ok: false, message: 'human.input expected one of: s, m' }],
    [{ type: 'integer', choices: ['1', '3'] }, '3', { ok: true, value: 3 }],
    [{ type: 'integer', choices: [1, 3] }, '2', { ok: false }],
  ] as const)('%j %j → %j', (extra, text, expected) => {
    expect(parseAnswerText(request(extra as Partial<HumanInputRequest>), text)).toMatchObject(expected);
  });
});

describe('checkAnswerValue', () => {
  it.each([
    [{ type: 'string' }, '123', { ok: true, value: '123' }],
    [{ type: 'string' }, 123, { ok: false }],
    [{ type: 'integer' }, 3, { ok: true, value: 3 }],
    [{ type: 'integer' }, 3.5, { ok: false }],
    [{ type: 'json' }, '"x"', { ok: true, value: '"x"' }],
    [{ type: 'boolean' }, false, { ok: true, value: false }],
    [{}, null, { ok: false }],
  ] as const)('%j %j → %j', (extra, value, expected) => {
    expect(checkAnswerValue(request(extra as Partial<HumanInputRequest>), value)).toMatchObject(expected);
  });
});

describe('answerEnvNames', () => {
  it('tries the execution id, then without #n, then without [k]', () => {
    expect(answerEnvNames('ask-tag')).toEqual(['STEPYARD_HUMAN_INPUT_ASK_TAG']);
    expect(answerEnvNames('grp#2.ask[3]')).toEqual(['STEPYARD_HUMAN_INPUT_GRP_2_ASK_3_', 'STEPYARD_HUMAN_INPUT_GRP_ASK_3_', 'STEPYARD_HUMAN_INPUT_GRP_ASK']);
  });
});

describe('human.input and human.approval nodes', () => {
  const invoker = createInProcessInvoker(createBuiltinRegistry());
  const signal = new AbortController().signal;
  const context = (extra: Partial<NodeContext> = {}): NodeContext => ({ runId: 'r', stepId: 'q', execId: 'q', attempt: 1, projectRoot: '/', env: {}, log: () => undefined, ...extra });

  it('suspends for input without an answer, showing a secret default only as ***', async () => {
    expect(await invoker.invoke({ node: 'human.input', inputs: { prompt: 'P', secret: true, default: 'hidden-value', required: true }, context: context({ env: { STEPYARD_RUNTIME_HUMAN_INPUT: '1' } }) }, signal)).toEqual({
      status: 'suspended',
      output: null,
      suspension: { reason: 'input_required', data: { prompt: 'P', type: 'string', choices: null, required: true, sensitive: true, default: '***' } },
    });
  });

  it('uses a recorded answer; an invalid one fails with INPUT_VALUE_INVALID', async () => {
    const answered = (value: number | string) => context({ resume: { decision: 'answered', value, actor: null, comment: null, decidedAt: null } });
    expect(await invoker.invoke({ node: 'human.input', inputs: { prompt: 'P', type: 'integer' }, context: answered(4) }, signal)).toEqual({ status: 'success', output: 4 });
    expect(await invoker.invoke({ node: 'human.input', inputs: { prompt: 'P', type: 'integer' }, context: answered('4') }, signal)).toMatchObject({
      status: 'failed',
      error: { code: 'INPUT_VALUE_INVALID' },
    });
  });

  it('human.approval suspends with its message, and completes once approved', async () => {
    expect(await invoker.invoke({ node: 'human.approval', inputs: { message: 'Go?' }, context: context() }, signal)).toMatchObject({
      status: 'suspended',
      suspension: { reason: 'approval_required', data: { message: 'Go?' } },
    });
    const approved = context({ resume: { decision: 'approved', actor: 'ann', comment: null, decidedAt: '2026-01-01T00:00:00.000Z' } });
    expect(await invoker.invoke({ node: 'human.approval', inputs: { message: 'Go?' }, context: approved }, signal)).toEqual({
      status: 'success',
      output: { approved: true, message: 'Go?', actor: 'ann', comment: null, decided_at: '2026-01-01T00:00:00.000Z' },
    });
  });
});
