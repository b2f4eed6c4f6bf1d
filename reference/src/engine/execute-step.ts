// One step execution: resume reuse, `if`, then a plain unit, a loop or a while; publishes `steps.<id>`.
import type { JsonValue, StepSpec } from '../flow/types.js';
import { evaluateCondition, evaluateField, toErrorInfo } from './conditions.js';
import { executeGroupUnit } from './execute-group.js';
import { runLoop, runWhile } from './execute-loop.js';
import { abortedResult, executeNodeUnit } from './execute-node.js';
import { normalizeLoopItems } from './loop-items.js';
import { decideNext } from './navigation.js';
import {
  finishRecord,
  isoNow,
  newRecord,
  persistRecord,
  publishEntry,
  scopeOf,
  startRecord,
  type Frame,
  type RunState,
  type StepEntry,
  type UnitResult,
} from './run-state.js';
import { createStepSignal } from './timeout.js';
import type { ErrorInfo, NextDecision, StepKind, StepRecord } from './types.js';

/** How a step execution ended, as the caller (run loop or group) sees it. */
export interface StepOutcome {
  status: 'completed' | 'failed' | 'skipped' | 'suspended' | 'cancelled';
  error: ErrorInfo | null;
  /** True when the step failed and continue_on_error lets the caller go on. */
  continued: boolean;
  /** Navigation decision (top-level steps with navigation only). */
  next: NextDecision | null;
  waitingOn?: string;
  waitReason?: string;
}

/** Where a step sits: its parent execution, and whether `next` is evaluated (top level only). */
export interface StepPlacement {
  parentExecId: string | null;
  navigate: boolean;
}

/** Execute one step under `execId` in `frame`. Never throws for step failures. */
// spec: exec.ordering
export async function executeStep(
  state: RunState,
  spec: StepSpec,
  execId: string,
  frame: Frame,
  signal: AbortSignal,
  placement: StepPlacement,
): Promise<StepOutcome> {
  const prior = state.prior.get(execId);
  if (prior?.status === 'skipped') return { status: 'skipped', error: null, continued: false, next: null };
  if (prior !== undefined && isDone(prior, spec) && spec.steps === null) return reuseRecord(state, spec, execId, frame, prior, placement);
  const kind: StepKind = spec.loop !== null ? 'loop' : spec.while !== null ? 'while' : spec.steps !== null ? 'group' : 'node';
  const record = newRecord(state, { execId, stepId: spec.id, parentExecId: placement.parentExecId, kind, iteration: null });
  if (spec.if !== null && prior === undefined) {
    // spec: exec.if
    let pass: boolean;
    try {
      pass = evaluateCondition(spec, 'if', spec.if, scopeOf(state, frame), execId);
    } catch (error) {
      return failFatally(state, record, toErrorInfo(error));
    }
    if (!pass) return skipRecord(state, record, 'condition');
  }
  const entry: StepEntry = { output: null };
  if (spec.steps !== null) publishEntry(state, frame, spec, execId, entry);
  let result: UnitResult;
  if (kind === 'loop') {
    if (record.items === null) {
      try {
        record.items = normalizeLoop(state, spec, frame, execId);
      } catch (error) {
        return failFatally(state, record, toErrorInfo(error));
      }
    }
    if (record.items.length === 0) return skipRecord(state, record, 'empty_loop');
    result = await runLoop(state, spec, record, frame, signal, entry);
  } else if (kind === 'while') {
    result = await runWhile(state, spec, record, frame, signal, entry, prior !== undefined && isDone(prior, spec));
  } else {
    result = await runUnit(state, spec, record, frame, signal, entry);
  }
  return finishStep(state, spec, record, frame, entry, result, placement);
}

/** Run a node or group unit under the step's timeout (one signal for all attempts). */
// spec: exec.timeout
export async function runUnit(
  state: RunState,
  spec: StepSpec,
  record: StepRecord,
  frame: Frame,
  signal: AbortSignal,
  groupEntry: StepEntry,
): Promise<UnitResult> {
  const stepSignal = createStepSignal(signal, spec.timeoutMs, { execId: record.execId, timeoutRaw: spec.timeoutRaw });
  try {
    if (stepSignal.signal.aborted) return abortedResult(stepSignal.signal);
    if (spec.steps !== null) return await executeGroupUnit(state, spec, record, { ...frame, group: groupEntry }, stepSignal.signal);
    return await executeNodeUnit(state, spec, record, frame, stepSignal.signal);
  } finally {
    stepSignal.dispose();
  }
}

