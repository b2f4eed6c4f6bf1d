// The foundation issue's check, literally: `stepyard validate` accepts every valid fixture and reports every error
// of each invalid fixture, with its code and position, as the fixture's sidecar lists them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runStepyard } from './cli-support.js';

const FIXTURES = join(REPO, 'fixtures', 'flows');
const filesIn = (kind: string): string[] =>
  readdirSync(join(FIXTURES, kind))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join('fixtures', 'flows', kind, name));

interface Problem {
  code: string;
  instance: string;
  line: number;
  column: number;
}

describe('stepyard validate on the fixtures', () => {
  it('accepts every valid fixture (exit 0)', () => {
    const result = runStepyard(['validate', ...filesIn('valid'), '--json'], REPO);
    const report = JSON.parse(result.stdout) as { ok: boolean; files: Array<{ file: string; ok: boolean; errors: Problem[] }> };
    expect(report.files.filter((file) => !file.ok).map((file) => [file.file, file.errors.map((e) => e.code)])).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('reports exactly the listed errors of each invalid fixture, each with a line and column (exit 3)', () => {
    const files = filesIn('invalid');
    const result = runStepyard(['validate', ...files, '--json'], REPO);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as { files: Array<{ file: string; errors: Problem[] }> };
    expect(report.files).toHaveLength(files.length);
    for (const [index, file] of files.entries()) {
      const expected = JSON.parse(readFileSync(join(REPO, file.replace(/\.yaml$/, '.expect.json')), 'utf8')) as Array<Omit<Problem, 'column'>>;
      const errors = report.files[index]?.errors ?? [];
      expect(errors.map(({ code, instance, line }) => ({ code, instance, line })), file).toEqual(expected);
      for (const error of errors) expect(error.column, `${file} ${error.code}`).toBeGreaterThanOrEqual(1);
    }
  });
});
