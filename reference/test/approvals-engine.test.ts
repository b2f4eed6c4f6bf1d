// Suspension and exact resumption on the real SQLite store: approval gates, human.approval, human.input,
// decisions recorded atomically (decideWait), loops, secrets, and the double-decision conflict.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunFlowOptions } from '../src/engine/run-flow.js';
import { runEngine, trackStores } from './engine-support.js';
import type { WaitDecision } from '../src/engine/types.js';
import type { FlowDocument, JsonValue } from '../src/flow/types.js';
import { decideWait, listDecisions, listPendingWaits } from '../src/storage/decisions.js';

const storeAt = trackStores();

const newRoot = (): string => mkdtempSync(path.join(tmpdir(), 'stepyard-approvals-'));

// One run process's worth of work: a fresh store connection, the flow walked to its end or suspension.
async function walk(root: string, yaml: string, options: Partial<RunFlowOptions> = {}) {
  const store = storeAt(root);
  const { outcome, events, records: steps, byId } = await runEngine(yaml, { ...options, projectRoot: root, store });
  store.close();
  return { outcome, events, steps, byId };
}

// What approve/reject/input do: one atomic decision, then the run is queued for a fresh process.
function decide(root: string, execId: string, decision: WaitDecision, value?: JsonValue, expect: 'waiting_for_approval' | 'waiting_for_input' = 'waiting_for_approval') {
  const store = storeAt(root);
  try {
    return decideWait(store, {
      runId: 'run-1',
      execId,
      expect,
      decision,
      ...(value === undefined ? {} : { value }),
      actor: 'alice',
      comment: 'looks good',
      at: '2026-01-02T03:04:05.000Z',
    });
  } finally {
    store.close();
  }
}

const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');

