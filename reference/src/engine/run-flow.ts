// The orchestrator: claim the run, walk the top-level steps (visits, navigation), record the end.
import type { FlowDocument, JsonValue } from '../flow/types.js';
import { StepyardError } from '../errors/stepyard-error.js';
import { systemClock } from './clock.js';
import { toErrorInfo } from './conditions.js';
import type { EngineEvent, EventBus, EventListener } from './events.js';
import { visitExecId } from './exec-ids.js';
import { executeStep } from './execute-step.js';
import { resolveNextIndex } from './navigation.js';
import { createRedactor, type Redactor } from './redact.js';
import { TOP_FRAME, type RunState } from './run-state.js';
import { describeAbort } from './timeout.js';
import type { Clock, ErrorInfo, NodeInvoker, RunOutcome, RunRecord, RunStatus, RunStore, StepRecord, TriggerInfo } from './types.js';
import { DEFAULT_MAX_STEP_VISITS, checkVisitLimit, resolveVisitLimit } from './visits.js';

/** Everything runFlow needs. The engine never prints, exits or opens files: it talks to these. */
export interface RunFlowOptions {
  runId: string;
  flow: FlowDocument;
  flowFile?: string | null;
  store: RunStore;
  invoker: NodeInvoker;
  /** Absolute project root (nodes resolve relative paths against it). */
  projectRoot: string;
  /** The run environment (spec: exec.env); the `env` scope and every node see exactly this. */
  env?: Readonly<Record<string, string>>;
  /** Variables (spec: exec.vars). For a claimed run: the stored ones, overridden by these. */
  vars?: Record<string, JsonValue>;
  /** How the run was started. For a claimed run: the stored trigger, overridden by these fields. */
  trigger?: Partial<TriggerInfo>;
  clock?: Clock;
  events?: EventListener | EventBus;
  /** Aborting it cancels the run (status cancelled, RUN_CANCELLED). */
  signal?: AbortSignal;
  /** Global default visit cap (STEPYARD_MAX_STEP_VISITS); 0 = unlimited. Default 1000. */
  maxStepVisits?: number;
  redactor?: Redactor;
  pid?: number | null;
  logPath?: string | null;
  /** Resume only: fail with RUN_NOT_FOUND instead of creating the run when it does not exist. */
  mustExist?: boolean;
  /** Answers handed over directly (secret inputs are never stored in clear), by execution id (spec: exec.input). */
  answers?: Readonly<Record<string, JsonValue>>;
}

/** Statuses a run may be claimed from: a fresh queued run, or a suspended/re-queued one (resume). */
const CLAIMABLE: readonly RunStatus[] = ['queued', 'waiting_for_approval', 'waiting_for_input'];

type RunEnd = { status: RunStatus; error: ErrorInfo | null; waitingOn?: string; reason?: string };

/**
 * Run (or resume) a flow to its end or suspension. A failed run is a result, not an exception;
 * throws only StepyardError RUN_STATE_CONFLICT when the run exists and cannot be claimed.
 */
// spec: exec.run-process, state.resume
export async function runFlow(options: RunFlowOptions): Promise<RunOutcome> {
  const clock = options.clock ?? systemClock;
  const emit = toEmitter(options.events);
  const env = options.env ?? {};
  const startedMs = clock.now();
  const iso = (): string => new Date(clock.now()).toISOString();
  const { run, prior, vars } = await claimRun(options, iso(), env);
  const redactor = options.redactor ?? createRedactor({ env, vars });
  const state: RunState = {
    runId: options.runId,
    flow: options.flow,
    topLevelIds: options.flow.steps.map((step) => step.id),
    store: options.store,
    invoker: options.invoker,
    clock,
    emit,
    redactor,
    projectRoot: options.projectRoot,
    env,
    vars,
    trigger: { run_id: run.id, type: run.trigger.type, event_id: run.trigger.eventId, payload: run.trigger.payload },
    steps: {},
    visits: {},
    answers: options.answers ?? {},
    prior: new Map(prior.map((record) => [record.execId, record])),
    nextSeq: prior.reduce((max, record) => Math.max(max, record.seq), 0) + 1,
    cancel: options.signal ?? new AbortController().signal,
    globalVisitLimit: options.maxStepVisits ?? DEFAULT_MAX_STEP_VISITS,
  };
  emit({
    type: 'run.started',
    run_id: run.id,
    at: iso(),
    flow: options.flow.name,
    flow_file: options.flowFile ?? run.flowFile,
    resumed: prior.length > 0,
    pid: options.pid ?? null,
    log_path: options.logPath ?? run.logPath,
  });
  let end: RunEnd;
  try {
    end = await walkFlow(state);
  } catch (error) {
    end = { status: 'failed', error: toErrorInfo(error) };
  }
  if (end.error !== null) end.error = { ...end.error, message: redactor.redactText(end.error.message) };
  return recordEnd(state, end, iso(), clock.now() - startedMs);
}

