import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../engine/events.js';
import { createMemoryRunStore } from '../engine/memory-store.js';
import { runFlow } from '../engine/run-flow.js';
import { loadFlowText } from '../flow/load.js';
import { createInProcessInvoker } from './in-process-invoker.js';
import { createBuiltinRegistry } from './registry.js';
import { isInside } from './confine.js';
import type { NodeContext, NodeResult } from './types.js';

const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'stepyard-shell-')));
const root = path.join(base, 'proj');
mkdirSync(path.join(root, 'sub'), { recursive: true });
mkdirSync(path.join(base, 'proj2'));
symlinkSync(path.join(base, 'proj2'), path.join(root, 'escape'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const invoker = createInProcessInvoker(createBuiltinRegistry());

async function shell(inputs: Record<string, unknown>, env: Record<string, string> = { PATH: process.env.PATH ?? '' }) {
  const lines: [string, string][] = [];
  const context: NodeContext = {
    runId: 'r',
    stepId: 's',
    execId: 's',
    attempt: 1,
    projectRoot: root,
    env,
    log: (message, stream = 'info') => lines.push([stream, message]),
  };
  const result: NodeResult = await invoker.invoke({ node: 'shell.run', inputs: inputs as never, context }, new AbortController().signal);
  return { result, lines };
}

describe('isInside', () => {
  it.each([
    ['/proj', '/proj', true],
    ['/proj', '/proj/sub/x', true],
    ['/proj', '/proj2', false],
    ['/proj', '/', false],
    ['/proj', '/proj/..hidden', true],
    ['/proj', '/other/proj', false],
  ])('%s contains %s: %s', (rootDir, candidate, inside) => {
    expect(isInside(rootDir, candidate)).toBe(inside);
  });
});

describe('shell.run', () => {
  it('keeps stdout and stderr apart, trimmed, and streams each line to the log', async () => {
    const { result, lines } = await shell({ command: 'echo "  out "; echo err >&2; echo two', shell: true });
    expect(result).toEqual({ status: 'success', output: { stdout: 'out \ntwo', stderr: 'err', code: 0 } });
    expect(lines.filter(([stream]) => stream === 'stdout')).toEqual([
      ['stdout', '  out '],
      ['stdout', 'two'],
    ]);
    expect(lines.filter(([stream]) => stream === 'stderr')).toEqual([['stderr', 'err']]);
  });

  it('with shell: false, pipes and variables are plain arguments (the original behaviour)', async () => {
    const { result, lines } = await shell({ command: 'echo a | wc -c $HOME', shell: false });
    expect(result.output).toMatchObject({ stdout: 'a | wc -c $HOME', code: 0 });
    expect(lines.filter(([stream]) => stream === 'info')).toEqual([]);
    expect((await shell({ command: 'echo a | wc -c', shell: 'no' })).result.output).toMatchObject({ stdout: 'a | wc -c' });
  });

  it('a non-zero exit is an output unless fail_on_error', async () => {
    expect((await shell({ command: 'sh -c "exit 3"' })).result).toMatchObject({ status: 'success', output: { code: 3 } });
    const failing = await shell({ command: 'sh -c "echo partial; exit 3"', fail_on_error: true });
    expect(failing.result).toMatchObject({ status: 'failed', error: { code: 'NODE_FAILED' }, output: { stdout: 'partial', code: 3 } });
  });

  it('a signal gives a negative code', async () => {
    expect((await shell({ command: 'kill -TERM $$', shell: true })).result.output).toMatchObject({ code: -15 });
  });

  it('merges env over the run env', async () => {
    const { result } = await shell({ command: "sh -c 'echo $RUN_ONLY-$EXTRA-$N'", env: { EXTRA: 'x', N: 5 } }, {
      PATH: process.env.PATH ?? '',
      RUN_ONLY: 'run',
    });
    expect(result.output).toMatchObject({ stdout: 'run-x-5' });
  });

  it('runs in the project root by default and in cwd relative to it', async () => {
    expect((await shell({ command: 'pwd' })).result.output).toMatchObject({ stdout: root });
    expect((await shell({ command: 'pwd', cwd: 'sub' })).result.output).toMatchObject({ stdout: path.join(root, 'sub') });
  });

  it.each([['../proj2'], ['escape'], ['/']])('refuses cwd %s outside the project (no prefix confusion, symlinks resolved)', async (cwd) => {
    const { result } = await shell({ command: 'pwd', cwd });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'FILE_OUTSIDE_PROJECT' }, field: '/cwd' });
  });

  it('a cwd that is not an existing directory is FILE_NOT_FOUND', async () => {
    expect((await shell({ command: 'pwd', cwd: 'nope' })).result).toMatchObject({ status: 'failed', error: { code: 'FILE_NOT_FOUND' }, field: '/cwd' });
  });

  it('allow_outside_project lifts the check', async () => {
    const { result } = await shell({ command: 'pwd', cwd: '../proj2', allow_outside_project: 'yes' });
    expect(result.output).toMatchObject({ stdout: path.join(base, 'proj2') });
  });

  it('reports a missing command and bad quoting', async () => {
    expect((await shell({ command: 'no-such-command-xyz' })).result).toMatchObject({
      status: 'failed',
      error: { code: 'NODE_FAILED', message: expect.stringContaining('no-such-command-xyz') },
    });
    expect((await shell({ command: 'echo "open' })).result).toMatchObject({ error: { code: 'NODE_INPUT_INVALID' }, field: '/command' });
  });

  it('rejects a non-string command naming the field', async () => {
    const { result } = await shell({ command: ['ls'] });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'NODE_INPUT_INVALID' }, field: '/command' });
    expect(result.error?.message).toContain("'command'");
  });
});

