// The RUN RESULT (`run --json`, `show --json`) and the run summary of listings, built from stored records.
// spec: cli.run-result — shapes in spec/schemas/run-result.schema.json and run-list.schema.json.
import type { ErrorInfo, RunRecord, RunStatus, StepRecord, StepStatus } from '../../engine/types.js';
import type { JsonValue } from '../../flow/types.js';
import { toWaitJson } from '../../engine/records-json.js';
import { durationBetween } from './values.js';

/** An error as the RUN RESULT shows it on the run. */
export interface RunErrorResult {
  code: string;
  message: string;
  /** JSON Pointer into the flow, when the failure belongs to one place (e.g. `/steps/0/with/url`). */
  instance?: string;
  step_id?: string;
}

/** One step execution of a RUN RESULT, keyed by its exec id. */
export interface StepResult {
  /** The step id as written in the flow. */
  id: string;
  exec_id: string;
  status: StepStatus;
  attempts: number;
  inputs: JsonValue;
  output: JsonValue;
  error: { code: string; message: string; instance?: string } | null;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
  /** What the step waited for and how it was decided (spec: cli.approve); only for steps that waited. */
  wait?: Record<string, JsonValue>;
}

/** The whole result of one run. `ok` is false exactly when the run failed or was cancelled. */
export interface RunResult {
  ok: boolean;
  run_id: string;
  flow: string;
  flow_file: string | null;
  status: RunStatus;
  trigger: { type: string; payload: JsonValue };
  vars: Record<string, JsonValue>;
  error: RunErrorResult | null;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
  /** Exec ids in the order the steps started. */
  step_order: string[];
  steps: Record<string, StepResult>;
  /** For a replay: the run it replays (spec: exec.replay). */
  replay_of?: string;
}

/** One run in a listing (`runs --json`, `status --json`). */
export interface RunSummary {
  run_id: string;
  flow: string;
  flow_file: string | null;
  status: RunStatus;
  trigger: { type: string };
  pid: number | null;
  error: RunErrorResult | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
}

/** Whether a run status counts as a failure (exit 1, `ok: false`). */
export function isFailedRunStatus(status: RunStatus): boolean {
  return status === 'failed' || status === 'cancelled';
}

/** The RUN RESULT of a stored run and its step records (records in creation order). */
// spec: cli.run-result
export function buildRunResult(run: RunRecord, steps: readonly StepRecord[]): RunResult {
  const ordered = [...steps].sort((a, b) => a.seq - b.seq);
  const results: Record<string, StepResult> = {};
  for (const step of ordered) results[step.execId] = buildStepResult(step);
  return {
    ok: !isFailedRunStatus(run.status),
    run_id: run.id,
    flow: run.flowName,
    flow_file: run.flowFile,
    status: run.status,
    trigger: { type: run.trigger.type, payload: run.trigger.payload },
    vars: run.vars,
    error: toRunError(run.error),
    started_at: run.startedAt,
    ended_at: run.endedAt,
    duration_ms: durationBetween(run.startedAt, run.endedAt),
    step_order: ordered.map((step) => step.execId),
    steps: results,
    ...(run.replayOf === undefined || run.replayOf === null ? {} : { replay_of: run.replayOf }),
  };
}

/** The listing entry of a stored run. */
export function buildRunSummary(run: RunRecord): RunSummary {
  return {
    run_id: run.id,
    flow: run.flowName,
    flow_file: run.flowFile,
    status: run.status,
    trigger: { type: run.trigger.type },
    pid: run.pid,
    error: toRunError(run.error),
    created_at: run.createdAt,
    started_at: run.startedAt,
    ended_at: run.endedAt,
    duration_ms: durationBetween(run.startedAt, run.endedAt),
  };
}

function buildStepResult(step: StepRecord): StepResult {
  return {
    id: step.stepId,
    exec_id: step.execId,
    status: step.status,
    attempts: step.attempt,
    inputs: step.inputs,
    output: step.output,
    error: step.error === null ? null : { code: step.error.code, message: step.error.message, ...(step.error.instance === undefined ? {} : { instance: step.error.instance }) },
    started_at: step.startedAt,
    ended_at: step.endedAt,
    duration_ms: durationBetween(step.startedAt, step.endedAt),
    ...(step.wait === null ? {} : { wait: toWaitJson(step.wait) }),
  };
}

function toRunError(error: ErrorInfo | null): RunErrorResult | null {
  if (error === null) return null;
  const result: RunErrorResult = { code: error.code, message: error.message };
  if (typeof error.instance === 'string') result.instance = error.instance;
  if (typeof error.step_id === 'string') result.step_id = error.step_id;
  return result;
}
