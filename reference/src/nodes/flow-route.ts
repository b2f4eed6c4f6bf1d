// flow.route: name the step a mapping `next:` should go to (routing happens only through next).
import { z } from 'zod';
import type { JsonValue } from '../flow/types.js';
import { defineNode, succeed } from './types.js';

const FlowRouteInput = z.object({
  target: z
    .string()
    .transform((target) => target.trim())
    .pipe(z.string().min(1, 'flow.route target cannot be empty'))
    .describe('id of the step to go to (trimmed; read by a next: that references this step)'),
  payload: z.record(z.string(), z.unknown()).nullable().prefault(null).describe('data passed along (null becomes {})'),
  reason: z.string().prefault('').describe('why this route was taken'),
});

/** flow.route: output `{routed: true, target, payload, reason}`. */
// spec: nodes.flow-route
export const flowRouteNode = defineNode({
  name: 'flow.route',
  description: 'Produce a routing decision {routed, target, payload, reason} for a next: to follow.',
  input: FlowRouteInput,
  output: z.object({
    routed: z.literal(true),
    target: z.string(),
    payload: z.record(z.string(), z.unknown()),
    reason: z.string(),
  }),
  example: { target: 'deploy', reason: 'tests passed' },
  async run(input) {
    const output: Record<string, JsonValue> = {
      routed: true,
      target: input.target,
      payload: (input.payload ?? {}) as Record<string, JsonValue>,
      reason: input.reason,
    };
    return succeed(output);
  },
});
