// approve / reject / input / cancel / approvals through the BUILT CLI: suspend with exit 0, resume in a fresh run
// process from another command, exact resumption (no step runs twice), exit codes, the audit trail.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cliAsync, json, linesOf, makeProject, removeTempDir, validateAgainstSpecSchema, waitForEnd } from './approvals-support.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTempDir));
const project = (...args: Parameters<typeof makeProject>): string => {
  const root = makeProject(...args);
  roots.push(root);
  return root;
};

const counting = `
name: counting
steps:
  - id: a
    uses: shell.run
    with: { command: "echo a >> ran.txt", shell: true }
  - id: b
    uses: shell.run
    approval: true
    with: { command: "echo b-\${{ vars.tag }} >> ran.txt; echo b-out", shell: true }
  - id: c
    uses: shell.run
    with: { command: "echo c >> ran.txt; echo '\${{ steps.b.output.stdout }}'", shell: true }
`;

describe('approve', () => {
  it('suspends with exit 0, then another process resumes it: the gated step runs once, nothing runs twice', () => {
    const root = project({ counting });
    const first = cli(root, ['run', 'counting', '--var', 'tag=v1', '--json']);
    expect(first.code).toBe(0);
    const suspended = json(first);
    expect(suspended).toMatchObject({ status: 'waiting_for_approval', steps: { a: { status: 'completed' }, b: { status: 'waiting', attempts: 0 } } });
    expect(linesOf(join(root, 'ran.txt'))).toEqual(['a']);

    const listed = json(cli(root, ['approvals', '--json']));
    expect(validateAgainstSpecSchema('approvals-result.schema.json', listed)).toEqual([]);
    expect(listed.approvals).toEqual([
      expect.objectContaining({ run_id: suspended.run_id, flow: 'counting', exec_id: 'b', step_id: 'b', kind: 'approval', reason: 'approval_required', asked: expect.objectContaining({ node: 'shell.run', inputs: expect.objectContaining({ command: expect.stringContaining('b-v1') }) }) }),
    ]);

    const approved = cli(root, ['approve', suspended.run_id, '--comment', 'ship it', '--json']);
    expect(approved.code).toBe(0);
    const result = json(approved);
    expect(result).toMatchObject({ run_id: suspended.run_id, status: 'completed', error: null, step_order: ['a', 'b', 'c'] });
    expect(result.steps.b).toMatchObject({ status: 'completed', attempts: 1, output: { stdout: 'b-out', code: 0 } });
    expect(result.steps.c.output.stdout).toBe('b-out');
    expect(linesOf(join(root, 'ran.txt'))).toEqual(['a', 'b-v1', 'c']);

    // Who approved, when and why is kept on the step and shown by show.
    const shown = json(cli(root, ['show', suspended.run_id, '--json']));
    expect(shown.steps.b.wait).toMatchObject({ reason: 'approval_required', decision: 'approved', actor: 'tester', comment: 'ship it', decided_at: expect.any(String) });
    expect(cli(root, ['show', suspended.run_id]).stdout).toMatch(/approved by tester .*ship it/);
    // A second approve finds nothing waiting.
    const again = cli(root, ['approve', suspended.run_id, '--json']);
    expect(again.code).toBe(5);
    expect(json(again).error).toMatchObject({ code: 'RUN_STATE_CONFLICT' });
  });

  it('refuses unknown runs (4), unknown steps (4), and runs waiting for something else (5)', () => {
    const root = project({ counting, ask: 'name: ask\nsteps:\n  - id: q\n    uses: human.input\n    with: { prompt: Name }\n' });
    expect(cli(root, ['approve', 'run-nope']).code).toBe(4);
    const run = json(cli(root, ['run', 'counting', '--var', 'tag=x', '--json']));
    const unknownStep = cli(root, ['approve', run.run_id, '--step', 'zzz', '--json']);
    expect([unknownStep.code, json(unknownStep).error.code]).toEqual([4, 'STEP_NOT_FOUND']);
    const notWaiting = cli(root, ['approve', run.run_id, '--step', 'a', '--json']);
    expect([notWaiting.code, json(notWaiting).error.code]).toEqual([5, 'RUN_STATE_CONFLICT']);
    const asking = json(cli(root, ['run', 'ask', '--json']));
    expect(asking.status).toBe('waiting_for_input');
    const wrongKind = cli(root, ['approve', asking.run_id, '--json']);
    expect([wrongKind.code, json(wrongKind).error.code]).toEqual([5, 'RUN_STATE_CONFLICT']);
  });

  it('--detach resumes in the background and returns at once', async () => {
    const root = project({ counting });
    const run = json(cli(root, ['run', 'counting', '--var', 'tag=d', '--json']));
    const detached = cli(root, ['approve', run.run_id, '--detach', '--json']);
    expect(detached.code).toBe(0);
    expect(json(detached)).toMatchObject({ ok: true, run_id: run.run_id, detached: true });
    expect((await waitForEnd(root, run.run_id)).status).toBe('completed');
    expect(linesOf(join(root, 'ran.txt'))).toEqual(['a', 'b-d', 'c']);
  });
});

