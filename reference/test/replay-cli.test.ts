// `stepyard replay RUN --from-step S` through the BUILT CLI: a new run in its own process and log, reusing what the
// source run recorded before S (outputs, loop items) with its vars (overridable), executing S and what follows.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, json, linesOf, makeProject, removeTempDir, validateAgainstSpecSchema } from './approvals-support.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTempDir));
const project = (flows: Record<string, string>): string => {
  const root = makeProject(flows);
  roots.push(root);
  return root;
};

const replayable = `
name: replayable
steps:
  - id: a
    uses: shell.run
    with: { command: "echo a >> ran.txt; echo a-\${{ vars.tag }}", shell: true }
  - id: items
    uses: system.echo
    loop: "\${{ [vars.tag, 'x'] }}"
    with: { value: "\${{ item }}" }
  - id: b
    uses: shell.run
    with: { command: "echo b >> ran.txt; test '\${{ vars.fail }}' != yes && echo '\${{ steps.a.output.stdout }}/\${{ vars.tag }}'", shell: true, fail_on_error: true }
  - id: c
    uses: system.echo
    with: { value: "\${{ steps.b.output.stdout }} \${{ steps.items.output }}" }
`;

describe('replay', () => {
  it('reuses the outputs before the step, runs it and what follows in a new run with the original vars', () => {
    const root = project({ replayable });
    const source = json(cli(root, ['run', 'replayable', '--var', 'tag=one', '--var', 'fail=no', '--json']));
    expect(source.status).toBe('completed');
    expect(linesOf(join(root, 'ran.txt'))).toEqual(['a', 'b']);

    const replayed = cli(root, ['replay', source.run_id, '--from-step', 'b', '--var', 'tag=two', '--json']);
    expect(replayed.code).toBe(0);
    const result = json(replayed);
    expect(validateAgainstSpecSchema('run-result.schema.json', result)).toEqual([]);
    expect(result.run_id).not.toBe(source.run_id);
    expect(result).toMatchObject({
      status: 'completed',
      replay_of: source.run_id,
      trigger: { type: 'replay' },
      vars: { tag: 'two', fail: 'no' },
      step_order: ['a', 'items', 'items[1]', 'items[2]', 'b', 'c'],
      steps: {
        a: { status: 'completed', output: { stdout: 'a-one' } },
        items: { output: ['one', 'x'] },
        b: { status: 'completed', output: { stdout: 'a-one/two' } },
        c: { output: 'a-one/two ["one","x"]' },
      },
    });
    // a did not run again; b and c did, in the new run's own process and log.
    expect(linesOf(join(root, 'ran.txt'))).toEqual(['a', 'b', 'b']);
    expect(existsSync(join(root, '.stepyard', 'logs', 'runs', 'replayable', `${result.run_id}.log`))).toBe(true);
    // The source run is untouched.
    expect(json(cli(root, ['show', source.run_id, '--json'])).steps.b.output.stdout).toBe('a-one/one');
  });

  it('replays a failed run from its failed step, exit codes as run', () => {
    const root = project({ replayable });
    const failed = cli(root, ['run', 'replayable', '--var', 'tag=t', '--var', 'fail=yes', '--json']);
    expect(failed.code).toBe(1);
    const source = json(failed);
    expect(source.error).toMatchObject({ code: 'NODE_FAILED', step_id: 'b' });
    const again = cli(root, ['replay', source.run_id, '--from-step', 'b', '--json']);
    expect(again.code).toBe(1);
    expect(json(again).vars).toEqual({ tag: 't', fail: 'yes' });
    const fixed = cli(root, ['replay', source.run_id, '--from-step', 'b', '--var', 'fail=no', '--json']);
    expect(fixed.code).toBe(0);
    expect(json(fixed).steps.c.output).toBe('a-t/t ["t","x"]');
    expect(linesOf(join(root, 'ran.txt'))).toEqual(['a', 'b', 'b', 'b']);
  });

  it('names the steps that exist when the step is unknown or was never reached (exit 4); unknown run is 4', () => {
    const root = project({ replayable });
    const source = json(cli(root, ['run', 'replayable', '--var', 'tag=t', '--var', 'fail=yes', '--json']));
    const unknown = cli(root, ['replay', source.run_id, '--from-step', 'zzz', '--json']);
    expect([unknown.code, json(unknown).error.code]).toEqual([4, 'STEP_NOT_FOUND']);
    expect(json(unknown).error.hint).toContain('a, items, b, c');
    const unreached = cli(root, ['replay', source.run_id, '--from-step', 'c', '--json']);
    expect([unreached.code, json(unreached).error.code]).toEqual([4, 'STEP_NOT_FOUND']);
    expect(json(unreached).error.hint).toContain('a, items, b');
    expect(cli(root, ['replay', 'run-nope', '--from-step', 'a']).code).toBe(4);
    expect(cli(root, ['replay', source.run_id]).code).toBe(2);
  });

  it('a replay that reaches an approval suspends (exit 0) and is approved like any run', () => {
    const root = project({
      gated: `
name: gated
steps:
  - id: a
    uses: system.echo
    with: { value: 1 }
  - id: g
    uses: system.echo
    approval: true
    with: { value: "\${{ steps.a.output + 1 }}" }
`,
    });
    const source = json(cli(root, ['run', 'gated', '--json']));
    expect(json(cli(root, ['approve', source.run_id, '--json'])).status).toBe('completed');
    const replay = cli(root, ['replay', source.run_id, '--from-step', 'g', '--json']);
    expect(replay.code).toBe(0);
    const suspended = json(replay);
    expect(suspended).toMatchObject({ status: 'waiting_for_approval', replay_of: source.run_id });
    expect(json(cli(root, ['approve', suspended.run_id, '--json']))).toMatchObject({ status: 'completed', steps: { g: { output: 2 } } });
  });
});
