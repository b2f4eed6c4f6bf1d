// system.echo: a deterministic node for tests and examples. Returns `value`, or its other inputs.
import { z } from 'zod';
import type { JsonValue } from '../flow/types.js';
import { sleepFor } from '../engine/clock.js';
import { defineNode, fail, succeed } from './types.js';

const CONTROL_KEYS = new Set(['fail', 'fail_attempts', 'message', 'error_code', 'delay_ms']);

const SystemEchoInput = z.looseObject({
  value: z.unknown().optional().describe('the output; without it, the other inputs (minus the control keys) are the output'),
  fail: z.boolean().optional().describe('fail every attempt'),
  fail_attempts: z.number().int().min(0).optional().describe('fail attempts 1..n, then succeed (for retry tests)'),
  message: z.string().optional().describe('failure message'),
  error_code: z.string().optional().describe('failure code (default NODE_FAILED)'),
  delay_ms: z.number().min(0).optional().describe('wait this long first (honours timeout and cancel)'),
});

/**
 * system.echo: output = the `value` input when given, else every input except the control keys
 * (fail, fail_attempts, message, error_code, delay_ms). Deterministic.
 */
export const systemEchoNode = defineNode({
  name: 'system.echo',
  description: 'Return the value input (or all inputs); optionally wait or fail, for tests.',
  input: SystemEchoInput,
  output: z.unknown().describe('the value input, or the other inputs as a mapping'),
  example: { value: { greeting: 'hello' } },
  async run(input, context, signal) {
    if (input.delay_ms !== undefined && input.delay_ms > 0) await sleepFor(input.delay_ms, signal);
    const failing = input.fail === true || (input.fail_attempts !== undefined && context.attempt <= input.fail_attempts);
    if (failing) {
      return fail(input.error_code ?? 'NODE_FAILED', input.message ?? `system.echo failed on attempt ${context.attempt}`);
    }
    if ('value' in input) return succeed((input.value ?? null) as JsonValue);
    const output: Record<string, JsonValue> = {};
    for (const [key, value] of Object.entries(input)) if (!CONTROL_KEYS.has(key)) output[key] = value as JsonValue;
    return succeed(output);
  },
});
