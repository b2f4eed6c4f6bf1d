import { describe, expect, it } from 'vitest';
import { mergeProjectDotenv, mergeRunEnv, mergeVars, parseDotenv } from './env.js';

describe('parseDotenv', () => {
  it('follows the line rules', () => {
    const text = [
      '# comment',
      '',
      'A=1',
      '  B = two words  ',
      'C="quoted"',
      "D='single'",
      'E="\'both\'"',
      'no equals sign',
      'F=a=b',
      'export G=exported',
      'EMPTY=',
      '=novalue',
    ].join('\n');
    expect(parseDotenv(text)).toEqual({
      A: '1',
      B: 'two words',
      C: 'quoted',
      D: 'single',
      E: 'both',
      F: 'a=b',
      G: 'exported',
      EMPTY: '',
    });
  });

  it('accepts CRLF line ends', () => {
    expect(parseDotenv('A=1\r\nB=2\r\n')).toEqual({ A: '1', B: '2' });
  });
});

describe('env precedence', () => {
  it('process env > flow env > dotenv files (first file first)', () => {
    const env = mergeRunEnv({
      processEnv: { SHARED: 'process', ONLY_PROCESS: 'p', UNSET: undefined },
      flowEnv: { SHARED: 'flow', FROM_FLOW: 'f', BOTH: 'flow' },
      dotenvFiles: [
        { BOTH: 'dotenv1', FIRST: 'dotenv1', DUP: 'first' },
        { DUP: 'second', SECOND: 'dotenv2' },
      ],
    });
    expect(env).toEqual({
      SHARED: 'process',
      ONLY_PROCESS: 'p',
      FROM_FLOW: 'f',
      BOTH: 'flow',
      FIRST: 'dotenv1',
      DUP: 'first',
      SECOND: 'dotenv2',
    });
  });

  it('the project .env never overrides the OS environment', () => {
    expect(mergeProjectDotenv({ A: 'os' }, { A: 'dotenv', B: 'dotenv' })).toEqual({ A: 'os', B: 'dotenv' });
  });

  it('--var wins over --env-file values', () => {
    expect(mergeVars({ a: 'file', b: 'file' }, { a: 'cli', flag: true })).toEqual({ a: 'cli', b: 'file', flag: true });
  });
});
