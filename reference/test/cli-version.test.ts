import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, makeTempDir, removeTempDir, runStepyard, validateAgainstSpecSchema } from './cli-support.js';

const version = (JSON.parse(readFileSync(join(REPO, 'reference', 'package.json'), 'utf8')) as { version: string }).version;
const dir = makeTempDir();
afterAll(() => removeTempDir(dir));

describe('stepyard --version', () => {
  it('prints the package version', () => {
    expect(runStepyard(['--version'], dir)).toEqual({ code: 0, stdout: `stepyard ${version}\n`, stderr: '' });
    expect(runStepyard(['-V'], dir)).toEqual({ code: 0, stdout: `stepyard ${version}\n`, stderr: '' });
  });

  it('prints the same line when commander handles the flag', () => {
    // Not the fast path: another argument comes first.
    expect(runStepyard(['--json', '--version'], dir).stdout).toBe(`stepyard ${version}\n`);
  });
});

describe('help and usage errors', () => {
  it('lists every command in --help', () => {
    const result = runStepyard(['--help'], dir);
    expect(result.code).toBe(0);
    for (const command of ['init', 'validate', 'schema', 'eval', 'help']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('prints help on stderr and exits 2 without a command', () => {
    const result = runStepyard([], dir);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^Usage: stepyard/);
  });

  it('reports an unknown command as CLI_USAGE with a hint', () => {
    expect(runStepyard(['frobnicate'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: "CLI_USAGE unknown command 'frobnicate'\n  hint: run 'stepyard --help'\n",
    });
  });

  it('points an option error at the command help', () => {
    const result = runStepyard(['validate', '--nope'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("CLI_USAGE unknown option '--nope'\n  hint: run 'stepyard validate --help'\n");
  });

  it('prints a usage error as a command-failure object with --json', () => {
    const result = runStepyard(['eval', '--json'], dir);
    const output = JSON.parse(result.stdout) as unknown;
    expect(result.code).toBe(2);
    expect(validateAgainstSpecSchema('command-failure.schema.json', output)).toEqual([]);
    expect(output).toMatchObject({ ok: false, error: { code: 'CLI_USAGE', category: 'usage', severity: 'error' } });
  });

  it('treats --json after -- as an argument, not as a flag', () => {
    const result = runStepyard(['eval', '--', '--json'], dir);
    // `--json` is the expression `-(-json)`: the name json is undefined, and the error is printed for humans.
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^EXPR_UNDEFINED_REFERENCE /);
  });
});