describe('reject', () => {
  it('fails the gated step with APPROVAL_REJECTED and the run (exit 1); the step never runs', () => {
    const root = project({ counting });
    const run = json(cli(root, ['run', 'counting', '--var', 'tag=r', '--json']));
    const rejected = cli(root, ['reject', run.run_id, '--comment', 'not today', '--json']);
    expect(rejected.code).toBe(1);
    expect(json(rejected)).toMatchObject({
      status: 'failed',
      error: { code: 'APPROVAL_REJECTED', step_id: 'b' },
      steps: { b: { status: 'failed', attempts: 0, error: { code: 'APPROVAL_REJECTED' } } },
    });
    expect(linesOf(join(root, 'ran.txt'))).toEqual(['a']);
  });
});

describe('input', () => {
  const typed = `
name: typed
steps:
  - id: count
    uses: human.input
    with: { prompt: "How many?", type: integer, choices: [1, 2, 3] }
  - id: flag
    uses: human.input
    with: { prompt: "Really?", type: boolean }
  - id: label
    uses: human.input
    with: { prompt: "Label" }
  - id: use
    uses: system.echo
    with: { total: "\${{ steps.count.output + 1 }}", flag: "\${{ steps.flag.output }}", label: "\${{ steps.label.output }}" }
`;

  it('checks answers against the declared type and choices; typed answers reach later expressions', () => {
    const root = project({ typed });
    const run = json(cli(root, ['run', 'typed', '--json']));
    expect(run).toMatchObject({ status: 'waiting_for_input', steps: { count: { status: 'waiting' } } });
    const listed = json(cli(root, ['approvals', '--json']));
    expect(listed.approvals[0]).toMatchObject({ kind: 'input', exec_id: 'count', asked: { prompt: 'How many?', type: 'integer', choices: [1, 2, 3], required: true } });
    for (const bad of ['two', '7', '']) {
      const refused = cli(root, ['input', run.run_id, '--value', bad, '--json']);
      expect([bad, refused.code, json(refused).error.code]).toEqual([bad, 2, 'INPUT_VALUE_INVALID']);
    }
    expect(json(cli(root, ['input', run.run_id, '--value', '2', '--json'])).status).toBe('waiting_for_input');
    expect(json(cli(root, ['input', run.run_id, '--value', 'yes', '--json'])).status).toBe('waiting_for_input');
    const done = cli(root, ['input', run.run_id, '--step', 'label', '--json-value', '"007"', '--json']);
    expect(done.code).toBe(0);
    expect(json(done)).toMatchObject({ status: 'completed', steps: { count: { output: 2 }, flag: { output: true }, label: { output: '007' }, use: { output: { total: 3, flag: true, label: '007' } } } });
  });

  it('needs exactly one answer option when not on a terminal', () => {
    const root = project({ typed });
    const run = json(cli(root, ['run', 'typed', '--json']));
    expect(cli(root, ['input', run.run_id]).code).toBe(2);
    expect(cli(root, ['input', run.run_id, '--value', '1', '--json-value', '1']).code).toBe(2);
  });
});

