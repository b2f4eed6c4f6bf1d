import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { DISC_ITEMS, readEntries, renderDecisions } from './decisions-index.mjs';

interface Entry {
  id: string;
  title: string;
  file: string;
  disc: Set<string>;
}

const entries = readEntries() as Entry[];

describe('spec/DECISIONS.md', () => {
  it('is the generated index of spec/decisions/*.md', () => {
    const onDisk = readFileSync(new URL('../spec/DECISIONS.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderDecisions(entries));
  });

  it('gives every decision a unique id', () => {
    const ids = entries.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('decides every DISC item of the original', () => {
    const uncovered = (DISC_ITEMS as string[]).filter((item) => !entries.some((entry) => entry.disc.has(item)));
    expect(uncovered).toEqual([]);
  });
});
