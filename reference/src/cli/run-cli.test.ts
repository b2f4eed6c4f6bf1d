import { describe, expect, it } from 'vitest';
import { StepyardError } from '../errors/stepyard-error.js';
import type { CommandContext } from './context.js';
import { exitCodeOf, reportFailure, runCli } from './run-cli.js';

function capture(): { ctx: CommandContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { ctx: { cwd: process.cwd(), env: {}, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) }, out, err };
}

describe('reportFailure', () => {
  it('maps a StepyardError to its catalogue exit code', () => {
    const { ctx, err } = capture();
    expect(reportFailure(new StepyardError('RUN_NOT_FOUND', 'no run r1'), ctx, false)).toBe(4);
    expect(err.join('')).toBe('RUN_NOT_FOUND no run r1\n');
  });

  it('turns an unknown throwable into INTERNAL, exit 70, with a bug report on stderr and JSON on stdout', () => {
    const { ctx, out, err } = capture();
    expect(reportFailure(new RangeError('boom'), ctx, true)).toBe(70);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: false, error: { code: 'INTERNAL', category: 'internal' } });
    expect(err.join('')).toMatch(/^INTERNAL this is a bug in Stepyard: boom\n {2}stepyard \d+\.\d+\.\d+, node v/);
  });

  it('never exits 0 on an error whose catalogue exit is 0', () => {
    expect(exitCodeOf(new StepyardError('FLOW_UNKNOWN_KEY', 'w', { severity: 'warning' }))).toBe(1);
  });
});

describe('runCli', () => {
  it('runs a command in-process and returns its exit code', async () => {
    const { ctx, out } = capture();
    expect(await runCli(['eval', '6 * 7', '--json'], ctx)).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual({ ok: true, value: 42 });
  });
});