describe('shell.run without `shell`: a shell only for shell syntax the author wrote', () => {
  it.each([
    ['echo a | wc -c', '2', '|'],
    ['echo $(echo x)', 'x', '$('],
    ['[ -d . ] && echo yes', 'yes', '&&'],
    ['echo "$RUN_ONLY"', 'run', '$RUN_ONLY'],
  ])('%s runs through /bin/sh and prints %s', async (command, stdout, token) => {
    const { result, lines } = await shell({ command }, { PATH: process.env.PATH ?? '', RUN_ONLY: 'run' });
    expect(result).toEqual({ status: 'success', output: { stdout, stderr: '', code: 0 } });
    const info = lines.filter(([stream]) => stream === 'info').map(([, message]) => message);
    expect(info).toHaveLength(1);
    expect(info[0]).toContain(`'${token}'`);
    expect(info[0]).toContain('shell: false');
  });

  it('a redirection writes the file', async () => {
    const { result } = await shell({ command: 'echo hi > auto-out.txt', shell: null });
    expect(result).toMatchObject({ status: 'success', output: { stdout: '', code: 0 } });
    expect(readFileSync(path.join(root, 'auto-out.txt'), 'utf8')).toBe('hi\n');
  });

  it.each([
    ['echo https://x/?a=1&b=2', 'https://x/?a=1&b=2'],
    ["echo '$HOME | x'", '$HOME | x'],
    ['echo a*b [x] ?', 'a*b [x] ?'],
  ])('%s runs without a shell and prints its words literally', async (command, stdout) => {
    const { result, lines } = await shell({ command });
    expect(result.output).toMatchObject({ stdout, code: 0 });
    expect(lines.filter(([stream]) => stream === 'info')).toEqual([]);
  });

  it('looks at the raw command the engine hands over, not the resolved one', async () => {
    const rawInputs = { command: 'echo ${{ vars.v }}' };
    const { result } = await shellWithRaw({ command: 'echo a; touch pwned-direct' }, rawInputs);
    expect(result.output).toMatchObject({ stdout: 'a; touch pwned-direct', code: 0 });
    expect(existsSync(path.join(root, 'pwned-direct'))).toBe(false);
  });

  it('shell: true still runs through /bin/sh whatever the command looks like', async () => {
    const { result, lines } = await shell({ command: 'echo plain', shell: true });
    expect(result.output).toMatchObject({ stdout: 'plain', code: 0 });
    expect(lines.filter(([stream]) => stream === 'info').map(([, m]) => m)).toEqual([expect.stringContaining('shell=true')]);
    expect((await shell({ command: 'echo a|wc -c', shell: 'yes' })).result.output).toMatchObject({ stdout: '2' });
  });
});

describe('shell.run auto mode through the engine (rawInputs really passed)', () => {
  async function runYaml(yaml: string, vars: Record<string, string>) {
    const loaded = loadFlowText(yaml, 'auto.yaml');
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const events: EngineEvent[] = [];
    const store = createMemoryRunStore();
    const outcome = await runFlow({
      runId: 'run-auto',
      flow: loaded.flow,
      store,
      invoker,
      projectRoot: root,
      env: { PATH: process.env.PATH ?? '' },
      vars,
      events: (event) => events.push(event),
    });
    const steps = Object.fromEntries((await store.listSteps('run-auto')).map((r) => [r.execId, r.output]));
    return { outcome, steps, events };
  }

  it('a template value with shell syntax never switches the shell on', async () => {
    const yaml = 'name: inject\nsteps:\n  - id: a\n    uses: shell.run\n    with: { command: "echo ${{ vars.v }}" }\n';
    const { outcome, steps, events } = await runYaml(yaml, { v: 'a; touch pwned' });
    expect(outcome.status).toBe('completed');
    expect(steps.a).toEqual({ stdout: 'a; touch pwned', stderr: '', code: 0 });
    expect(existsSync(path.join(root, 'pwned'))).toBe(false);
    expect(events.some((e) => e.type === 'log' && e.message.includes('/bin/sh'))).toBe(false);
  });

  it('shell syntax the author wrote around a template runs through /bin/sh', async () => {
    const yaml = 'name: piped\nsteps:\n  - id: a\n    uses: shell.run\n    with: { command: "echo ${{ vars.v }} | wc -c" }\n';
    const { outcome, steps } = await runYaml(yaml, { v: 'abc' });
    expect(outcome.status).toBe('completed');
    expect(steps.a).toEqual({ stdout: '4', stderr: '', code: 0 });
  });
});

// Call shell.run with a context carrying the raw `with`, as the engine builds it.
async function shellWithRaw(inputs: Record<string, unknown>, rawInputs: Record<string, string>) {
  const lines: [string, string][] = [];
  const context: NodeContext = {
    runId: 'r',
    stepId: 's',
    execId: 's',
    attempt: 1,
    projectRoot: root,
    env: { PATH: process.env.PATH ?? '' },
    rawInputs,
    log: (message, stream = 'info') => lines.push([stream, message]),
  };
  const result: NodeResult = await invoker.invoke({ node: 'shell.run', inputs: inputs as never, context }, new AbortController().signal);
  return { result, lines };
}
