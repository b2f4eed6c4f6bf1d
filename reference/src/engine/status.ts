// Legal run and step status transitions, as tables. Stores apply run transitions atomically.
import type { RunStatus, StepStatus } from './types.js';

/** Every run status, in lifecycle order. */
export const RUN_STATUSES: readonly RunStatus[] = [
  'queued',
  'running',
  'waiting_for_approval',
  'waiting_for_input',
  'completed',
  'failed',
  'cancelled',
];

/** Every step status. */
export const STEP_STATUSES: readonly StepStatus[] = [
  'pending',
  'running',
  'retrying',
  'waiting',
  'completed',
  'failed',
  'skipped',
  'cancelled',
];

// spec: state.transitions
const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  queued: ['running', 'failed', 'cancelled'],
  running: ['completed', 'failed', 'cancelled', 'waiting_for_approval', 'waiting_for_input'],
  waiting_for_approval: ['queued', 'running', 'failed', 'cancelled'],
  waiting_for_input: ['queued', 'running', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

// spec: state.transitions
const STEP_TRANSITIONS: Readonly<Record<StepStatus, readonly StepStatus[]>> = {
  pending: ['running', 'skipped', 'cancelled'],
  running: ['running', 'retrying', 'waiting', 'completed', 'failed', 'cancelled'],
  retrying: ['running', 'failed', 'cancelled'],
  waiting: ['running', 'completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  skipped: [],
  cancelled: [],
};

/** Whether a run may move from `from` to `to`. */
export function canTransitionRun(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}

/** Whether a step record may move from `from` to `to`. */
export function canTransitionStep(from: StepStatus, to: StepStatus): boolean {
  return STEP_TRANSITIONS[from].includes(to);
}

/** The statuses a run may be in for a transition to `to` (the `WHERE status IN (...)` set). */
export function runStatusesLeadingTo(to: RunStatus): RunStatus[] {
  return RUN_STATUSES.filter((from) => RUN_TRANSITIONS[from].includes(to));
}

/** completed, failed, cancelled. */
export function isTerminalRunStatus(status: RunStatus): boolean {
  return RUN_TRANSITIONS[status].length === 0;
}

/** waiting_for_approval, waiting_for_input. */
export function isSuspendedRunStatus(status: RunStatus): boolean {
  return status === 'waiting_for_approval' || status === 'waiting_for_input';
}

/** Not terminal: queued, running or suspended. History clearing never deletes these. */
export function isActiveRunStatus(status: RunStatus): boolean {
  return !isTerminalRunStatus(status);
}

/** completed, failed, skipped, cancelled. */
export function isFinalStepStatus(status: StepStatus): boolean {
  return STEP_TRANSITIONS[status].length === 0;
}

/** Whether a string is a run status. */
export function isRunStatus(value: string): value is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(value);
}
