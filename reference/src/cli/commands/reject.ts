// spec: cli.reject
// `stepyard reject RUN [--step S] [--comment TEXT]`: the waiting step fails with APPROVAL_REJECTED.
import type { CommandContext, CommandInput } from '../context.js';
import { runDecision } from './decide.js';

/**
 * Reject the waiting step of RUN (an approval or an input request). The run resumes in a fresh run process, where
 * the step fails with APPROVAL_REJECTED: the run fails, unless the step's continue_on_error lets it go on.
 */
export async function runReject(input: CommandInput, ctx: CommandContext): Promise<number> {
  return runDecision(input, ctx, 'reject');
}
