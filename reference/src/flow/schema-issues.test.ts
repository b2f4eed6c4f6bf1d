import { describe, expect, it } from 'vitest';
import { codeForPath, describeValue, formatPath, roleOf } from './schema-issues.js';

describe('roleOf and codeForPath', () => {
  it.each([
    [[], 'document', 'FLOW_SCHEMA_INVALID'],
    [['name'], 'flow.name', 'FLOW_SCHEMA_INVALID'],
    [['env', 'HOME'], 'env.value', 'FLOW_ENV_INVALID'],
    [['dotenv', 1], 'dotenv.item', 'FLOW_ENV_INVALID'],
    [['trigger', 'mode'], 'trigger.mode', 'FLOW_TRIGGER_INVALID'],
    [['steps'], 'flow.steps', 'FLOW_SCHEMA_INVALID'],
    [['steps', 2], 'step', 'FLOW_SCHEMA_INVALID'],
    [['steps', 0, 'max_visits'], 'step.max_visits', 'FLOW_MAX_VISITS_INVALID'],
    [['steps', 0, 'steps', 1, 'timeout'], 'step.timeout', 'FLOW_TIMEOUT_INVALID'],
    [['steps', 0, 'steps', 1, 'steps', 0, 'retry', 'attempts'], 'retry.attempts', 'FLOW_RETRY_INVALID'],
    [['steps', 0, 'steps'], 'step.steps', 'FLOW_SCHEMA_INVALID'],
    [['steps', 0, 'steps', 3], 'step', 'FLOW_SCHEMA_INVALID'],
  ] as const)('%j is %s → %s', (path, role, code) => {
    expect([roleOf(path), codeForPath(path)]).toEqual([role, code]);
  });
});

describe('formatPath and describeValue', () => {
  it('render paths and values for messages', () => {
    expect(formatPath(['steps', 0, 'retry', 'attempts'])).toBe('steps[0].retry.attempts');
    expect(formatPath([])).toBe('the document');
    expect([describeValue(null), describeValue([1]), describeValue({}), describeValue('x'), describeValue(5)]).toEqual([
      'null (an empty value)', 'a list', 'a mapping', 'the string "x"', 'the number 5',
    ]);
  });
});
