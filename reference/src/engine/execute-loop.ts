// `loop` and `while` drivers: one record per iteration, outputs collected as a list.
import type { JsonValue, StepSpec } from '../flow/types.js';
import { evaluateCondition, toErrorInfo } from './conditions.js';
import { iterationExecId } from './exec-ids.js';
import { abortedResult } from './execute-node.js';
import { isDone, runUnit } from './execute-step.js';
import {
  failureOutput,
  finishRecord,
  newRecord,
  publishEntry,
  scopeOf,
  startRecord,
  type Frame,
  type RunState,
  type StepEntry,
  type UnitResult,
} from './run-state.js';
import type { ErrorInfo, StepRecord } from './types.js';
import { checkVisitLimit, resolveVisitLimit } from './visits.js';

/** Iterate `record.items` (already resolved, non-empty). Each iteration has its own frame: item + index. */
// spec: exec.loop
export async function runLoop(
  state: RunState,
  spec: StepSpec,
  record: StepRecord,
  frame: Frame,
  signal: AbortSignal,
  entry: StepEntry,
): Promise<UnitResult> {
  const items = record.items ?? [];
  await startRecord(state, record);
  const collected = new Collector(spec);
  for (let k = 1; k <= items.length; k++) {
    if (signal.aborted) return collected.abort(signal);
    const iterFrame: Frame = { ...frame, item: items[k - 1] ?? null, index: k - 1 };
    const result = await runIteration(state, spec, record, k, iterFrame, signal, entry);
    if (!collected.add(result)) return collected.stop(result);
  }
  return collected.finish();
}

/**
 * Iterate while the condition holds. Before each check `steps.<id>.output` is the previous
 * iteration's output (null at first). Iterations are capped like visits (fix of DISC-10).
 */
// spec: exec.while
export async function runWhile(
  state: RunState,
  spec: StepSpec,
  record: StepRecord,
  frame: Frame,
  signal: AbortSignal,
  entry: StepEntry,
  wasFinished: boolean,
): Promise<UnitResult> {
  await startRecord(state, record);
  const limit = resolveVisitLimit(spec.maxVisits, state.globalVisitLimit);
  const collected = new Collector(spec);
  let last: JsonValue = null;
  for (let k = 1; ; k++) {
    if (signal.aborted) return collected.abort(signal);
    entry.output = last;
    publishEntry(state, frame, spec, record.execId, entry);
    const iterFrame: Frame = { ...frame, index: k - 1 };
    const prior = state.prior.get(iterationExecId(record.execId, k));
    if (prior === undefined || !isDone(prior, spec)) {
      if (wasFinished) break;
      let holds: boolean;
      try {
        holds = evaluateCondition(spec, 'while', spec.while ?? false, scopeOf(state, iterFrame), record.execId);
      } catch (error) {
        return collected.fail(toErrorInfo(error), false);
      }
      if (!holds) break;
      const capped = checkVisitLimit(spec.id, k, limit, 'iteration');
      if (capped !== null) return collected.fail(capped, true);
    }
    const result = await runIteration(state, spec, record, k, iterFrame, signal, entry);
    if (!collected.add(result)) return collected.stop(result);
    last = collected.outputs[collected.outputs.length - 1] ?? null;
  }
  return collected.finish();
}

// Run (or reuse) iteration k into its own record `<execId>[k]`.
async function runIteration(
  state: RunState,
  spec: StepSpec,
  parent: StepRecord,
  k: number,
  frame: Frame,
  signal: AbortSignal,
  entry: StepEntry,
): Promise<UnitResult> {
  const execId = iterationExecId(parent.execId, k);
  const prior = state.prior.get(execId);
  if (prior !== undefined && isDone(prior, spec) && spec.steps === null) {
    return { status: prior.status === 'completed' ? 'completed' : 'failed', output: prior.output, error: prior.error };
  }
  const kind = spec.steps !== null ? 'group' : 'node';
  const iteration = newRecord(state, { execId, stepId: spec.id, parentExecId: parent.execId, kind, iteration: k });
  const result = await runUnit(state, spec, iteration, frame, signal, entry);
  await finishRecord(state, iteration, result, spec.continueOnError);
  return result;
}

// Collects iteration outputs and turns the iteration results into the step's result.
class Collector {
  readonly outputs: JsonValue[] = [];
  private lastError: ErrorInfo | null = null;

  constructor(private readonly spec: StepSpec) {}

  /** Record one iteration; false when the loop must stop. */
  add(result: UnitResult): boolean {
    if (result.status === 'completed') {
      this.outputs.push(result.output);
      return true;
    }
    if (result.status !== 'failed') return false;
    this.lastError = result.error;
    if (!this.spec.continueOnError) return false;
    this.outputs.push(result.output ?? failureOutput(null, result.error ?? { code: 'INTERNAL', message: 'failed' }));
    return true;
  }

  stop(result: UnitResult): UnitResult {
    return { ...result, output: this.outputs };
  }

  abort(signal: AbortSignal): UnitResult {
    return { ...abortedResult(signal), output: this.outputs };
  }

  fail(error: ErrorInfo, fatal: boolean): UnitResult {
    return { status: 'failed', output: this.outputs, error, fatal };
  }

  finish(): UnitResult {
    if (this.lastError !== null) return { status: 'failed', output: this.outputs, error: this.lastError };
    return { status: 'completed', output: this.outputs, error: null };
  }
}