describe('approval gate', () => {
  const gated = (marker: string, token = false) => `
name: gate
steps:
  - id: build
    uses: shell.run
    with: { command: "sh -c 'echo build >> ${marker}; echo built'" }
  - id: deploy
    uses: shell.run
    approval: true
    with: { command: "sh -c 'echo deploy >> ${marker}; echo deployed-\${{ vars.env }}'"${token ? ', api_token: "${{ vars.api_token }}"' : ''} }
  - id: notify
    uses: system.echo
    with: { value: "\${{ steps.deploy.output.stdout }} \${{ trigger.payload.who }}" }
`;

  it('suspends before the node with what is asked, and after approval runs the gated step itself once', async () => {
    const root = newRoot();
    const marker = path.join(root, 'marker.txt');
    const yaml = gated(marker);
    const first = await walk(root, yaml, { vars: { env: 'prod', api_token: 'sekret-value' }, trigger: { payload: { who: 'ci' } } });
    expect(first.outcome).toMatchObject({ status: 'waiting_for_approval', waitingOn: 'deploy' });
    expect(first.byId.deploy).toMatchObject({
      status: 'waiting',
      attempt: 0,
      wait: { reason: 'approval_required', data: { node: 'shell.run', message: null, inputs: { command: expect.stringContaining('deployed-prod') } } },
    });
    expect(lines(marker)).toEqual(['build']);

    decide(root, 'deploy', 'approved');
    const second = await walk(root, yaml, { vars: { api_token: 'sekret-value' } });
    expect(second.outcome.status).toBe('completed');
    expect(lines(marker)).toEqual(['build', 'deploy']);
    expect(second.byId.deploy).toMatchObject({
      status: 'completed',
      attempt: 1,
      output: { stdout: 'deployed-prod', code: 0 },
      wait: { reason: 'approval_required', decision: 'approved', actor: 'alice', comment: 'looks good', decidedAt: '2026-01-02T03:04:05.000Z' },
    });
    // vars and the trigger payload came back from the run record.
    expect(second.byId.notify?.output).toBe('deployed-prod ci');
    expect(second.events.filter((e) => e.type === 'step.started').map((e) => (e as { exec_id: string }).exec_id)).toEqual(['deploy', 'notify']);
  });

  it('masks secret inputs of the gated step in the stored wait data', async () => {
    const root = newRoot();
    const first = await walk(root, gated(path.join(root, 'm.txt'), true), { vars: { env: 'prod', api_token: 'sekret-value' } });
    const wait = first.byId.deploy?.wait;
    expect(JSON.stringify(wait)).not.toContain('sekret-value');
    expect(wait).toMatchObject({ data: { inputs: { api_token: '***' } } });
  });

  it('a rejection fails the step with APPROVAL_REJECTED without running it; continue_on_error goes on', async () => {
    const root = newRoot();
    const marker = path.join(root, 'marker.txt');
    const yaml = gated(marker).replace('    approval: true\n', '    approval: true\n    continue_on_error: true\n');
    await walk(root, yaml, { vars: { env: 'x' }, trigger: { payload: { who: 'ci' } } });
    decide(root, 'deploy', 'rejected');
    const second = await walk(root, yaml.replace('${{ steps.deploy.output.stdout }} ${{ trigger.payload.who }}', '${{ steps.deploy.error }}'));
    expect(second.outcome.status).toBe('completed');
    expect(second.byId.deploy).toMatchObject({ status: 'failed', error: { code: 'APPROVAL_REJECTED' } });
    expect(String(second.byId.notify?.output)).toContain('rejected by alice: looks good');
    expect(lines(marker)).toEqual(['build']);

    const strict = newRoot();
    await walk(strict, gated(path.join(strict, 'm.txt')), { vars: { env: 'x' } });
    decide(strict, 'deploy', 'rejected');
    const failed = await walk(strict, gated(path.join(strict, 'm.txt')));
    expect(failed.outcome).toMatchObject({ status: 'failed', error: { code: 'APPROVAL_REJECTED', step_id: 'deploy' } });
  });

  it('each loop iteration asks again; resuming never re-runs an earlier iteration or step', async () => {
    const root = newRoot();
    const marker = path.join(root, 'marker.txt');
    const yaml = `
name: loop-gate
steps:
  - id: before
    uses: shell.run
    with: { command: "sh -c 'echo before >> ${marker}'" }
  - id: ship
    uses: shell.run
    approval: true
    loop: [a, b, c]
    with: { command: "sh -c 'echo ship-\${{ item }}-\${{ index }} >> ${marker}; echo \${{ item }}'" }
  - id: after
    uses: system.echo
    with: { value: "\${{ steps.ship.output }}" }
`;
    let result = await walk(root, yaml);
    for (const k of [1, 2, 3]) {
      expect(result.outcome).toMatchObject({ status: 'waiting_for_approval', waitingOn: `ship[${k}]` });
      expect(result.byId.ship?.status).toBe('waiting');
      decide(root, `ship[${k}]`, 'approved');
      result = await walk(root, yaml);
    }
    expect(result.outcome.status).toBe('completed');
    expect(lines(marker)).toEqual(['before', 'ship-a-0', 'ship-b-1', 'ship-c-2']);
    expect(result.byId.after?.output).toEqual([
      { stdout: 'a', stderr: '', code: 0 },
      { stdout: 'b', stderr: '', code: 0 },
      { stdout: 'c', stderr: '', code: 0 },
    ]);
  });
});

