// Every fixture under fixtures/flows: valid ones load (with the warnings of their optional sidecar),
// invalid ones give exactly the errors their *.expect.json sidecar lists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_NODE_NAMES } from '../nodes/catalogue.js';
import { loadFlowFile } from './load.js';

interface Expected {
  code: string;
  instance: string;
  line: number;
}

const root = fileURLToPath(new URL('../../../fixtures/flows/', import.meta.url));
const knownNodes = [...BUILTIN_NODE_NAMES];

function fixtures(kind: 'valid' | 'invalid'): Array<[string, string, Expected[] | null]> {
  return readdirSync(`${root}${kind}`)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const path = `${root}${kind}/${name}`;
      const sidecar = path.replace(/\.yaml$/, '.expect.json');
      return [name, path, existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, 'utf8')) as Expected[]) : null];
    });
}

const summarize = (problems: ReadonlyArray<{ code: string; instance?: string | undefined; location?: { line: number } | undefined }>) =>
  problems.map((problem) => ({ code: problem.code, instance: problem.instance, line: problem.location?.line }));

describe('valid fixtures', () => {
  it('there are at least 12', () => {
    expect(fixtures('valid').length).toBeGreaterThanOrEqual(12);
  });

  it.each(fixtures('valid'))('%s loads', (_name, path, expectedWarnings) => {
    const result = loadFlowFile(path, { knownNodes });
    expect(result.ok ? [] : summarize(result.errors)).toEqual([]);
    expect(summarize(result.warnings)).toEqual(expectedWarnings ?? []);
  });
});

describe('invalid fixtures', () => {
  it('there are at least 15, each with a sidecar', () => {
    const list = fixtures('invalid');
    expect(list.length).toBeGreaterThanOrEqual(15);
    expect(list.filter(([, , expected]) => expected === null).map(([name]) => name)).toEqual([]);
  });

  it.each(fixtures('invalid'))('%s gives exactly the listed errors', (_name, path, expected) => {
    const result = loadFlowFile(path, { knownNodes });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : summarize(result.errors)).toEqual(expected);
  });
});
