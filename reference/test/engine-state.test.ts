// The engine on the real SQLite store: what is persisted, secrets masked, and resume in a fresh store.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunFlowOptions } from '../src/engine/run-flow.js';
import { runEngine, trackStores } from './engine-support.js';
import { databasePath } from '../src/storage/paths.js';

const storeAt = trackStores();

async function runIn(root: string, yaml: string, options: Partial<RunFlowOptions> = {}) {
  return runEngine(yaml, { ...options, projectRoot: root, store: storeAt(root) });
}

const newRoot = (): string => mkdtempSync(path.join(tmpdir(), 'stepyard-engine-state-'));

describe('persisted records', () => {
  it('stores the run and one record per execution with inputs, outputs, attempts and times', async () => {
    const root = newRoot();
    const { store } = await runIn(
      root,
      `
name: Persist
steps:
  - id: l
    uses: system.echo
    loop: [1, 2]
    with: { value: "\${{ item * 10 }}" }
  - id: s
    uses: system.echo
    with: { value: "123" }
`,
      { vars: { who: 'me' }, trigger: { type: 'cron', payload: { at: 'noon' } }, flowFile: 'flows/persist.yaml', pid: 4242 },
    );
    const run = store.getRunWithSteps('run-1');
    expect(run?.run).toMatchObject({
      flowName: 'Persist',
      flowFile: 'flows/persist.yaml',
      status: 'completed',
      vars: { who: 'me' },
      trigger: { type: 'cron', eventId: null, payload: { at: 'noon' } },
      pid: 4242,
      error: null,
    });
    expect(run?.run.endedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(run?.steps.map((s) => [s.execId, s.kind, s.status, s.output])).toEqual([
      ['l', 'loop', 'completed', [10, 20]],
      ['l[1]', 'node', 'completed', 10],
      ['l[2]', 'node', 'completed', 20],
      ['s', 'node', 'completed', '123'],
    ]);
    expect(run?.steps[0]?.items).toEqual([1, 2]);
    expect(run?.steps[1]).toMatchObject({ parentExecId: 'l', iteration: 1, attempt: 1, inputs: { value: 10 } });
    expect(run?.steps[3]?.startedAt).not.toBeNull();
  });

  it('never writes a secret to the database', async () => {
    const root = newRoot();
    const secret = 'sk-live-9f8e7d6c5b4a';
    const { store, events } = await runIn(
      root,
      `
name: Secrets
steps:
  - id: call
    uses: system.echo
    with:
      api_token: "\${{ env.API_TOKEN }}"
      headers: { Authorization: "Bearer \${{ env.API_TOKEN }}" }
      note: "token is \${{ env.API_TOKEN }}"
  - id: sh
    uses: shell.run
    with: { command: "printenv API_TOKEN" }
  - id: fail
    uses: system.echo
    with: { fail: true, message: "bad \${{ vars.password }}" }
`,
      { env: { API_TOKEN: secret, PATH: process.env.PATH ?? '' }, vars: { password: 'hunter2-long' } },
    );
    const steps = store.listSteps('run-1');
    expect(steps[0]?.inputs).toEqual({ api_token: '***', headers: { Authorization: '***' }, note: 'token is ***' });
    expect(steps[1]?.output).toMatchObject({ stdout: '***' });
    expect(steps[2]?.error?.message).toBe('bad ***');
    expect(store.getRun('run-1')?.vars).toEqual({ password: '***' });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = [databasePath(root), `${databasePath(root)}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
    expect(bytes).not.toContain(secret);
    expect(bytes).not.toContain('hunter2-long');
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('nodes see the run env, not process.env', async () => {
    const root = newRoot();
    expect(process.env.STEPYARD_TEST_ONLY_IN_RUN).toBeUndefined();
    const { store } = await runIn(
      root,
      `
name: Env
steps:
  - id: sh
    uses: shell.run
    with: { command: "printenv STEPYARD_TEST_ONLY_IN_RUN", env: { EXTRA: "1" } }
  - id: expr
    uses: system.echo
    with: { value: "\${{ env.STEPYARD_TEST_ONLY_IN_RUN }}" }
`,
      { env: { STEPYARD_TEST_ONLY_IN_RUN: 'yes', PATH: process.env.PATH ?? '' } },
    );
    const steps = store.listSteps('run-1');
    expect(steps[0]?.output).toMatchObject({ stdout: 'yes', code: 0 });
    expect(steps[1]?.output).toBe('yes');
    expect(process.env.STEPYARD_TEST_ONLY_IN_RUN).toBeUndefined();
  });
});

describe('resume', () => {
  const approvalFlow = (marker: string): string => `
name: Approve
steps:
  - id: first
    uses: shell.run
    with: { command: "sh -c 'echo ran >> ${marker}; echo first'" }
  - id: loop
    uses: system.echo
    loop: [a, b]
    with: { value: "\${{ item }}" }
  - id: gate
    uses: system.echo
    approval: true
    with: { value: "\${{ steps.first.output.stdout }}-\${{ visits.first }}" }
  - id: last
    uses: system.echo
    with: { value: "\${{ steps.gate.output }}" }
`;

  it('suspends before an approval step and a fresh store resumes without re-running completed steps', async () => {
    const root = newRoot();
    const marker = path.join(root, 'marker.txt');
    const yaml = approvalFlow(marker);
    const first = await runIn(root, yaml);
    expect(first.outcome).toMatchObject({ status: 'waiting_for_approval', waitingOn: 'gate' });
    expect(first.events.at(-1)).toMatchObject({ type: 'run.suspended', status: 'waiting_for_approval', exec_id: 'gate' });
    expect(first.store.listSteps('run-1').find((s) => s.execId === 'gate')).toMatchObject({
      status: 'waiting',
      wait: { reason: 'approval_required' },
    });
    first.store.close();

    // What a later `approve` command does: record the decision, re-queue the run.
    const approver = storeAt(root);
    const gate = approver.listSteps('run-1').find((s) => s.execId === 'gate');
    approver.saveStep({ ...gate!, wait: { ...gate!.wait!, decision: 'approved' } });
    expect(approver.transitionRun('run-1', ['waiting_for_approval'], 'queued')).toBe(true);
    approver.close();

    const second = await runIn(root, yaml);
    expect(second.outcome.status).toBe('completed');
    expect(readFileSync(marker, 'utf8')).toBe('ran\n');
    const steps = second.store.listSteps('run-1');
    expect(steps.find((s) => s.execId === 'last')?.output).toBe('first-1');
    expect(steps.map((s) => s.execId)).toEqual(['first', 'loop', 'loop[1]', 'loop[2]', 'gate', 'last']);
    expect(second.events[0]).toMatchObject({ type: 'run.started', resumed: true });
    expect(second.events.filter((e) => e.type === 'step.started').map((e) => (e as { exec_id: string }).exec_id)).toEqual(['gate', 'last']);
  });

  it('a rejected approval fails the run with APPROVAL_REJECTED', async () => {
    const root = newRoot();
    const yaml = approvalFlow(path.join(root, 'marker.txt'));
    (await runIn(root, yaml)).store.close();
    const approver = storeAt(root);
    const gate = approver.listSteps('run-1').find((s) => s.execId === 'gate');
    approver.saveStep({ ...gate!, wait: { ...gate!.wait!, decision: 'rejected' } });
    approver.transitionRun('run-1', ['waiting_for_approval'], 'queued');
    const second = await runIn(root, yaml);
    expect(second.outcome.error?.code).toBe('APPROVAL_REJECTED');
  });

  it('a run that is not queued or suspended cannot be claimed again', async () => {
    const root = newRoot();
    const yaml = 'name: once\nsteps:\n  - id: a\n    uses: system.echo\n';
    expect((await runIn(root, yaml)).outcome.status).toBe('completed');
    await expect(runIn(root, yaml)).rejects.toMatchObject({ code: 'RUN_STATE_CONFLICT' });
  });

  it('follows stored next decisions instead of re-evaluating them', async () => {
    const root = newRoot();
    const yaml = `
name: Decisions
steps:
  - id: pick
    uses: system.echo
    with: { value: "\${{ vars.route }}" }
    next: "\${{ steps.pick.output }}"
  - id: a
    uses: system.echo
    next: gate
  - id: b
    uses: system.echo
  - id: gate
    uses: system.echo
    approval: true
`;
    (await runIn(root, yaml, { vars: { route: 'b' } })).store.close();
    const approver = storeAt(root);
    const gate = approver.listSteps('run-1').find((s) => s.execId === 'gate');
    approver.saveStep({ ...gate!, wait: { ...gate!.wait!, decision: 'approved' } });
    approver.transitionRun('run-1', ['waiting_for_approval'], 'queued');
    approver.close();
    const second = await runIn(root, yaml, { vars: { route: 'a' } });
    expect(second.outcome.status).toBe('completed');
    expect(second.store.listSteps('run-1').map((s) => s.execId)).toEqual(['pick', 'b', 'gate']);
  });
});
