import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteRunStore } from './run-store.js';
import type { RunRecord, StepRecord } from '../engine/types.js';

let dir: string;
let store: SqliteRunStore;

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(): SqliteRunStore {
  dir = mkdtempSync(path.join(tmpdir(), 'stepyard-close-steps-'));
  store = openStore(dir);
  return store;
}

describe('transitionRun to a final failure', () => {
  it('closes the step records the run left open, keeping finished ones', () => {
    const s = open();
    s.createRun(makeRun('r1'));
    s.saveStep(makeStep('r1', 'a', 1, 'completed'));
    s.saveStep(makeStep('r1', 'b', 2, 'running'));
    expect(s.transitionRun('r1', ['running'], 'failed', { error: { code: 'RUN_PROCESS_DIED', message: 'gone' } })).toBe(true);
    const steps = Object.fromEntries(s.listSteps('r1').map((step) => [step.execId, step]));
    expect(steps.a?.status).toBe('completed');
    expect(steps.b?.status).toBe('failed');
    expect(steps.b?.error?.code).toBe('RUN_PROCESS_DIED');
    expect(steps.b?.endedAt).not.toBeNull();
  });

  it('changes nothing when the compare-and-set loses', () => {
    const s = open();
    s.createRun({ ...makeRun('r2'), status: 'completed' });
    s.saveStep(makeStep('r2', 'a', 1, 'running'));
    expect(s.transitionRun('r2', ['running'], 'failed')).toBe(false);
    expect(s.listSteps('r2')[0]?.status).toBe('running');
  });
});

function makeRun(id: string): RunRecord {
  const at = new Date().toISOString();
  return {
    id,
    flowName: 'f',
    flowFile: null,
    status: 'running',
    vars: {},
    trigger: { type: 'manual', eventId: null, payload: {} },
    pid: null,
    heartbeatAt: null,
    exitCode: null,
    exitSignal: null,
    error: null,
    logPath: null,
    createdAt: at,
    startedAt: at,
    endedAt: null,
    updatedAt: at,
  };
}

function makeStep(runId: string, execId: string, seq: number, status: StepRecord['status']): StepRecord {
  return {
    runId,
    execId,
    seq,
    stepId: execId,
    parentExecId: null,
    kind: 'node',
    status,
    attempt: 1,
    iteration: null,
    inputs: {},
    output: null,
    error: null,
    items: null,
    next: null,
    wait: null,
    startedAt: new Date().toISOString(),
    endedAt: null,
  };
}