describe('decisions', () => {
  it('a second decision on the same wait is RUN_STATE_CONFLICT and changes nothing', async () => {
    const root = newRoot();
    await walk(root, 'name: d\nsteps:\n  - id: g\n    uses: system.echo\n    approval: true\n');
    decide(root, 'g', 'approved');
    expect(() => decide(root, 'g', 'rejected')).toThrowError(expect.objectContaining({ code: 'RUN_STATE_CONFLICT' }) as Error);
    const store = storeAt(root);
    expect(store.getRun('run-1')?.status).toBe('queued');
    expect(store.listSteps('run-1')[0]?.wait?.decision).toBe('approved');
    expect(listDecisions(store, 'run-1')).toEqual([
      { runId: 'run-1', execId: 'g', stepId: 'g', kind: 'approval', decision: 'approved', actor: 'alice', comment: 'looks good', value: null, decidedAt: '2026-01-02T03:04:05.000Z' },
    ]);
  });

  it('a decision of the wrong kind is refused: approve does not answer an input', async () => {
    const root = newRoot();
    await walk(root, 'name: d\nsteps:\n  - id: ask\n    uses: human.input\n    with: { prompt: Name }\n');
    expect(() => decide(root, 'ask', 'approved')).toThrowError(expect.objectContaining({ code: 'RUN_STATE_CONFLICT' }) as Error);
    const store = storeAt(root);
    expect(listPendingWaits(store).map((w) => [w.run.status, w.step.execId, w.step.wait?.reason])).toEqual([['waiting_for_input', 'ask', 'input_required']]);
  });
});

describe('human.approval', () => {
  it('suspends with its message and completes with who approved; with approval: true one approval is enough', async () => {
    const root = newRoot();
    const yaml = `
name: ha
steps:
  - id: gate
    uses: human.approval
    approval: on
    with: { message: "Ship \${{ vars.version }}?" }
  - id: next
    uses: system.echo
    with: { value: "\${{ steps.gate.output.actor }}" }
`;
    const first = await walk(root, yaml, { vars: { version: '1.2' } });
    expect(first.outcome.status).toBe('waiting_for_approval');
    expect(first.byId.gate?.wait).toMatchObject({ reason: 'approval_required', data: { message: 'Ship 1.2?', node: 'human.approval' } });
    decide(root, 'gate', 'approved');
    const second = await walk(root, yaml);
    expect(second.outcome.status).toBe('completed');
    expect(second.byId.gate?.output).toEqual({ approved: true, message: 'Ship 1.2?', actor: 'alice', comment: 'looks good', decided_at: '2026-01-02T03:04:05.000Z' });
    expect(second.byId.next?.output).toBe('alice');
  });
});

