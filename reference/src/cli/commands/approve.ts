// spec: cli.approve
// `stepyard approve RUN [--step S] [--comment TEXT]`: approve what the run waits for and resume it in a fresh run process.
import type { CommandContext, CommandInput } from '../context.js';
import { runDecision } from './decide.js';

/** Approve the waiting step of RUN, then follow the resumed run like `stepyard run` (exit codes alike). */
export async function runApprove(input: CommandInput, ctx: CommandContext): Promise<number> {
  return runDecision(input, ctx, 'approve');
}
