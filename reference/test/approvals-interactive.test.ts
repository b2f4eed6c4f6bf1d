// The terminal side: `stepyard approvals` on a TTY and the review after an interactive `run` suspends, driven
// through the command context's prompt (a scripted terminal) while real run processes resume the runs.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../src/cli/context.js';
import { reviewSuspendedRun, runApprovals } from '../src/cli/commands/approvals.js';
import { runInput } from '../src/cli/commands/input.js';
import { cli, json, linesOf, makeProject, removeTempDir } from './approvals-support.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTempDir));

// A terminal whose person types `answers` in order; every question asked is recorded.
function terminal(root: string, answers: string[]) {
  const out: string[] = [];
  const asked: string[] = [];
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('STEPYARD_'))), NO_COLOR: '1', STEPYARD_ACTOR: 'ann' };
  const prompt = async (question: string): Promise<string> => {
    asked.push(question);
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected question: ${question}`);
    return answer;
  };
  const ctx: CommandContext = {
    cwd: root,
    env,
    stdout: (text) => void out.push(text),
    stderr: (text) => void out.push(text),
    stdoutIsTTY: true,
    stdinIsTTY: true,
    columns: 100,
    prompt,
    promptSecret: prompt,
  };
  return { ctx, out, asked, answers };
}

const gated = `
name: gated
steps:
  - id: a
    uses: shell.run
    with: { command: "echo a >> ran.txt", shell: true }
  - id: b
    uses: shell.run
    approval: true
    with: { command: "echo b >> ran.txt", shell: true }
`;

const asking = `
name: asking
steps:
  - id: size
    uses: human.input
    with: { prompt: "Size", choices: [small, medium, large], default: small }
  - id: pin
    uses: human.input
    with: { prompt: "PIN", secret: true, type: integer }
  - id: use
    uses: shell.run
    with: { command: "echo \${{ steps.size.output }}-\${{ steps.pin.output + 1 }} >> ran.txt", shell: true }
`;

describe('approvals on a terminal', () => {
  it('offers approve / reject / postpone for each waiting step and follows the resumed runs', async () => {
    const root = makeProject({ gated });
    roots.push(root);
    const first = json(cli(root, ['run', 'gated', '--json']));
    const second = json(cli(root, ['run', 'gated', '--json']));
    const { ctx, out, asked, answers } = terminal(root, ['a', 'fine by me', 'p']);
    expect(await runApprovals({ args: [], options: {} }, ctx)).toBe(0);
    expect(answers).toEqual([]);
    expect(asked).toEqual(['[a]pprove, [r]eject or [p]ostpone? ', 'Comment (optional): ', '[a]pprove, [r]eject or [p]ostpone? ']);
    expect(out.join('')).toContain('Nothing else is waiting (1 postponed).');
    const approved = json(cli(root, ['show', first.run_id, '--json']));
    expect(approved).toMatchObject({ status: 'completed', steps: { b: { wait: { decision: 'approved', actor: 'ann', comment: 'fine by me' } } } });
    expect(json(cli(root, ['show', second.run_id, '--json'])).status).toBe('waiting_for_approval');
  });
});

describe('interactive review of a suspended run', () => {
  it('asks for each input (choice by number, secret read hidden), resuming until the run completes', async () => {
    const root = makeProject({ asking });
    roots.push(root);
    // An interactive run asks even when the input has a default (STEPYARD_RUNTIME_HUMAN_INPUT=1).
    const run = json(cli(root, ['run', 'asking', '--json'], { STEPYARD_RUNTIME_HUMAN_INPUT: '1' }));
    expect(run.status).toBe('waiting_for_input');
    const { ctx, asked } = terminal(root, ['a', '3', 'a', 'x', '41']);
    const code = await reviewSuspendedRun(root, run.run_id, ctx, { verbose: false, env: { STEPYARD_RUNTIME_HUMAN_INPUT: '1' } });
    expect(code).toBe(0);
    expect(asked).toEqual(['[a]nswer, [r]eject or [p]ostpone? ', 'Size [small]: ', '[a]nswer, [r]eject or [p]ostpone? ', 'PIN: ', 'PIN: ']);
    expect(linesOf(join(root, 'ran.txt'))).toEqual(['large-42']);
    const shown = json(cli(root, ['show', run.run_id, '--json']));
    expect(shown.steps.pin).toMatchObject({ status: 'completed', wait: { decision: 'answered' } });
    expect(shown.steps.pin.wait.value).toBeUndefined();
  });

  it('a rejection ends the review with the failed run (exit 1)', async () => {
    const root = makeProject({ gated });
    roots.push(root);
    const run = json(cli(root, ['run', 'gated', '--json']));
    const { ctx } = terminal(root, ['r', 'no']);
    expect(await reviewSuspendedRun(root, run.run_id, ctx, { verbose: false })).toBe(1);
    expect(json(cli(root, ['show', run.run_id, '--json'])).error).toMatchObject({ code: 'APPROVAL_REJECTED' });
  });

  it('`stepyard input RUN` without --value asks on the terminal', async () => {
    const root = makeProject({ asking });
    roots.push(root);
    const run = json(cli(root, ['run', 'asking', '--json'], { STEPYARD_HUMAN_INPUT_PIN: '1' }));
    // size has a default: without a terminal the run did not stop there; it stops nowhere, the PIN was pre-set.
    expect(run.status).toBe('completed');
    const again = json(cli(root, ['run', 'asking', '--json']));
    expect(again.steps.pin.status).toBe('waiting');
    const { ctx, asked } = terminal(root, ['7']);
    expect(await runInput({ args: [again.run_id], options: {} }, ctx)).toBe(0);
    expect(asked).toEqual(['PIN: ']);
    expect(linesOf(join(root, 'ran.txt'))).toEqual(['small-2', 'small-8']);
  });
});
