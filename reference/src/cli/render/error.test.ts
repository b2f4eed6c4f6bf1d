import { describe, expect, it } from 'vitest';
import { StepyardError } from '../../errors/stepyard-error.js';
import { toProblem } from '../../errors/to-problem.js';
import { formatInternalError, formatProblem } from './error.js';

describe('formatProblem', () => {
  it('prints code, location and message, then the hint', () => {
    const error = new StepyardError('FLOW_DUPLICATE_STEP_ID', "duplicate step id 'a'", { location: { file: 'flows/x.yaml', line: 14, column: 7 }, hint: 'rename one' });
    expect(formatProblem(toProblem(error), '  ')).toBe("  FLOW_DUPLICATE_STEP_ID flows/x.yaml:14:7 duplicate step id 'a'\n    hint: rename one\n");
  });

  it('omits a missing location and marks warnings', () => {
    const warning = new StepyardError('FLOW_UNKNOWN_KEY', 'unknown key', { severity: 'warning', location: { line: 2, column: 1 } });
    expect(formatProblem(toProblem(warning))).toBe('FLOW_UNKNOWN_KEY (warning) unknown key\n');
  });
});

describe('formatInternalError', () => {
  it('says it is a bug and names the versions', () => {
    const text = formatInternalError(new TypeError('x is undefined'), 'stepyard 9.9.9, node v20');
    expect(text.split('\n').slice(0, 3)).toEqual([
      'INTERNAL this is a bug in Stepyard: x is undefined',
      '  stepyard 9.9.9, node v20',
      '  Please report it with the command you ran and the details below.',
    ]);
    expect(text).toContain('TypeError: x is undefined');
  });
});
