import { describe, expect, it } from 'vitest';
import { formatMismatches, matchPattern } from './match.js';

const passes: Array<[string, unknown, unknown]> = [
  ['equal scalars', 3, 3],
  ['null', null, null],
  ['object subset ignores extra keys', { a: 1 }, { a: 1, b: 2 }],
  ['nested subset', { a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'x', d: 0 }], e: 1 } }],
  ['$any on a present null', { a: '$any' }, { a: null }],
  ['$absent on a missing key', { a: { $absent: true } }, { b: 1 }],
  ['$absent: false on a present key', { a: { $absent: false } }, { a: 0 }],
  ['$type integer', { $type: 'integer' }, 4],
  ['$type list', { $type: ['string', 'null'] }, null],
  ['$type object', { $type: 'object' }, {}],
  ['$regex is unanchored', { $regex: 'run-\\d+' }, 'id run-42 ok'],
  ['$gte and $lte together', { $gte: 1, $lte: 3 }, 2],
  ['$len of an array', { $len: 2 }, [0, 0]],
  ['$len of a string', { $len: 3 }, 'abc'],
  ['$contains in order with gaps', { $contains: [{ e: 'a' }, { e: 'c' }] }, [{ e: 'a' }, { e: 'b' }, { e: 'c' }]],
  ['$contains with repeated patterns needs distinct elements', { $contains: [1, 1] }, [1, 2, 1]],
  ['$type with $len', { $type: 'array', $len: 0 }, []],
  ['$len with a pattern', { $len: { $gte: 2 } }, [1, 2, 3]],
];

const failures: Array<[string, unknown, unknown, string]> = [
  ['different scalars', 1, 2, '$: values differ'],
  ['strict equality across types', 1, '1', '$: values differ'],
  ['missing key', { a: 1 }, {}, '$.a: value is missing'],
  ['$any on a missing key', { a: '$any' }, {}, '$.a: value is missing'],
  ['array length', [1], [1, 2], '$: expected 1 elements, got 2'],
  ['array element', { xs: [1, 2] }, { xs: [1, 3] }, '$.xs[1]: values differ'],
  ['object against array', { a: 1 }, [1], '$: expected an object, got array'],
  ['$absent on a present key', { a: { $absent: true } }, { a: 1 }, '$.a: key is present'],
  ['$type', { $type: 'integer' }, 1.5, '$: expected type integer, got number'],
  ['$regex on a number', { $regex: '1' }, 1, '$: expected a string, got number'],
  ['$gte', { $gte: 5 }, 4, '$: expected >= 5'],
  ['$contains out of order', { $contains: ['b', 'a'] }, ['a', 'b'], '${$contains[1]}: no element from index 2 on matches'],
  ['$len', { $len: 1 }, [], '$: expected length 1, got 0'],
  ['$len with a pattern', { $len: { $lte: 1 } }, [1, 2], '$: length 2 does not match {"$lte":1}'],
  ['unknown operator', { $nope: 1 }, 1, '$: unknown operator $nope in the pattern'],
  ['quoted key path', { 'a-b': 1 }, { 'a-b': 2 }, '$."a-b": values differ'],
];

describe('matchPattern', () => {
  it.each(passes)('matches: %s', (_name, pattern, actual) => {
    expect(matchPattern(pattern, actual)).toEqual([]);
  });

  it.each(failures)('reports: %s', (_name, pattern, actual, expected) => {
    const mismatches = matchPattern(pattern, actual);
    expect(mismatches.map((m) => `${m.path}: ${m.reason}`)).toEqual([expected]);
  });

  it('reports every mismatch, not just the first', () => {
    const mismatches = matchPattern({ a: 1, b: [1, 2], c: { $type: 'string' } }, { a: 2, b: [1], c: 3 });
    expect(mismatches.map((m) => m.path)).toEqual(['$.a', '$.b', '$.c']);
  });

  it('formats mismatches with expected and actual values', () => {
    expect(formatMismatches(matchPattern({ code: 'X' }, { code: 'Y' }))).toBe('$.code: values differ (expected "X", got "Y")');
    expect(formatMismatches(matchPattern({ code: 'X' }, {}))).toBe('$.code: value is missing (expected "X", got nothing)');
  });
});
