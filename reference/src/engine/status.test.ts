import { describe, expect, it } from 'vitest';
import {
  RUN_STATUSES,
  canTransitionRun,
  canTransitionStep,
  isActiveRunStatus,
  isSuspendedRunStatus,
  isTerminalRunStatus,
  runStatusesLeadingTo,
} from './status.js';

describe('run status table', () => {
  it.each([
    ['queued', 'running', true],
    ['running', 'completed', true],
    ['running', 'waiting_for_input', true],
    ['waiting_for_approval', 'queued', true],
    ['waiting_for_input', 'running', true],
    ['completed', 'running', false],
    ['failed', 'completed', false],
    ['cancelled', 'queued', false],
    ['queued', 'completed', false],
    ['running', 'queued', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransitionRun(from, to)).toBe(allowed);
  });

  it('terminal statuses have no way out and are not active', () => {
    for (const status of RUN_STATUSES) {
      expect(isActiveRunStatus(status)).toBe(!isTerminalRunStatus(status));
    }
    expect(RUN_STATUSES.filter(isTerminalRunStatus)).toEqual(['completed', 'failed', 'cancelled']);
    expect(RUN_STATUSES.filter(isSuspendedRunStatus)).toEqual(['waiting_for_approval', 'waiting_for_input']);
  });

  it('lists the statuses a run may be claimed from', () => {
    expect(runStatusesLeadingTo('running')).toEqual(['queued', 'waiting_for_approval', 'waiting_for_input']);
  });
});

describe('step status table', () => {
  it.each([
    ['pending', 'running', true],
    ['running', 'retrying', true],
    ['retrying', 'running', true],
    ['running', 'waiting', true],
    ['waiting', 'completed', true],
    ['completed', 'running', false],
    ['skipped', 'running', false],
    ['pending', 'completed', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransitionStep(from, to)).toBe(allowed);
  });
});
