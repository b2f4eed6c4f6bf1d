import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInProcessInvoker } from './in-process-invoker.js';
import { createBuiltinRegistry } from './registry.js';
import { isInside } from './confine.js';
import type { NodeContext, NodeResult } from './types.js';

const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'stepyard-shell-')));
const root = path.join(base, 'proj');
mkdirSync(path.join(root, 'sub'), { recursive: true });
mkdirSync(path.join(base, 'proj2'));
symlinkSync(path.join(base, 'proj2'), path.join(root, 'escape'));

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

  it('without a shell, pipes and variables are plain arguments', async () => {
    const { result } = await shell({ command: 'echo a | wc -c $HOME' });
    expect(result.output).toMatchObject({ stdout: 'a | wc -c $HOME', code: 0 });
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
    const { result } = await shell({ command: 'sh -c "echo $RUN_ONLY-$EXTRA-$N"', env: { EXTRA: 'x', N: 5 } }, {
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
