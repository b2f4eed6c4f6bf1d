// Suspension and resumption of one execution: the approval gate before a node, and what a node sees of
// the decision that resumed it. Pure: the caller persists the record.
import type { JsonValue, StepSpec } from '../flow/types.js';
import type { NodeResumeInfo } from '../nodes/types.js';
import type { UnitResult } from './run-state.js';
import type { Redactor } from './redact.js';
import type { StepRecord, StepWait } from './types.js';

/** The wait reason of an approval gate (`approval: true`, `human.approval`). */
export const APPROVAL_REQUIRED = 'approval_required';
/** The wait reason of an input request (`human.input`). */
export const INPUT_REQUIRED = 'input_required';

/**
 * The gate in front of a node call (spec: exec.approval). A `rejected` decision fails the execution with
 * APPROVAL_REJECTED, whatever asked for it. A step with `approval: true` suspends until a decision is
 * recorded; `approved` (or `answered`, for a gated input step that already passed the gate) lets it run.
 * Returns null when the node may run.
 */
// spec: exec.approval
export function passApprovalGate(spec: StepSpec, record: StepRecord): UnitResult | null {
  const decision = record.wait?.decision;
  if (decision === 'rejected') {
    const by = record.wait?.actor ? ` by ${record.wait.actor}` : '';
    const comment = record.wait?.comment ? `: ${record.wait.comment}` : '';
    return { status: 'failed', output: null, error: { code: 'APPROVAL_REJECTED', message: `Step '${record.execId}' was rejected${by}${comment}` } };
  }
  if (!spec.approval || spec.uses === null) return null;
  if (decision === 'approved' || decision === 'answered') return null;
  record.wait = { reason: APPROVAL_REQUIRED, data: approvalData(spec, record.inputs) };
  return { status: 'suspended', output: null, error: null, waitingOn: record.execId, waitReason: APPROVAL_REQUIRED };
}

/** What an approval gate asks: the node, its resolved inputs (masked when stored) and a message if it has one. */
function approvalData(spec: StepSpec, inputs: JsonValue): JsonValue {
  const message = inputs !== null && typeof inputs === 'object' && !Array.isArray(inputs) && typeof inputs.message === 'string' ? inputs.message : null;
  return { message, node: spec.uses, inputs };
}

/**
 * What the node of a resumed execution sees of its decision (spec: exec.resume), or undefined when the
 * execution has none. `answer` is a value handed to the run process directly (secret answers are never
 * stored in clear); it wins over the stored value and is added to the redactor's secrets.
 */
// spec: exec.resume
export function resumeInfoOf(wait: StepWait | null, answer: JsonValue | undefined, redactor: Redactor): NodeResumeInfo | undefined {
  if (wait === null || (wait.decision !== 'approved' && wait.decision !== 'answered')) return undefined;
  const info: NodeResumeInfo = {
    decision: wait.decision,
    actor: wait.actor ?? null,
    comment: wait.comment ?? null,
    decidedAt: wait.decidedAt ?? null,
  };
  if (wait.decision === 'answered') {
    if (answer !== undefined) {
      redactor.addSecrets(leavesOf(answer));
      info.value = answer;
    } else if (wait.value !== undefined) info.value = wait.value;
  }
  return info;
}

/** The stored form of a wait: its data and value masked. */
export function redactWait(wait: StepWait, redactor: Redactor): StepWait {
  const stored: StepWait = { ...wait };
  if (wait.data !== undefined) stored.data = redactor.redact(wait.data);
  if (wait.value !== undefined) stored.value = redactor.redact(wait.value);
  return stored;
}

// Every scalar inside a value, as text (the secrets a secret answer contributes).
function leavesOf(value: JsonValue): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap(leavesOf);
  if (typeof value === 'object') return Object.values(value).flatMap(leavesOf);
  return [String(value)];
}
