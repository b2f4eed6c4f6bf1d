// One group unit: run the children in order with the same machinery; a child failure fails the group.
import type { StepSpec } from '../flow/types.js';
import { childExecId } from './exec-ids.js';
import { abortedResult } from './execute-node.js';
import { executeStep } from './execute-step.js';
import { failureOutput, startRecord, type Frame, type RunState, type UnitResult } from './run-state.js';
import type { StepRecord } from './types.js';

/** The output of a finished group iteration (kept from the original for compatibility). */
export const GROUP_OUTPUT = { status: 'group_completed' } as const;

/**
 * Run the children of a group (or of one group iteration) into `record`, which the caller finishes.
 * Children publish `steps.<group>.<child>` into `frame.group` and `steps['<group>.<child>']`.
 */
// spec: exec.group
export async function executeGroupUnit(
  state: RunState,
  spec: StepSpec,
  record: StepRecord,
  frame: Frame,
  signal: AbortSignal,
): Promise<UnitResult> {
  await startRecord(state, record);
  for (const child of spec.steps ?? []) {
    if (signal.aborted) return abortedResult(signal);
    const outcome = await executeStep(state, child, childExecId(record.execId, child.id), frame, signal, {
      parentExecId: record.execId,
      navigate: false,
    });
    if (outcome.status === 'suspended') {
      return { status: 'suspended', output: null, error: null, waitingOn: outcome.waitingOn, waitReason: outcome.waitReason };
    }
    if (outcome.status === 'cancelled') return { status: 'cancelled', output: null, error: outcome.error };
    if (outcome.status === 'failed' && !outcome.continued) {
      const error = outcome.error ?? { code: 'INTERNAL', message: `child '${child.id}' failed` };
      return { status: 'failed', output: failureOutput(null, error), error };
    }
  }
  return { status: 'completed', output: { ...GROUP_OUTPUT }, error: null };
}
