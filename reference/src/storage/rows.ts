// Row ↔ record mapping. Every JSON column holds JSON text (strings are quoted: no STORE-json ambiguity).
import type { JsonValue } from '../flow/types.js';
import type { ErrorInfo, NextDecision, RunRecord, RunStatus, StepKind, StepRecord, StepStatus, StepWait } from '../engine/types.js';

/** A `runs` row as better-sqlite3 returns it. */
export interface RunRow {
  id: string;
  flow_name: string;
  flow_file: string | null;
  status: string;
  vars: string;
  trigger_type: string;
  trigger_event_id: string | null;
  trigger_payload: string;
  pid: number | null;
  heartbeat_at: string | null;
  exit_code: number | null;
  exit_signal: string | null;
  error: string | null;
  log_path: string | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  updated_at: string;
  replay_of?: string | null;
}

/** A `steps` row as better-sqlite3 returns it. */
export interface StepRow {
  run_id: string;
  exec_id: string;
  seq: number;
  step_id: string;
  parent_exec_id: string | null;
  kind: string;
  status: string;
  attempt: number;
  iteration: number | null;
  inputs: string | null;
  output: string | null;
  error: string | null;
  items: string | null;
  next: string | null;
  wait: string | null;
  started_at: string | null;
  ended_at: string | null;
}

/** JSON text of a value; null stays SQL NULL. */
export function toJsonText(value: JsonValue | object | null | undefined): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** A runs row → RunRecord (`replayOf` only for replays). */
export function rowToRun(row: RunRow): RunRecord {
  const run: RunRecord = {
    id: row.id,
    flowName: row.flow_name,
    flowFile: row.flow_file,
    status: row.status as RunStatus,
    vars: parseJson<Record<string, JsonValue>>(row.vars) ?? {},
    trigger: { type: row.trigger_type, eventId: row.trigger_event_id, payload: parseJson<JsonValue>(row.trigger_payload) },
    pid: row.pid,
    heartbeatAt: row.heartbeat_at,
    exitCode: row.exit_code,
    exitSignal: row.exit_signal,
    error: parseJson<ErrorInfo>(row.error),
    logPath: row.log_path,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    updatedAt: row.updated_at,
  };
  if (row.replay_of !== undefined && row.replay_of !== null) run.replayOf = row.replay_of;
  return run;
}

/** A RunRecord → named parameters of the insert statement. */
export function runToParams(run: RunRecord): Record<string, unknown> {
  return {
    id: run.id,
    flow_name: run.flowName,
    flow_file: run.flowFile,
    status: run.status,
    vars: JSON.stringify(run.vars),
    trigger_type: run.trigger.type,
    trigger_event_id: run.trigger.eventId,
    trigger_payload: JSON.stringify(run.trigger.payload),
    pid: run.pid,
    heartbeat_at: run.heartbeatAt,
    exit_code: run.exitCode,
    exit_signal: run.exitSignal,
    error: toJsonText(run.error),
    log_path: run.logPath,
    created_at: run.createdAt,
    started_at: run.startedAt,
    ended_at: run.endedAt,
    updated_at: run.updatedAt,
    replay_of: run.replayOf ?? null,
  };
}

/** A steps row → StepRecord. */
export function rowToStep(row: StepRow): StepRecord {
  return {
    runId: row.run_id,
    execId: row.exec_id,
    stepId: row.step_id,
    parentExecId: row.parent_exec_id,
    kind: row.kind as StepKind,
    status: row.status as StepStatus,
    attempt: row.attempt,
    seq: row.seq,
    iteration: row.iteration,
    inputs: parseJson<JsonValue>(row.inputs),
    output: parseJson<JsonValue>(row.output),
    error: parseJson<ErrorInfo>(row.error),
    items: parseJson<JsonValue[]>(row.items),
    next: parseJson<NextDecision>(row.next),
    wait: parseJson<StepWait>(row.wait),
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

/** A StepRecord → positional parameters of the upsert statement (column order of STEP_COLUMNS). */
export function stepToParams(step: StepRecord): unknown[] {
  return [
    step.runId,
    step.execId,
    step.seq,
    step.stepId,
    step.parentExecId,
    step.kind,
    step.status,
    step.attempt,
    step.iteration,
    toJsonText(step.inputs),
    toJsonText(step.output),
    toJsonText(step.error),
    toJsonText(step.items),
    toJsonText(step.next),
    toJsonText(step.wait),
    step.startedAt,
    step.endedAt,
  ];
}

/** Column order used by stepToParams. */
export const STEP_COLUMNS = [
  'run_id',
  'exec_id',
  'seq',
  'step_id',
  'parent_exec_id',
  'kind',
  'status',
  'attempt',
  'iteration',
  'inputs',
  'output',
  'error',
  'items',
  'next',
  'wait',
  'started_at',
  'ended_at',
] as const;
