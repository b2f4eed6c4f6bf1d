// system.if: pick one of two strings by a boolean; optionally fail when it is false.
import { z } from 'zod';
import { laxBoolean } from './lax.js';
import { defineNode, fail, succeed } from './types.js';

const SystemIfInput = z.object({
  condition: laxBoolean().describe('the boolean (also true/false, yes/no, on/off, 1/0 as strings)'),
  true_value: z.string().prefault('true').describe('output when the condition holds'),
  false_value: z.string().prefault('false').describe('output when it does not'),
  fail_on_false: laxBoolean().prefault(false).describe('fail the step (NODE_FAILED) when the condition is false'),
});

/** system.if: output true_value or false_value; a false condition with fail_on_false fails with NODE_FAILED. */
// spec: nodes.system-if
export const systemIfNode = defineNode({
  name: 'system.if',
  description: 'Output one of two strings depending on a boolean; optionally fail on false.',
  input: SystemIfInput,
  output: z.string().describe('true_value or false_value'),
  example: { condition: '${{ steps.tests.output.code == 0 }}', true_value: 'green', false_value: 'red' },
  async run(input) {
    if (input.condition) return succeed(input.true_value);
    if (input.fail_on_false) return fail('NODE_FAILED', `Condition was false. (Value: ${input.false_value})`);
    return succeed(input.false_value);
  },
});
