// One node unit: resolve `with`, pass the approval gate, call the node with retries inside one signal.
import type { JsonValue, StepSpec } from '../flow/types.js';
import type { NodeContext, NodeResult } from '../nodes/types.js';
import { resolveStepInputs, toErrorInfo } from './conditions.js';
import { computeRetryDelayMs, countAttempts } from './retry.js';
import {
  failureOutput,
  isoNow,
  logLine,
  persistRecord,
  scopeOf,
  startRecord,
  type Frame,
  type RunState,
  type UnitResult,
} from './run-state.js';
import { passApprovalGate, resumeInfoOf } from './suspend.js';
import { describeAbort } from './timeout.js';
import type { ErrorInfo, StepRecord } from './types.js';

/** Failures that no retry can fix (spec: exec.retry). */
const PERMANENT_CODES: ReadonlySet<string> = new Set([
  'NODE_NOT_FOUND',
  'NODE_INPUT_INVALID',
  'FEATURE_UNSUPPORTED',
  'APPROVAL_REJECTED',
  // spec: nodes.confinement, nodes.http-request, nodes.llm-generate — deterministic node failures.
  'FILE_OUTSIDE_PROJECT',
  'HTTP_INVALID_URL',
  'LLM_API_KEY_MISSING',
]);

/**
 * Run one node unit (a plain step, or one loop/while iteration) into `record`, which the caller
 * finishes. All attempts share `signal`, which covers the iteration's timeout and the run's cancel.
 */
// spec: exec.node-invocation
export async function executeNodeUnit(
  state: RunState,
  spec: StepSpec,
  record: StepRecord,
  frame: Frame,
  signal: AbortSignal,
): Promise<UnitResult> {
  let inputs: Record<string, JsonValue>;
  try {
    inputs = resolveStepInputs(spec, scopeOf(state, frame), record.execId);
  } catch (error) {
    await startRecord(state, record);
    return { status: 'failed', output: null, error: toErrorInfo(error) };
  }
  record.inputs = inputs;
  const gate = passApprovalGate(spec, record);
  if (gate !== null) {
    await startRecord(state, record, gate.status === 'suspended' ? 'waiting' : 'running');
    return gate;
  }
  return runAttempts(state, spec, record, inputs, signal);
}

async function runAttempts(
  state: RunState,
  spec: StepSpec,
  record: StepRecord,
  inputs: Record<string, JsonValue>,
  signal: AbortSignal,
): Promise<UnitResult> {
  const attempts = countAttempts(spec.retry);
  const firstAttempt = record.attempt;
  for (let attempt = 1; ; attempt++) {
    record.attempt = firstAttempt + attempt;
    if (attempt === 1) await startRecord(state, record);
    else {
      record.status = 'running';
      await persistRecord(state, record);
    }
    const result = await invokeNode(state, spec, record, inputs, signal);
    if (signal.aborted) return abortedResult(signal);
    if (result.status === 'success') return { status: 'completed', output: result.output, error: null };
    if (result.status === 'suspended') {
      const reason = result.suspension?.reason ?? 'approval_required';
      record.wait = { reason, data: result.suspension?.data ?? null };
      // A suspension is not an attempt: the resumed call counts as the same one (spec: exec.retry).
      record.attempt -= 1;
      return { status: 'suspended', output: result.output, error: null, waitingOn: record.execId, waitReason: reason };
    }
    const error = nodeError(spec, result);
    if (attempt >= attempts || PERMANENT_CODES.has(error.code)) {
      return { status: 'failed', output: failureOutput(result.output, error), error };
    }
    const delayMs = computeRetryDelayMs(spec.retry ?? { attempts, initialDelayMs: 0, backoffFactor: 1 }, attempt);
    record.status = 'retrying';
    record.error = error;
    await persistRecord(state, record);
    record.error = null;
    state.emit({
      type: 'step.retrying',
      run_id: state.runId,
      at: isoNow(state),
      exec_id: record.execId,
      step_id: record.stepId,
      attempt: record.attempt,
      delay_ms: delayMs,
      error: { ...error, message: state.redactor.redactText(error.message) },
    });
    logLine(state, 'warn', `Step '${record.execId}' failed (attempt ${attempt}/${attempts}): ${error.message}`, record.execId);
    try {
      await state.clock.sleep(delayMs, signal);
    } catch {
      return abortedResult(signal);
    }
  }
}

async function invokeNode(
  state: RunState,
  spec: StepSpec,
  record: StepRecord,
  inputs: Record<string, JsonValue>,
  signal: AbortSignal,
): Promise<NodeResult> {
  const resume = resumeInfoOf(record.wait, state.answers[record.execId], state.redactor);
  const context: NodeContext = {
    runId: state.runId,
    stepId: spec.id,
    execId: record.execId,
    attempt: record.attempt,
    projectRoot: state.projectRoot,
    env: state.env,
    rawInputs: spec.with,
    log: (message, stream = 'info') => {
      const isStream = stream === 'stdout' || stream === 'stderr';
      state.emit({
        type: 'log',
        run_id: state.runId,
        at: isoNow(state),
        level: stream === 'warn' || stream === 'stderr' ? 'warn' : 'info',
        ...(isStream ? { stream } : {}),
        exec_id: record.execId,
        message: state.redactor.redactText(message),
      });
    },
    ...(resume === undefined ? {} : { resume }),
  };
  try {
    return await raceAbort(state.invoker.invoke({ node: spec.uses ?? '', inputs, context }, signal), signal);
  } catch (error) {
    return { status: 'failed', output: null, error: toErrorInfo(error) };
  }
}

// spec: exec.timeout — a node that ignores its signal is abandoned when the signal aborts.
function raceAbort(pending: Promise<NodeResult>, signal: AbortSignal): Promise<NodeResult> {
  if (signal.aborted) return Promise.resolve({ status: 'failed', output: null, error: describeAbort(signal) });
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve({ status: 'failed', output: null, error: describeAbort(signal) });
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function nodeError(spec: StepSpec, result: NodeResult): ErrorInfo {
  const error: ErrorInfo = { ...(result.error ?? { code: 'NODE_FAILED', message: 'node returned failed status' }) };
  if (error.instance === undefined && result.field !== undefined) {
    error.instance = `${spec.pointer}/with${result.field.startsWith('/') ? '' : '/'}${result.field}`;
  }
  return error;
}

/** The result of a unit whose signal aborted: cancelled for a run cancel, else failed (timeout). */
export function abortedResult(signal: AbortSignal): UnitResult {
  const error = describeAbort(signal);
  if (error.code === 'RUN_CANCELLED') return { status: 'cancelled', output: null, error };
  return { status: 'failed', output: failureOutput(null, error), error };
}
