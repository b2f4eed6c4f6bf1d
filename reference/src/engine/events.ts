// Typed engine events and a tiny synchronous bus. Event fields use the wire casing (event.schema.json).
import type { JsonValue } from '../flow/types.js';
import type { Problem } from '../errors/to-problem.js';
import type { ErrorInfo, StepKind } from './types.js';

interface EventBase {
  run_id: string;
  /** ISO 8601 UTC timestamp. */
  at: string;
}

interface StepEventBase extends EventBase {
  exec_id: string;
  step_id: string;
}

/** A run process claimed the run and starts (or resumes) walking the flow. */
export interface RunStartedEvent extends EventBase {
  type: 'run.started';
  flow: string;
  flow_file: string | null;
  resumed: boolean;
  pid: number | null;
  log_path: string | null;
}
export interface StepStartedEvent extends StepEventBase {
  type: 'step.started';
  kind: StepKind;
  parent_exec_id: string | null;
  iteration: number | null;
}
export interface StepRetryingEvent extends StepEventBase {
  type: 'step.retrying';
  /** The attempt that failed. */
  attempt: number;
  /** Wait before the next attempt. */
  delay_ms: number;
  error: ErrorInfo;
}
export interface StepCompletedEvent extends StepEventBase {
  type: 'step.completed';
  kind: StepKind;
  attempt: number;
  output: JsonValue;
  duration_ms: number;
}
export interface StepFailedEvent extends StepEventBase {
  type: 'step.failed';
  kind: StepKind;
  attempt: number;
  error: ErrorInfo;
  /** True when continue_on_error let the run go on. */
  continued: boolean;
  duration_ms: number;
}
export interface StepSkippedEvent extends StepEventBase {
  type: 'step.skipped';
  reason: 'condition' | 'empty_loop';
}
export interface StepWaitingEvent extends StepEventBase {
  type: 'step.waiting';
  reason: string;
}
export interface RunCompletedEvent extends EventBase {
  type: 'run.completed';
  duration_ms: number;
}
export interface RunFailedEvent extends EventBase {
  type: 'run.failed';
  error: ErrorInfo;
  duration_ms: number;
  /** `startup` when the run process could not start the run (bad flow file, bad request). */
  phase?: 'startup' | 'run';
  /** Full problems for startup failures (e.g. every validation error of the flow file). */
  problems?: Problem[];
}
export interface RunSuspendedEvent extends EventBase {
  type: 'run.suspended';
  status: 'waiting_for_approval' | 'waiting_for_input';
  exec_id: string;
  reason: string;
}
export interface RunCancelledEvent extends EventBase {
  type: 'run.cancelled';
  error: ErrorInfo;
  duration_ms: number;
}
export interface LogEvent extends EventBase {
  type: 'log';
  level: 'debug' | 'info' | 'warn' | 'error';
  /** Which stream of a node produced the line; absent for engine messages. */
  stream?: 'stdout' | 'stderr';
  exec_id?: string;
  message: string;
}

/** Everything the engine reports while a run proceeds (spec schema event.schema.json). */
export type EngineEvent =
  | RunStartedEvent
  | StepStartedEvent
  | StepRetryingEvent
  | StepCompletedEvent
  | StepFailedEvent
  | StepSkippedEvent
  | StepWaitingEvent
  | RunCompletedEvent
  | RunFailedEvent
  | RunSuspendedEvent
  | RunCancelledEvent
  | LogEvent;

/** The `type` of an engine event. */
export type EngineEventType = EngineEvent['type'];

/** Event types that end a run process's work on a run. */
export const FINAL_EVENT_TYPES: ReadonlySet<EngineEventType> = new Set([
  'run.completed',
  'run.failed',
  'run.suspended',
  'run.cancelled',
]);

/** A listener of engine events. Listeners must not throw; a throwing listener is detached. */
export type EventListener = (event: EngineEvent) => void;

/** A synchronous fan-out of engine events. */
export interface EventBus {
  emit(event: EngineEvent): void;
  /** Returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

/** Create an event bus. Listeners run synchronously, in subscription order. */
export function createEventBus(): EventBus {
  let listeners: EventListener[] = [];
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          listeners = listeners.filter((l) => l !== listener);
        }
      }
    },
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
  };
}