/** Whether an earlier walk's record counts as done: completed, or failed under continue_on_error. */
export function isDone(record: StepRecord, spec: StepSpec): boolean {
  return record.status === 'completed' || (record.status === 'failed' && spec.continueOnError);
}

async function finishStep(
  state: RunState,
  spec: StepSpec,
  record: StepRecord,
  frame: Frame,
  entry: StepEntry,
  result: UnitResult,
  placement: StepPlacement,
): Promise<StepOutcome> {
  // spec: exec.continue-on-error
  const continued = result.status === 'failed' && spec.continueOnError && result.fatal !== true;
  let outcome: StepOutcome = { status: result.status, error: result.error, continued, next: null };
  if (result.status === 'suspended') outcome = { ...outcome, waitingOn: result.waitingOn ?? record.execId, waitReason: result.waitReason ?? 'approval_required' };
  if (result.status === 'completed' || continued) {
    entry.output = result.output;
    if (continued) entry.error = result.error?.message ?? null;
    else delete entry.error;
    publishEntry(state, frame, spec, record.execId, entry);
    if (placement.navigate) {
      try {
        record.next = record.next ?? navigate(state, spec, frame, record.execId);
        outcome.next = record.next;
      } catch (error) {
        await finishRecord(state, record, result, continued);
        return { status: 'failed', error: toErrorInfo(error), continued: false, next: null };
      }
    }
  }
  await finishRecord(state, record, result, continued);
  return outcome;
}

// spec: exec.next
function navigate(state: RunState, spec: StepSpec, frame: Frame, execId: string): NextDecision | null {
  if (spec.next === null) return null;
  const value = evaluateField(spec, 'next', spec.next, scopeOf(state, frame), execId);
  return decideNext(value, state.topLevelIds, spec.id);
}

// spec: exec.loop
function normalizeLoop(state: RunState, spec: StepSpec, frame: Frame, execId: string): JsonValue[] {
  return normalizeLoopItems(evaluateField(spec, 'loop', spec.loop, scopeOf(state, frame), execId));
}

// Reuse an earlier walk's finished record: publish its output, follow its stored navigation decision.
async function reuseRecord(
  state: RunState,
  spec: StepSpec,
  execId: string,
  frame: Frame,
  prior: StepRecord,
  placement: StepPlacement,
): Promise<StepOutcome> {
  const entry: StepEntry = { output: prior.output };
  if (prior.status === 'failed') entry.error = prior.error?.message ?? null;
  publishEntry(state, frame, spec, execId, entry);
  let next = prior.next;
  if (placement.navigate && next === null && spec.next !== null) {
    try {
      next = navigate(state, spec, frame, execId);
      await persistRecord(state, { ...prior, next });
    } catch (error) {
      return { status: 'failed', error: toErrorInfo(error), continued: false, next: null };
    }
  }
  const failed = prior.status === 'failed';
  return { status: failed ? 'failed' : 'completed', error: prior.error, continued: failed, next };
}

// A failure that continue_on_error does not cover (if/loop evaluation): record it and fail.
async function failFatally(state: RunState, record: StepRecord, error: ErrorInfo): Promise<StepOutcome> {
  await startRecord(state, record);
  await finishRecord(state, record, { status: 'failed', output: null, error }, false);
  return { status: 'failed', error, continued: false, next: null };
}

async function skipRecord(state: RunState, record: StepRecord, reason: 'condition' | 'empty_loop'): Promise<StepOutcome> {
  const at = isoNow(state);
  record.status = 'skipped';
  record.startedAt = at;
  record.endedAt = at;
  await persistRecord(state, record);
  state.emit({ type: 'step.skipped', run_id: state.runId, at, exec_id: record.execId, step_id: record.stepId, reason });
  return { status: 'skipped', error: null, continued: false, next: null };
}
