import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './codes.js';

const catalogue = JSON.parse(
  readFileSync(new URL('../../../spec/error-codes.json', import.meta.url), 'utf8'),
) as { codes: Record<string, { category: string; exit: number; title: string }> };

describe('error code catalogue', () => {
  it('matches spec/error-codes.json exactly', () => {
    const fromSpec = Object.fromEntries(
      Object.entries(catalogue.codes).map(([code, entry]) => [
        code,
        { category: entry.category, exit: entry.exit, title: entry.title },
      ]),
    );
    expect(ERROR_CODES).toEqual(fromSpec);
  });

  it('uses SCREAMING_SNAKE codes with an area prefix', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(code).toMatch(/^[A-Z]+(_[A-Z0-9]+)*$/);
  });
});
