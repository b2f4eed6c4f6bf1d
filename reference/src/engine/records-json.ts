// Wire (snake_case) forms of run and step records: spec/schemas/{run-record,step-record}.schema.json.
import type { JsonValue } from '../flow/types.js';
import type { RunRecord, StepRecord, StepWait } from './types.js';

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
    replay_of: run.replayOf ?? null,
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
    wait: step.wait === null ? null : toWaitJson(step.wait),
    started_at: step.startedAt,
    ended_at: step.endedAt,
  };
}

/** A step's wait as `--json` output shows it: `{reason, data?, decision?, value?, actor?, comment?, decided_at?}`. */
export function toWaitJson(wait: StepWait): Record<string, JsonValue> {
  const json: Record<string, JsonValue> = { reason: wait.reason };
  if (wait.data !== undefined) json.data = wait.data;
  if (wait.decision !== undefined) json.decision = wait.decision;
  if (wait.value !== undefined) json.value = wait.value;
  if (wait.actor !== undefined) json.actor = wait.actor;
  if (wait.comment !== undefined) json.comment = wait.comment;
  if (wait.decidedAt !== undefined) json.decided_at = wait.decidedAt;
  return json;
}
