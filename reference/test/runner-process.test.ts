// Real run processes: spawn, events over fd 3, SQLite state, the log file, crashes, cancel, reconcile.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../src/engine/events.js';
import { isProcessAlive, reconcileRuns } from '../src/runner/reconcile.js';
import { startRun, type RunHandle } from '../src/runner/spawn-run.js';
import { databasePath } from '../src/storage/paths.js';
import { openStore } from '../src/storage/run-store.js';

function project(flows: Record<string, string>, files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'stepyard-runner-'));
  mkdirSync(path.join(root, 'flows'));
  for (const [name, text] of Object.entries(flows)) writeFileSync(path.join(root, 'flows', name), text);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  return root;
}

async function collect(handle: RunHandle, onEvent?: (event: EngineEvent) => void): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  for await (const event of handle.events) {
    events.push(event);
    onEvent?.(event);
  }
  return events;
}

function readRun(root: string, runId: string) {
  const store = openStore(root);
  try {
    return store.getRunWithSteps(runId);
  } finally {
    store.close();
  }
}

describe('run process', () => {
  it('runs a flow, streams events, records the run and writes the log', async () => {
    const root = project({
      'hello.yaml': `
name: Hello World
steps:
  - id: greet
    uses: system.echo
    with: { value: "hi \${{ vars.who }} from \${{ trigger.type }}" }
  - id: sh
    uses: shell.run
    with: { command: "echo out; echo err >&2", shell: true }
`,
    });
    const handle = startRun({ projectRoot: root, flowFile: 'flows/hello.yaml', vars: { who: 'cli' }, envFileValues: { who: 'file' } });
    expect(handle.runId).toMatch(/^run-\d{8}_\d{6}-[0-9a-f]{6}$/);
    const events = await collect(handle);
    const exit = await handle.done;
    expect(exit).toMatchObject({ status: 'completed', exitCode: 0, signal: null, error: null });
    expect(events.map((e) => e.type)).toEqual([
      'run.started',
      'step.started',
      'step.completed',
      'step.started',
      'log',
      'log',
      'log',
      'step.completed',
      'run.completed',
    ]);
    const saved = readRun(root, handle.runId);
    expect(saved?.run).toMatchObject({ status: 'completed', flowName: 'Hello World', flowFile: 'flows/hello.yaml', exitCode: 0 });
    expect(saved?.steps.map((s) => s.output)).toEqual(['hi cli from manual', { stdout: 'out', stderr: 'err', code: 0 }]);
    const logPath = path.join(root, '.stepyard', 'logs', 'runs', 'hello-world', `${handle.runId}.log`);
    expect(saved?.run.logPath).toBe(logPath);
    const log = readFileSync(logPath, 'utf8');
    expect(log).toContain('Running step: greet');
    expect(log).toContain('[sh stdout] out');
    expect(log).toContain('[sh stderr] err');
  });

  it('a failed run exits 1 with the step error recorded', async () => {
    const root = project({ 'bad.yaml': 'name: bad\nsteps:\n  - id: x\n    uses: system.echo\n    with: { fail: true, message: nope }\n' });
    const handle = startRun({ projectRoot: root, flowFile: 'flows/bad.yaml' });
    await collect(handle);
    const exit = await handle.done;
    expect(exit).toMatchObject({ status: 'failed', exitCode: 1, error: { code: 'NODE_FAILED', message: 'nope' } });
    expect(readRun(root, handle.runId)?.run).toMatchObject({ status: 'failed', error: { code: 'NODE_FAILED' } });
  });

  it('an invalid flow is a startup failure (exit 2) with every problem and no run left behind', async () => {
    const root = project({ 'broken.yaml': 'name: broken\nsteps:\n  - id: a\n  - id: a\n    uses: system.echo\n' });
    const handle = startRun({ projectRoot: root, flowFile: 'flows/broken.yaml' });
    await collect(handle);
    const exit = await handle.done;
    expect(exit.exitCode).toBe(2);
    expect(exit.startupFailed).toBe(true);
    expect(exit.problems.length).toBeGreaterThanOrEqual(1);
    expect(exit.problems.every((p) => p.category === 'validation')).toBe(true);
    expect(existsSync(path.join(root, '.stepyard', 'logs', 'runs', 'unknown', `${handle.runId}.log`))).toBe(true);
    expect(existsSync(databasePath(root)) ? readRun(root, handle.runId) : undefined).toBeUndefined();
  });

  it('SIGKILL of the run process mid-run: the parent marks the run failed', async () => {
    const root = project({ 'slow.yaml': 'name: slow\nsteps:\n  - id: wait\n    uses: system.echo\n    with: { delay_ms: 20000 }\n' });
    const handle = startRun({ projectRoot: root, flowFile: 'flows/slow.yaml' });
    await collect(handle, (event) => {
      if (event.type === 'step.started') process.kill(handle.pid!, 'SIGKILL');
    });
    const exit = await handle.done;
    expect(exit).toMatchObject({ status: 'failed', signal: 'SIGKILL', error: { code: 'RUN_PROCESS_DIED' } });
    expect(readRun(root, handle.runId)?.run).toMatchObject({ status: 'failed', exitSignal: 'SIGKILL', error: { code: 'RUN_PROCESS_DIED' } });
  });

  it('cancel() ends the run cancelled and kills the running command', async () => {
    const root = project({ 'long.yaml': 'name: long\nsteps:\n  - id: sh\n    uses: shell.run\n    with: { command: "sleep 30 & echo $!; wait", shell: true }\n' });
    const handle = startRun({ projectRoot: root, flowFile: 'flows/long.yaml' });
    let sleeper = 0;
    await collect(handle, (event) => {
      if (event.type === 'log' && event.stream === 'stdout') {
        sleeper = Number(event.message);
        handle.cancel();
      }
    });
    const exit = await handle.done;
    expect(exit).toMatchObject({ status: 'cancelled', exitCode: 1, error: { code: 'RUN_CANCELLED' } });
    expect(readRun(root, handle.runId)?.run.status).toBe('cancelled');
    const end = Date.now() + 3000;
    while (isProcessAlive(sleeper) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(isProcessAlive(sleeper)).toBe(false);
  });

  it('builds the run env with the documented precedence, masks secrets, and keeps NODE_EXTRA_CA_CERTS for nodes only', async () => {
    const root = project(
      {
        'env.yaml': `
name: env
dotenv: [extra.env, missing.env]
env: { FROM_FLOW: flow, SHARED: flow, DOT_ONLY: flow }
steps:
  - id: show
    uses: system.echo
    with:
      value: ["\${{ env.SHARED }}", "\${{ env.FROM_FLOW }}", "\${{ env.DOT_ONLY }}", "\${{ env.ONLY_DOTENV }}", "\${{ env.PROJECT_ONLY }}"]
  - id: ca
    uses: shell.run
    with: { command: "printenv NODE_EXTRA_CA_CERTS" }
  - id: self
    uses: shell.run
    with:
      shell: true
      command: |
        tr '\\0' '\\n' < /proc/$PPID/environ | grep -c '^NODE_EXTRA_CA_CERTS=' || true
  - id: leak
    uses: shell.run
    with: { command: "printenv DEPLOY_TOKEN" }
`,
      },
      { '.env': 'SHARED=project-dotenv\nPROJECT_ONLY=p\n', 'extra.env': 'DOT_ONLY=dotenv\nONLY_DOTENV=d\n' },
    );
    const env = { PATH: process.env.PATH, SHARED: 'os', NODE_EXTRA_CA_CERTS: '/tmp/ca.pem', DEPLOY_TOKEN: 'tok-abcdef-123456' };
    const handle = startRun({ projectRoot: root, flowFile: 'flows/env.yaml' }, { env });
    const events = await collect(handle);
    expect((await handle.done).status).toBe('completed');
    const steps = readRun(root, handle.runId)?.steps ?? [];
    expect(steps[0]?.output).toEqual(['os', 'flow', 'flow', 'd', 'p']);
    expect(steps[1]?.output).toMatchObject({ stdout: '/tmp/ca.pem' });
    expect(steps[2]?.output).toMatchObject({ stdout: '0' });
    expect(steps[3]?.output).toMatchObject({ stdout: '***' });
    expect(events.some((e) => e.type === 'log' && e.level === 'warn' && e.message.includes('missing.env'))).toBe(true);
    const log = readFileSync(readRun(root, handle.runId)!.run.logPath!, 'utf8');
    expect(log).not.toContain('tok-abcdef-123456');
    expect(JSON.stringify(events)).not.toContain('tok-abcdef-123456');
  });

  it('a suspended run exits 0 and a fresh run process resumes it', async () => {
    const root = project({
      'gate.yaml': `
name: gate
steps:
  - id: before
    uses: shell.run
    with: { command: "sh -c 'echo x >> count.txt'" }
  - id: gate
    uses: system.echo
    approval: true
    with: { value: approved }
`,
    });
    const first = startRun({ projectRoot: root, flowFile: 'flows/gate.yaml' });
    await collect(first);
    expect(await first.done).toMatchObject({ status: 'waiting_for_approval', exitCode: 0 });
    const store = openStore(root);
    const gate = store.listSteps(first.runId).find((s) => s.execId === 'gate')!;
    store.saveStep({ ...gate, wait: { ...gate.wait!, decision: 'approved' } });
    store.transitionRun(first.runId, ['waiting_for_approval'], 'queued');
    store.close();
    const second = startRun({ projectRoot: root, flowFile: 'flows/gate.yaml', runId: first.runId });
    await collect(second);
    expect(await second.done).toMatchObject({ status: 'completed', exitCode: 0 });
    expect(readFileSync(path.join(root, 'count.txt'), 'utf8')).toBe('x\n');
    const saved = readRun(root, first.runId);
    expect(saved?.steps.find((s) => s.execId === 'gate')?.output).toBe('approved');
    const log = readFileSync(saved!.run.logPath!, 'utf8');
    expect(log).toContain('Starting flow');
    expect(log).toContain('Resuming flow');
  });
});

describe('reconcileRuns', () => {
  it('fails running runs whose process is gone and leaves live ones alone', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'stepyard-reconcile-'));
    const gone = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
    const store = openStore(root);
    const base = {
      flowName: 'f',
      flowFile: null,
      status: 'running' as const,
      vars: {},
      trigger: { type: 'manual', eventId: null, payload: {} },
      exitCode: null,
      exitSignal: null,
      error: null,
      logPath: null,
      createdAt: new Date().toISOString(),
      startedAt: new Date().toISOString(),
      endedAt: null,
      updatedAt: new Date().toISOString(),
      heartbeatAt: new Date().toISOString(),
    };
    store.createRun({ ...base, id: 'dead', pid: Number(gone) });
    store.createRun({ ...base, id: 'alive', pid: process.pid });
    store.createRun({ ...base, id: 'stale', pid: process.pid, heartbeatAt: '2020-01-01T00:00:00.000Z' });
    store.createRun({ ...base, id: 'done', pid: Number(gone), status: 'completed' });
    expect(reconcileRuns(store).sort()).toEqual(['dead', 'stale']);
    expect(store.getRun('dead')).toMatchObject({ status: 'failed', error: { code: 'RUN_PROCESS_DIED' } });
    expect(store.getRun('alive')?.status).toBe('running');
    expect(store.getRun('done')?.status).toBe('completed');
    expect(reconcileRuns(store)).toEqual([]);
    store.close();
  });
});
