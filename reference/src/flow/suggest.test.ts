import { describe, expect, it } from 'vitest';
import { findCloseMatches, formatDidYouMean, similarity } from './suggest.js';

describe('suggestions', () => {
  it('similarity is difflib ratio', () => {
    expect(similarity('abcd', 'bcde')).toBe(0.75);
    expect(similarity('', '')).toBe(1);
    expect(similarity('abc', 'xyz')).toBe(0);
  });

  it('findCloseMatches ranks the closest first and keeps at most three', () => {
    const nodes = ['shell.run', 'http.request', 'http.download', 'file.read', 'file.write', 'file.list'];
    expect(findCloseMatches('shel.run', nodes)).toEqual(['shell.run']);
    expect(findCloseMatches('file.reed', nodes)).toEqual(['file.read', 'file.write', 'file.list']);
    expect(findCloseMatches('zzz', nodes)).toEqual([]);
  });

  it('formatDidYouMean joins the matches', () => {
    expect(formatDidYouMean('contine', ['continue', 'combine'])).toBe("did you mean 'continue' or 'combine'?");
    expect(formatDidYouMean('qqq', ['continue'])).toBeUndefined();
  });
});
