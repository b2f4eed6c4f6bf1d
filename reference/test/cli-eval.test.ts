import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, runStepyard, validateAgainstSpecSchema } from './cli-support.js';

const dir = makeTempDir();
afterAll(() => removeTempDir(dir));

function evalJson(args: string[]): { code: number | null; output: unknown } {
  const result = runStepyard(['eval', ...args, '--json'], dir);
  const output = JSON.parse(result.stdout) as unknown;
  expect(validateAgainstSpecSchema('eval-result.schema.json', output)).toEqual([]);
  return { code: result.code, output };
}

describe('stepyard eval', () => {
  it('evaluates a whole expression to its native value', () => {
    expect(evalJson(['1 + 2'])).toEqual({ code: 0, output: { ok: true, value: 3 } });
  });

  it('treats input containing ${{ as a template', () => {
    const context = JSON.stringify({ vars: { name: 'Ada', n: 2 } });
    expect(evalJson(['Hi ${{ vars.name }}', '--context', context]).output).toEqual({ ok: true, value: 'Hi Ada' });
    expect(evalJson([' ${{ vars.n }} ', '--context', context]).output).toEqual({ ok: true, value: 2 });
  });

  it('fills the names the context leaves out, and lets the context replace them', () => {
    expect(evalJson(['[steps, vars, env, visits, trigger]']).output).toEqual({ ok: true, value: [{}, {}, {}, {}, { payload: {} }] });
    expect(evalJson(['env', '--context', '{"env": {"A": "1"}}']).output).toEqual({ ok: true, value: { A: '1' } });
  });

  it('reads the context from a JSON or YAML file', () => {
    writeFileSync(join(dir, 'ctx.json'), '{"vars": {"x": [1, 2]}}');
    writeFileSync(join(dir, 'ctx.yml'), 'vars:\n  x: [3]\n');
    expect(evalJson(['vars.x', '--context', 'ctx.json']).output).toEqual({ ok: true, value: [1, 2] });
    expect(evalJson(['vars.x', '--context', 'ctx.yml']).output).toEqual({ ok: true, value: [3] });
  });

  it('exits 3 on a syntax error and 1 on an evaluation error', () => {
    expect(evalJson(['1 +'])).toMatchObject({ code: 3, output: { ok: false, error: { code: 'EXPR_SYNTAX', category: 'expression' } } });
    expect(evalJson(['missing'])).toMatchObject({ code: 1, output: { ok: false, error: { code: 'EXPR_UNDEFINED_REFERENCE' } } });
  });

  it.each([
    ['not an object', '[1]'],
    ['invalid JSON', '{oops'],
    ['a missing file', 'nope.json'],
  ])('rejects a context that is %s as a usage error', (_name, context) => {
    expect(evalJson(['1', '--context', context])).toMatchObject({ code: 2, output: { ok: false, error: { code: 'CLI_USAGE' } } });
  });

  it('prints the value as JSON for humans and errors on stderr', () => {
    expect(runStepyard(['eval', "{'a': [1, 'b']}"], dir)).toEqual({ code: 0, stdout: '{\n  "a": [\n    1,\n    "b"\n  ]\n}\n', stderr: '' });
    const failed = runStepyard(['eval', '1 +'], dir);
    expect({ code: failed.code, stdout: failed.stdout }).toEqual({ code: 3, stdout: '' });
    expect(failed.stderr).toMatch(/^EXPR_SYNTAX /);
  });
});