describe('human.input', () => {
  const ask = (extra: string) => `
name: hi
steps:
  - id: ask-size
    uses: human.input
    with: { prompt: "Size?", ${extra} }
  - id: use
    uses: system.echo
    with: { got: "\${{ steps['ask-size'].output }}", is_int: "\${{ steps['ask-size'].output == 3 }}" }
`;

  it('without a default suspends for input, recording what is asked; the typed answer reaches later expressions', async () => {
    const root = newRoot();
    const yaml = ask('type: integer, choices: [1, 3, 5]');
    const first = await walk(root, yaml);
    expect(first.outcome).toMatchObject({ status: 'waiting_for_input', waitingOn: 'ask-size' });
    expect(first.byId['ask-size']).toMatchObject({
      status: 'waiting',
      attempt: 0,
      wait: { reason: 'input_required', data: { prompt: 'Size?', type: 'integer', choices: [1, 3, 5], required: true, sensitive: false } },
    });
    decide(root, 'ask-size', 'answered', 3, 'waiting_for_input');
    const second = await walk(root, yaml);
    expect(second.outcome.status).toBe('completed');
    expect(second.byId['ask-size']).toMatchObject({ status: 'completed', attempt: 1, output: 3 });
    expect(second.byId.use?.output).toEqual({ got: 3, is_int: true });
  });

  it('a string answer that looks like a number stays a string across the resume', async () => {
    const root = newRoot();
    const yaml = ask('required: true');
    await walk(root, yaml);
    decide(root, 'ask-size', 'answered', '123', 'waiting_for_input');
    const second = await walk(root, yaml);
    expect(second.byId.use?.output).toEqual({ got: '123', is_int: false });
  });

  it('a default answers at once without a terminal; STEPYARD_RUNTIME_HUMAN_INPUT=1 asks anyway', async () => {
    const root = newRoot();
    const yaml = ask('default: "5", type: number');
    expect((await walk(root, yaml)).byId.use?.output).toEqual({ got: 5, is_int: false });
    const interactive = await walk(newRoot(), yaml, { env: { STEPYARD_RUNTIME_HUMAN_INPUT: '1' } });
    expect(interactive.outcome.status).toBe('waiting_for_input');
    expect(interactive.byId['ask-size']?.wait?.data).toMatchObject({ default: '5', type: 'number' });
  });

  it('not required and no default gives the empty value at once', async () => {
    const root = newRoot();
    expect((await walk(root, ask('required: false'))).byId.use?.output).toEqual({ got: '', is_int: false });
  });

  it('takes a pre-set STEPYARD_HUMAN_INPUT_<SAFE_ID> answer and checks it', async () => {
    expect((await walk(newRoot(), ask('type: integer'), { env: { STEPYARD_HUMAN_INPUT_ASK_SIZE: '3' } })).byId.use?.output).toEqual({ got: 3, is_int: true });
    const bad = await walk(newRoot(), ask('choices: [s, m]'), { env: { STEPYARD_HUMAN_INPUT_ASK_SIZE: 'xl' } });
    expect(bad.outcome).toMatchObject({ status: 'failed', error: { code: 'INPUT_VALUE_INVALID', step_id: 'ask-size' } });
  });

  it('inside a loop each iteration asks and the loop progresses (original bug)', async () => {
    const root = newRoot();
    const yaml = `
name: loop-ask
steps:
  - id: ask
    uses: human.input
    loop: [x, y]
    with: { prompt: "Value for \${{ item }}" }
  - id: all
    uses: system.echo
    with: { value: "\${{ steps.ask.output }}" }
`;
    let result = await walk(root, yaml);
    expect(result.byId['ask[1]']?.wait?.data).toMatchObject({ prompt: 'Value for x' });
    decide(root, 'ask[1]', 'answered', 'one', 'waiting_for_input');
    result = await walk(root, yaml);
    expect(result.outcome).toMatchObject({ status: 'waiting_for_input', waitingOn: 'ask[2]' });
    decide(root, 'ask[2]', 'answered', 'two', 'waiting_for_input');
    result = await walk(root, yaml);
    expect(result.byId.all?.output).toEqual(['one', 'two']);
  });

  it('an approval-gated input asks for approval, then for the value', async () => {
    const root = newRoot();
    const yaml = ask('type: string').replace('    uses: human.input\n', '    uses: human.input\n    approval: true\n');
    expect((await walk(root, yaml)).outcome.status).toBe('waiting_for_approval');
    decide(root, 'ask-size', 'approved');
    expect((await walk(root, yaml)).outcome.status).toBe('waiting_for_input');
    decide(root, 'ask-size', 'answered', 'L', 'waiting_for_input');
    const done = await walk(root, yaml);
    expect(done.outcome.status).toBe('completed');
    expect(done.byId.use?.output).toEqual({ got: 'L', is_int: false });
  });

  it('a secret answer handed to the run process is used, and stored masked', async () => {
    const root = newRoot();
    const yaml = ask('secret: true');
    const first = await walk(root, yaml);
    expect(first.byId['ask-size']?.wait?.data).toMatchObject({ sensitive: true });
    decide(root, 'ask-size', 'answered', undefined, 'waiting_for_input');
    const second = await walk(root, yaml, { answers: { 'ask-size': 'hunter2-long' } });
    expect(second.outcome.status).toBe('completed');
    expect(second.byId['ask-size']?.output).toBe('***');
    expect(second.byId.use?.output).toEqual({ got: '***', is_int: false });
    expect(JSON.stringify(second.steps)).not.toContain('hunter2-long');
  });

  it('a secret answer that got lost asks again', async () => {
    const root = newRoot();
    const yaml = ask('secret: true');
    await walk(root, yaml);
    decide(root, 'ask-size', 'answered', undefined, 'waiting_for_input');
    const second = await walk(root, yaml);
    expect(second.outcome.status).toBe('waiting_for_input');
    expect(second.byId['ask-size']?.wait?.decision).toBeUndefined();
  });
});