describe('cancel', () => {
  it('cancels a waiting run at once and refuses a finished one (5)', () => {
    const root = project({ counting });
    const run = json(cli(root, ['run', 'counting', '--var', 'tag=c', '--json']));
    const cancelled = cli(root, ['cancel', run.run_id, '--json']);
    expect(cancelled.code).toBe(0);
    expect(json(cancelled)).toEqual({ ok: true, run_id: run.run_id, previous_status: 'waiting_for_approval', status: 'cancelled', signalled: false });
    expect(validateAgainstSpecSchema('approvals-result.schema.json', json(cancelled))).toEqual([]);
    const shown = json(cli(root, ['show', run.run_id, '--json']));
    expect(shown).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' }, steps: { b: { status: 'cancelled' } } });
    expect(cli(root, ['cancel', run.run_id]).code).toBe(5);
    expect(cli(root, ['approve', run.run_id]).code).toBe(5);
    expect(cli(root, ['cancel', 'run-nope']).code).toBe(4);
  });
});

describe('cancel a running run', () => {
  it('signals its run process, which records the cancel; the run command exits 1', async () => {
    const root = project({ slow: 'name: slow\nsteps:\n  - id: nap\n    uses: shell.run\n    with: { command: "sleep 30" }\n' });
    const running = cliAsync(root, ['run', 'slow', '--json']);
    let runId: string | undefined;
    for (let i = 0; i < 100 && runId === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const listed = cli(root, ['runs', '--json']);
      if (listed.code === 0) runId = (json(listed).runs as { run_id: string; status: string }[]).find((run) => run.status === 'running')?.run_id;
    }
    expect(runId).toBeDefined();
    const cancelled = cli(root, ['cancel', runId!, '--json']);
    expect([cancelled.code, json(cancelled)]).toEqual([0, { ok: true, run_id: runId, previous_status: 'running', status: 'cancelled', signalled: true }]);
    const ended = await running;
    expect(ended.code).toBe(1);
    expect(json(ended)).toMatchObject({ status: 'cancelled', error: { code: 'RUN_CANCELLED' }, steps: { nap: { status: 'cancelled' } } });
  });
});

describe('done-when: the original examples from another process', () => {
  it('deploy-gate: build, suspend before deploy (exit 0), approve runs deploy and notify', () => {
    const root = project({}, ['approvals/deploy-gate.yaml']);
    const first = cli(root, ['run', 'deploy-gate', '--var', 'version=1.4', '--var', 'target=prod', '--json']);
    expect(first.code).toBe(0);
    const run = json(first);
    expect(run).toMatchObject({ status: 'waiting_for_approval', step_order: ['build', 'deploy'], steps: { deploy: { status: 'waiting' } } });
    const approved = cli(root, ['approve', run.run_id, '--json']);
    expect(approved.code).toBe(0);
    expect(json(approved)).toMatchObject({
      status: 'completed',
      steps: {
        build: { output: { stdout: 'built 1.4' } },
        deploy: { status: 'completed', output: { stdout: 'deployed 1.4 to prod' } },
        notify: { output: { stdout: 'notified after deployed 1.4 to prod' } },
      },
    });
  });

  it('provision: asks for a name and a size (choices), then provisions with the answers', () => {
    const root = project({}, ['approvals/provision.yaml']);
    const first = cli(root, ['run', 'provision', '--json']);
    expect(first.code).toBe(0);
    const run = json(first);
    expect(run).toMatchObject({ status: 'waiting_for_input', steps: { 'ask-name': { status: 'waiting' } } });
    expect(json(cli(root, ['input', run.run_id, '--value', 'web-1', '--json']))).toMatchObject({ status: 'waiting_for_input', steps: { 'ask-size': { status: 'waiting' } } });
    expect(cli(root, ['input', run.run_id, '--value', 'huge']).code).toBe(2);
    const done = cli(root, ['input', run.run_id, '--value', 'large', '--json']);
    expect(done.code).toBe(0);
    expect(json(done)).toMatchObject({ status: 'completed', steps: { provision: { output: { stdout: 'provisioning web-1 (large)' } } } });
  });
});
