import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GITIGNORE, HELLO_FLOW } from '../src/project/init.js';
import { makeTempDir, removeTempDir, runStepyard, validateAgainstSpecSchema } from './cli-support.js';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

const read = (path: string): string => readFileSync(join(dir, path), 'utf8');

describe('stepyard init', () => {
  it('creates the project layout and says what it did', () => {
    const result = runStepyard(['init'], dir);
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Stepyard project ready in .',
        '  created      .stepyard/',
        '  created      flows/',
        '  created      flows/hello.yaml',
        '  created      .gitignore',
        'Next: stepyard run hello',
        '',
      ].join('\n'),
    });
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', '.stepyard', 'flows']);
    expect(readdirSync(join(dir, '.stepyard'))).toEqual([]);
    expect(read('flows/hello.yaml')).toBe(HELLO_FLOW);
    expect(read('.gitignore')).toBe(GITIGNORE);
  });

  it('writes a hello flow that validates', () => {
    runStepyard(['init'], dir);
    const result = runStepyard(['validate', 'flows/hello.yaml', '--json'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, files: [{ file: 'flows/hello.yaml', ok: true, errors: [], warnings: [] }] });
  });

  it('is idempotent and reports everything as skipped the second time', () => {
    runStepyard(['init'], dir);
    const result = runStepyard(['init', '--json'], dir);
    const output = JSON.parse(result.stdout) as unknown;
    expect(validateAgainstSpecSchema('init-result.schema.json', output)).toEqual([]);
    expect(output).toEqual({ ok: true, root: dir, created: [], overwritten: [], updated: [], skipped: ['.stepyard/', 'flows/', 'flows/hello.yaml', '.gitignore'] });
    expect(read('flows/hello.yaml')).toBe(HELLO_FLOW);
    expect(read('.gitignore')).toBe(GITIGNORE);
  });

  it('keeps an edited hello.yaml unless --force, and never overwrites .gitignore', () => {
    runStepyard(['init'], dir);
    writeFileSync(join(dir, 'flows/hello.yaml'), 'name: mine\n');
    writeFileSync(join(dir, '.gitignore'), '.stepyard/\nmine\n');
    runStepyard(['init'], dir);
    expect(read('flows/hello.yaml')).toBe('name: mine\n');
    const forced = JSON.parse(runStepyard(['init', '--force', '--json'], dir).stdout) as Record<string, unknown>;
    expect(forced).toMatchObject({ overwritten: ['flows/hello.yaml'], skipped: ['.stepyard/', 'flows/', '.gitignore'] });
    expect(read('flows/hello.yaml')).toBe(HELLO_FLOW);
    expect(read('.gitignore')).toBe('.stepyard/\nmine\n');
  });

  it.each([
    ['without a final newline', 'node_modules/', 'node_modules/\n'],
    ['with a final newline', 'node_modules/\n', 'node_modules/\n'],
    ['empty', '', ''],
  ])('appends .stepyard/ to an existing .gitignore %s', (_name, before, prefix) => {
    writeFileSync(join(dir, '.gitignore'), before);
    const output = JSON.parse(runStepyard(['init', '--json'], dir).stdout) as Record<string, unknown>;
    expect(output).toMatchObject({ updated: ['.gitignore'] });
    expect(read('.gitignore')).toBe(`${prefix}${GITIGNORE}`);
  });

  it.each(['.stepyard', '/.stepyard/', '  .stepyard/  '])('recognises %j as already ignoring the runtime directory', (line) => {
    writeFileSync(join(dir, '.gitignore'), `${line}\n`);
    runStepyard(['init'], dir);
    expect(read('.gitignore')).toBe(`${line}\n`);
  });

  it('creates DIR with its parents and prints how to get there', () => {
    const result = runStepyard(['init', 'a/b'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Stepyard project ready in a\/b\n/);
    expect(result.stdout).toMatch(/\nNext: cd a\/b && stepyard run hello\n$/);
    expect(readdirSync(join(dir, 'a', 'b')).sort()).toEqual(['.gitignore', '.stepyard', 'flows']);
  });

  it('fails with FILE_WRITE_FAILED (exit 1) when DIR cannot be created', () => {
    writeFileSync(join(dir, 'blocker'), 'a file');
    const result = runStepyard(['init', 'blocker/sub', '--json'], dir);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout) as unknown;
    expect(validateAgainstSpecSchema('init-result.schema.json', output)).toEqual([]);
    expect(output).toMatchObject({ ok: false, error: { code: 'FILE_WRITE_FAILED', category: 'configuration' } });
  });

  it('completes a project that has .stepyard/ but no flows/', () => {
    mkdirSync(join(dir, '.stepyard'));
    const output = JSON.parse(runStepyard(['init', '--json'], dir).stdout) as Record<string, unknown>;
    expect(output).toMatchObject({ created: ['flows/', 'flows/hello.yaml', '.gitignore'], skipped: ['.stepyard/'] });
  });
});
