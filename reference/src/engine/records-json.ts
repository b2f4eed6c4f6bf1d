// Wire (snake_case) forms of run and step records: spec/schemas/{run-record,step-record}.schema.json.
import type { JsonValue } from '../flow/types.js';
import type { RunRecord, StepRecord } from './types.js';

/** A run record as `--json` output shows it (run-record.schema.json). */
export function toRunRecordJson(run: RunRecord): Record<string, JsonValue> {
  return {
    id: run.id,
    flow_name: run.flowName,
    flow_file: run.flowFile,
    status: run.status,
    vars: run.vars,
    trigger: { type: run.trigger.type, event_id: run.trigger.eventId, payload: run.trigger.payload },
    pid: run.pid,
    heartbeat_at: run.heartbeatAt,
    exit_code: run.exitCode,
    exit_signal: run.exitSignal,
    error: run.error === null ? null : { ...run.error },
    log_path: run.logPath,
    created_at: run.createdAt,
    started_at: run.startedAt,
    ended_at: run.endedAt,
    updated_at: run.updatedAt,
  };
}

/** A step record as `--json` output shows it (step-record.schema.json). */
export function toStepRecordJson(step: StepRecord): Record<string, JsonValue> {
  return {
    run_id: step.runId,
    exec_id: step.execId,
    step_id: step.stepId,
    parent_exec_id: step.parentExecId,
    kind: step.kind,
    status: step.status,
    attempt: step.attempt,
    seq: step.seq,
    iteration: step.iteration,
    inputs: step.inputs,
    output: step.output,
    error: step.error === null ? null : { ...step.error },
    items: step.items,
    next: step.next === null ? null : { ...step.next },
    wait: step.wait === null ? null : ({ ...step.wait } as Record<string, JsonValue>),
    started_at: step.startedAt,
    ended_at: step.endedAt,
  };
}
