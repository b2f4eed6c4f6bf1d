// The records frame and retention done by the run process itself (what `stepyard run` relies on so that it need
// not open the state store after the run): real run processes through startRun.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRun, type RunExit } from '../src/runner/spawn-run.js';
import type { StartRunRequest } from '../src/runner/run-request.js';
import { openStore } from '../src/storage/run-store.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(flows: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'stepyard-records-'));
  roots.push(root);
  mkdirSync(path.join(root, 'flows'));
  for (const [name, text] of Object.entries(flows)) writeFileSync(path.join(root, 'flows', name), text);
  return root;
}

async function run(request: StartRunRequest): Promise<RunExit> {
  const handle = startRun(request);
  for await (const event of handle.events) void event;
  return handle.done;
}

function stored(root: string, runId: string) {
  const store = openStore(root);
  try {
    return { found: store.getRunWithSteps(runId), runs: store.listRuns({ limit: 0 }).map((r) => r.id) };
  } finally {
    store.close();
  }
}

const ECHO = 'name: echo\nsteps:\n  - {id: a, uses: system.echo, with: {value: 1}}\n  - {id: b, uses: system.echo, with: {value: "${{ steps.a.output }}"}}\n';
const FAIL = 'name: fail\nsteps:\n  - {id: a, uses: system.echo, with: {value: 1, fail_attempts: 1}}\n';

describe('records sent by the run process', () => {
  it('are exactly the stored run and steps, read after the run ended', async () => {
    const root = project({ 'echo.yaml': ECHO });
    const exit = await run({ projectRoot: root, flowFile: 'flows/echo.yaml', sendRecords: true });
    expect(exit.status).toBe('completed');
    expect(exit.records).not.toBeNull();
    expect(exit.records).toEqual(stored(root, exit.records?.run.id ?? '').found);
    expect(exit.records?.run).toMatchObject({ status: 'completed', exitCode: 0 });
  });

  it('are sent for a failed run too, and not at all unless asked for', async () => {
    const root = project({ 'fail.yaml': FAIL, 'echo.yaml': ECHO });
    const failed = await run({ projectRoot: root, flowFile: 'flows/fail.yaml', sendRecords: true });
    expect(failed.status).toBe('failed');
    expect(failed.records?.steps.map((step) => [step.execId, step.status])).toEqual([['a', 'failed']]);
    expect((await run({ projectRoot: root, flowFile: 'flows/echo.yaml' })).records).toBeNull();
  });
});

describe('retention in the run process', () => {
  it('keeps the newest keepRuns finished runs of each flow once the run ended', async () => {
    const root = project({ 'echo.yaml': ECHO, 'fail.yaml': FAIL });
    const ids: string[] = [];
    for (const flowFile of ['flows/fail.yaml', 'flows/echo.yaml', 'flows/echo.yaml', 'flows/echo.yaml']) {
      const exit = await run({ projectRoot: root, flowFile, sendRecords: true, keepRuns: 2 });
      ids.push(exit.records?.run.id ?? '');
    }
    expect(new Set(stored(root, '').runs)).toEqual(new Set([ids[0], ids[2], ids[3]]));
    await run({ projectRoot: root, flowFile: 'flows/echo.yaml' });
    expect(stored(root, '').runs).toHaveLength(4);
  });
});
