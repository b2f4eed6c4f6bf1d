import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord, StepRecord } from '../engine/types.js';
import { isStepyardError } from '../errors/stepyard-error.js';
import { applyRetention, applyRetentionWhenOver } from './history.js';
import { SCHEMA_VERSION } from './migrate.js';
import { databasePath, findRunLog, runLogPath, slugifyFlowName } from './paths.js';
import { SqliteRunStore, openStore } from './run-store.js';

const stores: SqliteRunStore[] = [];
function fresh(): { root: string; store: SqliteRunStore } {
  const root = mkdtempSync(path.join(tmpdir(), 'stepyard-store-'));
  const store = openStore(root);
  stores.push(store);
  return { root, store };
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function runRecord(id: string, patch: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    flowName: 'demo',
    flowFile: 'flows/demo.yaml',
    status: 'queued',
    vars: { a: '1' },
    trigger: { type: 'manual', eventId: null, payload: { x: 1 } },
    pid: null,
    heartbeatAt: null,
    exitCode: null,
    exitSignal: null,
    error: null,
    logPath: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    endedAt: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

function stepRecord(runId: string, execId: string, seq: number, patch: Partial<StepRecord> = {}): StepRecord {
  return {
    runId,
    execId,
    stepId: execId,
    parentExecId: null,
    kind: 'node',
    status: 'running',
    attempt: 1,
    seq,
    iteration: null,
    inputs: { cmd: 'x' },
    output: null,
    error: null,
    items: null,
    next: null,
    wait: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: null,
    ...patch,
  };
}

describe('database', () => {
  it('creates .stepyard/stepyard.db in WAL mode with migrations recorded', () => {
    const { root, store } = fresh();
    expect(existsSync(databasePath(root))).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('opening twice migrates once', () => {
    const { root } = fresh();
    const again = openStore(root);
    stores.push(again);
    expect(again.db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(SCHEMA_VERSION);
  });

  it('refuses a database from a newer Stepyard with STATE_CORRUPT', () => {
    const { root, store } = fresh();
    store.db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run();
    store.close();
    expect(() => openStore(root)).toThrowError(expect.objectContaining({ code: 'STATE_CORRUPT' }) as Error);
  });

  it('a file that is not a database is STATE_CORRUPT', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'stepyard-store-'));
    mkdirSync(path.join(root, '.stepyard'));
    writeFileSync(databasePath(root), 'this is not sqlite, just text '.repeat(200));
    try {
      openStore(root);
      expect.unreachable();
    } catch (error) {
      expect(isStepyardError(error) && error.code).toBe('STATE_CORRUPT');
    }
  });
});

describe('runs', () => {
  it('round-trips a run record', () => {
    const { store } = fresh();
    store.createRun(runRecord('r1', { error: { code: 'X', message: 'y' } }));
    expect(store.getRun('r1')).toEqual(runRecord('r1', { error: { code: 'X', message: 'y' } }));
    expect(store.getRun('nope')).toBeUndefined();
  });

  it('transitions atomically: only one of two claimants wins', () => {
    const { root, store } = fresh();
    const other = new SqliteRunStore(new Database(databasePath(root)));
    stores.push(other);
    store.createRun(runRecord('r1', { status: 'waiting_for_approval' }));
    expect(store.transitionRun('r1', ['waiting_for_approval', 'queued'], 'running', { pid: 11 })).toBe(true);
    expect(other.transitionRun('r1', ['waiting_for_approval', 'queued'], 'running', { pid: 22 })).toBe(false);
    expect(store.getRun('r1')).toMatchObject({ status: 'running', pid: 11 });
  });

  it('patches only the given fields, null included', () => {
    const { store } = fresh();
    store.createRun(runRecord('r1', { pid: 5, logPath: 'a.log' }));
    store.transitionRun('r1', ['queued'], 'running', { pid: null, endedAt: '2026-01-02T00:00:00.000Z' });
    expect(store.getRun('r1')).toMatchObject({ pid: null, logPath: 'a.log', endedAt: '2026-01-02T00:00:00.000Z' });
    store.patchRun('r1', { heartbeatAt: '2026-01-03T00:00:00.000Z' });
    expect(store.getRun('r1')).toMatchObject({ status: 'running', heartbeatAt: '2026-01-03T00:00:00.000Z' });
  });
});

describe('steps', () => {
  it('upserts by (run, exec id), keeping the first sequence number', () => {
    const { store } = fresh();
    store.createRun(runRecord('r1'));
    store.saveStep(stepRecord('r1', 'a', 1));
    store.saveStep(stepRecord('r1', 'b', 2));
    store.saveStep(stepRecord('r1', 'a', 7, { status: 'completed', output: '123', items: [1, 'x'], next: { kind: 'end' } }));
    const steps = store.listSteps('r1');
    expect(steps.map((s) => [s.execId, s.seq, s.status])).toEqual([
      ['a', 1, 'completed'],
      ['b', 2, 'running'],
    ]);
    expect(steps[0]).toMatchObject({ output: '123', items: [1, 'x'], next: { kind: 'end' } });
  });

  it('updates a step first written by another connection (a resumed run) in place', () => {
    const { root, store } = fresh();
    store.createRun(runRecord('r1'));
    store.saveStep(stepRecord('r1', 'a', 1, { status: 'waiting' }));
    const resumed = openStore(root);
    stores.push(resumed);
    resumed.saveStep(stepRecord('r1', 'a', 9, { status: 'running', attempt: 2 }));
    resumed.saveStep(stepRecord('r1', 'a', 9, { status: 'completed', attempt: 2, output: { ok: true } }));
    expect(store.listSteps('r1').map((s) => [s.execId, s.seq, s.status, s.attempt, s.output])).toEqual([['a', 1, 'completed', 2, { ok: true }]]);
  });

  it('keeps a string output apart from a number', () => {
    const { store } = fresh();
    store.createRun(runRecord('r1'));
    store.saveStep(stepRecord('r1', 's', 1, { output: '123' }));
    store.saveStep(stepRecord('r1', 'n', 2, { output: 123 }));
    store.saveStep(stepRecord('r1', 't', 3, { output: 'true' }));
    expect(store.listSteps('r1').map((s) => s.output)).toEqual(['123', 123, 'true']);
  });
});

describe('history', () => {
  function seed(store: SqliteRunStore): void {
    const rows: [string, string, RunRecord['status'], string][] = [
      ['r1', 'a', 'completed', '2026-01-01T00:00:01.000Z'],
      ['r2', 'a', 'failed', '2026-01-01T00:00:02.000Z'],
      ['r3', 'a', 'running', '2026-01-01T00:00:03.000Z'],
      ['r4', 'b', 'completed', '2026-01-01T00:00:04.000Z'],
      ['r5', 'b', 'waiting_for_input', '2026-01-01T00:00:05.000Z'],
      ['r6', 'a', 'cancelled', '2026-01-01T00:00:06.000Z'],
    ];
    for (const [id, flowName, status, createdAt] of rows) store.createRun(runRecord(id, { flowName, status, createdAt }));
    store.saveStep(stepRecord('r1', 'x', 1));
  }

  it('lists newest first with flow, status and limit filters', () => {
    const { store } = fresh();
    seed(store);
    expect(store.listRuns().map((r) => r.id)).toEqual(['r6', 'r5', 'r4', 'r3', 'r2', 'r1']);
    expect(store.listRuns({ flow: 'a', limit: 2 }).map((r) => r.id)).toEqual(['r6', 'r3']);
    expect(store.listRuns({ status: ['completed', 'failed'] }).map((r) => r.id)).toEqual(['r4', 'r2', 'r1']);
    expect(store.listRuns({ status: 'running' }).map((r) => r.id)).toEqual(['r3']);
  });

  it('clears finished runs with their steps, never active ones', () => {
    const { store } = fresh();
    seed(store);
    const result = store.clearHistory();
    expect(result.runIds.sort()).toEqual(['r1', 'r2', 'r4', 'r6']);
    expect(store.listRuns().map((r) => r.id)).toEqual(['r5', 'r3']);
    expect(store.listSteps('r1')).toEqual([]);
  });

  it('keeps the newest finished runs per flow and deletes the log files of the others', () => {
    const { root, store } = fresh();
    seed(store);
    const log = runLogPath(root, 'a', 'r1');
    mkdirSync(path.dirname(log), { recursive: true });
    writeFileSync(log, 'x');
    store.db.prepare('UPDATE runs SET log_path = ? WHERE id = ?').run(log, 'r1');
    const result = store.clearHistory({ keepLast: 1 });
    expect(result.runIds.sort()).toEqual(['r1', 'r2']);
    expect(existsSync(log)).toBe(false);
  });

  it('applies count retention only when some flow is over the limit', () => {
    const { store } = fresh();
    seed(store);
    // Flow a has 3 finished runs (r1, r2, r6) and flow b 1 (r4).
    expect(applyRetentionWhenOver(store.db, 3)).toEqual({ deleted: 0, runIds: [] });
    expect(store.listRuns({ limit: 0 })).toHaveLength(6);
    expect(applyRetentionWhenOver(store.db, 2).runIds).toEqual(['r1']);
    expect(applyRetentionWhenOver(store.db, 2)).toEqual({ deleted: 0, runIds: [] });
    expect(store.listRuns({ limit: 0 }).map((r) => r.id)).toEqual(['r6', 'r5', 'r4', 'r3', 'r2']);
  });

  it('retention by age', () => {
    const { store } = fresh();
    seed(store);
    const result = applyRetention(store.db, { maxAgeDays: 1 }, new Date('2026-01-01T12:00:00.000Z'));
    expect(result.deleted).toBe(0);
    const later = applyRetention(store.db, { maxAgeDays: 1 }, new Date('2026-01-05T00:00:00.000Z'));
    expect(later.runIds.sort()).toEqual(['r1', 'r2', 'r4', 'r6']);
  });
});

describe('log paths', () => {
  it.each([
    ['My Flow_1', 'my-flow-1'],
    ['--deploy--', 'deploy'],
    ['Ünïcode', 'n-code'],
    ['!!!', 'unknown'],
  ])('slug of %s is %s', (name, slug) => {
    expect(slugifyFlowName(name)).toBe(slug);
  });

  it('finds a log by run id without the flow', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'stepyard-logs-'));
    const log = runLogPath(root, 'Deploy App', 'run-x');
    expect(log).toBe(path.join(root, '.stepyard', 'logs', 'runs', 'deploy-app', 'run-x.log'));
    expect(findRunLog(root, 'run-x')).toBeUndefined();
    mkdirSync(path.dirname(log), { recursive: true });
    writeFileSync(log, '');
    expect(findRunLog(root, 'run-x')).toBe(log);
  });
});