// spec: exec.ordering, exec.visits, exec.next
async function walkFlow(state: RunState): Promise<RunEnd> {
  const steps = state.flow.steps;
  let index = 0;
  while (index < steps.length) {
    if (state.cancel.aborted) return { status: 'cancelled', error: describeAbort(state.cancel) };
    const spec = steps[index] as (typeof steps)[number];
    const visit = (state.visits[spec.id] ?? 0) + 1;
    const capped = checkVisitLimit(spec.id, visit, resolveVisitLimit(spec.maxVisits, state.globalVisitLimit));
    if (capped !== null) return { status: 'failed', error: { ...capped, step_id: spec.id } };
    state.visits[spec.id] = visit;
    const outcome = await executeStep(state, spec, visitExecId(spec.id, visit), TOP_FRAME, state.cancel, {
      parentExecId: null,
      navigate: true,
    });
    if (outcome.status === 'suspended') {
      const reason = outcome.waitReason ?? 'approval_required';
      const status = reason === 'input_required' ? 'waiting_for_input' : 'waiting_for_approval';
      return { status, error: null, waitingOn: outcome.waitingOn ?? spec.id, reason };
    }
    if (outcome.status === 'cancelled') return { status: 'cancelled', error: outcome.error ?? describeAbort(state.cancel) };
    if (outcome.status === 'failed' && !outcome.continued) return { status: 'failed', error: outcome.error };
    index = outcome.status === 'skipped' ? index + 1 : resolveNextIndex(outcome.next ?? { kind: 'default' }, state.topLevelIds, index);
  }
  return { status: 'completed', error: null };
}

// Create the run record, or claim an existing queued/suspended one and load its earlier step records.
async function claimRun(
  options: RunFlowOptions,
  now: string,
  env: Readonly<Record<string, string>>,
): Promise<{ run: RunRecord; prior: StepRecord[]; vars: Record<string, JsonValue> }> {
  const { store, runId } = options;
  const existing = await store.getRun(runId);
  const patch = { pid: options.pid ?? null, heartbeatAt: now, logPath: options.logPath ?? existing?.logPath ?? null };
  if (existing === undefined) {
    if (options.mustExist === true) throw new StepyardError('RUN_NOT_FOUND', `Run '${runId}' does not exist; nothing to resume`);
    const vars = options.vars ?? {};
    const trigger: TriggerInfo = {
      type: options.trigger?.type ?? 'manual',
      eventId: options.trigger?.eventId ?? null,
      payload: options.trigger?.payload ?? {},
    };
    const redactor = options.redactor ?? createRedactor({ env, vars });
    const run: RunRecord = {
      id: runId,
      flowName: options.flow.name,
      flowFile: options.flowFile ?? null,
      status: 'running',
      vars: redactor.redact(vars) as Record<string, JsonValue>,
      trigger: { ...trigger, payload: redactor.redact(trigger.payload) },
      exitCode: null,
      exitSignal: null,
      error: null,
      createdAt: now,
      startedAt: now,
      endedAt: null,
      updatedAt: now,
      ...patch,
    };
    await store.createRun(run);
    return { run: { ...run, trigger }, prior: [], vars };
  }
  const claimed = await store.transitionRun(runId, CLAIMABLE, 'running', { ...patch, startedAt: existing.startedAt ?? now });
  if (!claimed) {
    throw new StepyardError('RUN_STATE_CONFLICT', `Run '${runId}' is ${existing.status} and cannot be started or resumed`);
  }
  const trigger = { ...existing.trigger, ...options.trigger };
  const prior = await store.listSteps(runId);
  // spec: exec.vars — stored variables, overridden by any given again (masked secrets must be).
  return { run: { ...existing, trigger }, prior, vars: { ...existing.vars, ...options.vars } };
}

// spec: state.transitions — one atomic running → final transition, then the final event.
async function recordEnd(state: RunState, end: RunEnd, at: string, durationMs: number): Promise<RunOutcome> {
  const { runId, store } = state;
  let status = end.status;
  let error = end.error;
  try {
    const final = status === 'waiting_for_approval' || status === 'waiting_for_input';
    const moved = await store.transitionRun(runId, ['running'], status, final ? { error: null } : { error, endedAt: at });
    if (!moved) {
      const current = await store.getRun(runId);
      if (current !== undefined) ({ status, error } = current);
    }
  } catch (storeError) {
    status = 'failed';
    error = toErrorInfo(storeError);
  }
  state.emit(finalEvent(runId, at, durationMs, status, error, end));
  return { runId, status, error, waitingOn: end.waitingOn ?? null };
}

function finalEvent(runId: string, at: string, durationMs: number, status: RunStatus, error: ErrorInfo | null, end: RunEnd): EngineEvent {
  const base = { run_id: runId, at, duration_ms: durationMs };
  const failure = error ?? { code: 'INTERNAL', message: `run ended as ${status}` };
  switch (status) {
    case 'completed':
      return { ...base, type: 'run.completed' };
    case 'cancelled':
      return { ...base, type: 'run.cancelled', error: failure };
    case 'waiting_for_approval':
    case 'waiting_for_input':
      return { run_id: runId, at, type: 'run.suspended', status, exec_id: end.waitingOn ?? '', reason: end.reason ?? '' };
    default:
      return { ...base, type: 'run.failed', error: failure, phase: 'run' };
  }
}

function toEmitter(events: EventListener | EventBus | undefined): (event: EngineEvent) => void {
  if (events === undefined) return () => undefined;
  if (typeof events !== 'function') return (event) => events.emit(event);
  // A throwing listener must not break the run.
  return (event) => {
    try {
      events(event);
    } catch {
      // Ignored on purpose.
    }
  };
}
