// human.approval: a gate as a step of its own. The run suspends (waiting_for_approval) showing `message`;
// once approved the step completes with who approved, when and why. spec: exec.approval
import { z } from 'zod';
import type { JsonValue } from '../flow/types.js';
import { defineNode, succeed } from './types.js';

const HumanApprovalInput = z.object({
  message: z.string().describe('what the person approves, shown by stepyard approvals'),
});

/**
 * human.approval: suspends for approval with its message; after `stepyard approve` its output is
 * `{approved: true, message, actor, comment, decided_at}`. A rejection fails the step with APPROVAL_REJECTED
 * (the engine does that). With `approval: true` too, the one approval of the gate is enough.
 */
// spec: exec.approval
export const humanApprovalNode = defineNode({
  name: 'human.approval',
  description: 'Wait until a person approves; the output says who approved, when and why.',
  input: HumanApprovalInput,
  output: z.object({
    approved: z.literal(true),
    message: z.string(),
    actor: z.string().nullable().describe('who approved (STEPYARD_ACTOR, else the user name)'),
    comment: z.string().nullable(),
    decided_at: z.string().nullable().describe('ISO 8601 UTC'),
  }),
  example: { message: 'Deploy to production?' },
  async run(input, context) {
    const resume = context.resume;
    if (resume !== undefined) {
      const output: Record<string, JsonValue> = {
        approved: true,
        message: input.message,
        actor: resume.actor,
        comment: resume.comment,
        decided_at: resume.decidedAt,
      };
      return succeed(output);
    }
    return {
      status: 'suspended',
      output: null,
      suspension: { reason: 'approval_required', data: { message: input.message, node: 'human.approval', inputs: { message: input.message } } },
    };
  },
});
