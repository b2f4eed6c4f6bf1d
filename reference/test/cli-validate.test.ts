import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, runStepyard, validateAgainstSpecSchema } from './cli-support.js';

const VALID = 'name: ok\nsteps:\n  - id: s\n    uses: system.echo\n';
const DUPLICATE = 'name: dup\nsteps:\n  - id: a\n    uses: system.echo\n  - id: a\n    uses: system.echo\n';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

function write(path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

function validateJson(args: string[], cwd = dir, env: Record<string, string> = {}): { code: number | null; output: Record<string, unknown> } {
  const result = runStepyard(['validate', ...args, '--json'], cwd, env);
  const output = JSON.parse(result.stdout) as Record<string, unknown>;
  expect(validateAgainstSpecSchema('validate-result.schema.json', output)).toEqual([]);
  return { code: result.code, output };
}

describe('stepyard validate', () => {
  it('reports each given file, in order, with problems located relative to the cwd', () => {
    write('a.yaml', VALID);
    write('sub/dup.yaml', DUPLICATE);
    const { code, output } = validateJson(['sub/dup.yaml', 'a.yaml']);
    expect(code).toBe(3);
    expect(output).toMatchObject({
      ok: false,
      files: [
        { file: 'sub/dup.yaml', ok: false, errors: [{ code: 'FLOW_DUPLICATE_STEP_ID', instance: '/steps/1/id', file: 'sub/dup.yaml', line: 5, column: 9 }], warnings: [] },
        { file: 'a.yaml', ok: true, errors: [], warnings: [] },
      ],
    });
  });

  it('checks every flow file of the project from any subdirectory', () => {
    runStepyard(['init'], dir);
    write('flows/a.yml', VALID);
    write('flows/skip.txt', 'x');
    mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
    const { code, output } = validateJson([], join(dir, 'deep', 'er'));
    expect(code).toBe(0);
    expect((output.files as Array<{ file: string }>).map((f) => f.file)).toEqual(['../../flows/a.yml', '../../flows/hello.yaml']);
  });

  it('uses STEPYARD_FLOWS_DIR instead of flows/, even outside a project', () => {
    write('mine/x.yaml', VALID);
    const { code, output } = validateJson(['--all'], dir, { STEPYARD_FLOWS_DIR: 'mine' });
    expect(code).toBe(0);
    expect(output).toEqual({ ok: true, files: [{ file: 'mine/x.yaml', ok: true, errors: [], warnings: [] }] });
    expect(readdirSync(dir)).toEqual(['mine']);
  });

  it('fails outside a project with PROJECT_NOT_FOUND and creates nothing', () => {
    const { code, output } = validateJson([]);
    expect(code).toBe(4);
    expect(output).toMatchObject({ ok: false, error: { code: 'PROJECT_NOT_FOUND', category: 'configuration' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts an empty flows directory', () => {
    mkdirSync(join(dir, '.stepyard'));
    expect(validateJson([])).toEqual({ code: 0, output: { ok: true, files: [] } });
    expect(runStepyard(['validate'], dir).stdout).toMatch(/^no flow files found/);
  });

  it('prints one line per file and one per problem for humans', () => {
    write('dup.yaml', DUPLICATE);
    write('ok.yaml', VALID);
    const result = runStepyard(['validate', 'dup.yaml', 'ok.yaml'], dir);
    expect(result.code).toBe(3);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('✗ dup.yaml');
    expect(lines[1]).toMatch(/^ {2}FLOW_DUPLICATE_STEP_ID dup\.yaml:5:9 \S/);
    expect(lines[2]).toMatch(/^ {4}hint: \S/);
    expect(lines.slice(3)).toEqual(['✓ ok.yaml', '2 files checked, 1 invalid', '']);
  });

  it('rejects files together with --all', () => {
    write('a.yaml', VALID);
    expect(validateJson(['--all', 'a.yaml'])).toMatchObject({ code: 2, output: { ok: false, error: { code: 'CLI_USAGE' } } });
  });
});
