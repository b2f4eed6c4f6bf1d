import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionList, parseVarOptions, readEnvFiles } from './run-inputs.js';

describe('parseVarOptions', () => {
  it('splits on the first =, trims nothing, and makes a bare name true', () => {
    expect(parseVarOptions(['a=1', 'b=x=y', 'flag', ' k = v ', 'empty=', 'a=2'])).toEqual({ a: '2', b: 'x=y', flag: true, ' k ': ' v ', empty: '' });
  });

  it('rejects an empty name as CLI_USAGE', () => {
    expect(() => parseVarOptions(['=v'])).toThrow(expect.objectContaining({ code: 'CLI_USAGE' }));
  });
});

describe('readEnvFiles', () => {
  it('reads dotenv files in order, a later file winning; a missing one is CLI_USAGE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepyard-envfile-'));
    try {
      writeFileSync(join(dir, 'a.env'), '# comment\nA=1\nB="two"\nnot a pair\n');
      writeFileSync(join(dir, 'b.env'), "B='three'\n");
      expect(readEnvFiles(['a.env', 'b.env'], dir)).toEqual({ A: '1', B: 'three' });
      expect(() => readEnvFiles(['missing.env'], dir)).toThrow(expect.objectContaining({ code: 'CLI_USAGE' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('optionList', () => {
  it('accepts a list, one value or nothing', () => {
    expect(optionList(['a', 'b'])).toEqual(['a', 'b']);
    expect(optionList('a')).toEqual(['a']);
    expect(optionList(undefined)).toEqual([]);
  });
});
