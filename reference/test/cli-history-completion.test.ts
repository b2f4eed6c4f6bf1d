// Shell completion and the interactive mode (spec: cli.completion, cli.interactive).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInteractive } from '../src/cli/commands/interactive.js';
import type { CommandContext } from '../src/cli/context.js';
import { CLI, makeTempDir, removeTempDir, runStepyard } from './cli-support.js';
import { makeProject, parseJson } from './cli-run-support.js';

let root: string;
let runId: string;
beforeAll(() => {
  root = makeProject({ 'flows/deploy.yml': 'name: deploy\nsteps:\n  - {id: a, uses: system.echo, with: {value: 1}}\n' });
  runId = parseJson(runStepyard(['run', 'hello', '--json'], root)).run_id as string;
});
afterAll(() => removeTempDir(root));

const complete = (words: string[], cwd = root): string[] => {
  const result = runStepyard(['__complete', '--', ...words], cwd);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe('');
  return result.stdout === '' ? [] : result.stdout.trimEnd().split('\n');
};
const values = (lines: string[]): string[] => lines.map((line) => line.split('\t')[0] as string);

describe('stepyard completion', () => {
  it('prints a script for bash, zsh and fish that calls __complete; other shells are usage errors', () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const result = runStepyard(['completion', shell], root);
      expect([shell, result.code]).toEqual([shell, 0]);
      expect(result.stdout).toContain('stepyard __complete --');
    }
    expect(runStepyard(['completion', 'bash'], root).stdout).toContain('complete -F _stepyard stepyard');
    expect(runStepyard(['completion', 'zsh'], root).stdout).toMatch(/^#compdef stepyard\n/);
    expect(runStepyard(['completion', 'fish'], root).stdout).toContain("complete -c stepyard -f -a '(__stepyard_complete)'");
    expect(runStepyard(['completion', 'tcsh'], root).code).toBe(2);
    expect(runStepyard(['--help'], root).stdout).not.toContain('__complete');
  });

  it('the bash script completes flow names and run ids through the built CLI', () => {
    const bin = makeTempDir('stepyard-bin-');
    try {
      writeFileSync(join(bin, 'stepyard'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
      chmodSync(join(bin, 'stepyard'), 0o755);
      const script = runStepyard(['completion', 'bash'], root).stdout;
      const probe = (words: string): string => {
        const program = `${script}\nCOMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _stepyard; printf '%s\\n' "\${COMPREPLY[@]}"`;
        const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { cwd: root, env: { PATH: `${bin}:${process.env.PATH ?? ''}` }, encoding: 'utf8' });
        expect(result.stderr).toBe('');
        return result.stdout.trim();
      };
      expect(probe("stepyard run h")).toBe('hello');
      expect(probe("stepyard show ''")).toBe(runId);
      expect(probe("stepyard st")).toBe('status');
    } finally {
      removeTempDir(bin);
    }
  });

  it('__complete lists commands, options, flows, run ids and statuses by prefix', () => {
    expect(values(complete(['']))).toEqual(expect.arrayContaining(['run', 'status', 'runs', 'show', 'logs', 'clear', 'completion', 'help']));
    expect(values(complete(['']))).not.toContain('__complete');
    expect(values(complete(['ru']))).toEqual(['run', 'runs']);
    expect(complete(['run', ''])).toEqual(['deploy\tflow', 'hello\tflow']);
    expect(values(complete(['run', 'h']))).toEqual(['hello']);
    expect(values(complete(['run', '--d']))).toEqual(['--dry-run']);
    expect(complete(['show', ''])).toEqual([`${runId}\thello (completed)`]);
    expect(values(complete(['logs', '']))).toEqual([runId, 'deploy', 'hello']);
    expect(values(complete(['runs', '--status', 'c']))).toEqual(['completed', 'cancelled']);
    expect(values(complete(['runs', '--flow', '']))).toEqual(['deploy', 'hello']);
    expect(values(complete(['completion', '']))).toEqual(['bash', 'zsh', 'fish']);
    expect(values(complete(['run', 'hello', '--env-file', 'flo']))).toEqual(['flows/']);
    expect(complete(['run', 'hello', ''])).toEqual([]);
  });

  it('__complete prints nothing outside a project and creates nothing', () => {
    const dir = makeTempDir('stepyard-complete-');
    try {
      expect(complete(['run', ''], dir)).toEqual([]);
      expect(complete(['show', ''], dir)).toEqual([]);
      expect(existsSync(join(dir, '.stepyard'))).toBe(false);
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('interactive mode', () => {
  function session(lines: string[]): Promise<{ code: number; screen: string; out: string; err: string }> {
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    const out: string[] = [];
    const err: string[] = [];
    const ctx: CommandContext = { cwd: root, env: { PATH: process.env.PATH }, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
    const done = runInteractive({ input, output }, ctx);
    input.end(`${lines.join('\n')}\n`);
    return done.then((code) => ({ code, screen, out: out.join(''), err: err.join('') }));
  }

  it('runs typed commands in-process, with aliases, help and exit, and keeps a history file', async () => {
    const result = await session(['s', 'eval "1 + 2"', 'help runs', 'show nope', 'exit', 'status']);
    expect(result.code).toBe(0);
    expect(result.screen).toContain('interactive mode');
    expect(result.screen).toContain('(exit 4)');
    expect(result.screen).toContain('Goodbye!');
    expect(result.out).toMatch(/hello\s+completed/);
    expect(result.out).toContain('3\n');
    expect(result.out).toContain('Usage: stepyard runs');
    expect(result.err).toContain('RUN_NOT_FOUND');
    expect(result.out.match(/FLOW\s+STATE/g)).toHaveLength(1);
    const history = readFileSync(join(root, '.stepyard', 'repl-history'), 'utf8');
    expect(history).toBe('s\neval "1 + 2"\nhelp runs\nshow nope\nexit\n');
  });

  it('ends at the end of input like Ctrl+D', async () => {
    const result = await session(['']);
    expect(result.code).toBe(0);
    expect(result.screen).toContain('Goodbye!');
  });
});
