import { describe, expect, it } from 'vitest';
import { loadFlowText } from './load.js';
import { createBuiltinInputChecker } from '../nodes/literal-inputs.js';

// Keys that name Object.prototype members must behave like any other unknown key (found by the property tests).
const KEYS = ['valueOf', 'toString', 'constructor', 'hasOwnProperty', '__proto__'];

describe('keys named like Object.prototype members', () => {
  it.each(KEYS)('%s at the top level, in a step and in with: gives string hints and no crash', (key) => {
    const text = `name: p\n${key}: 1\nsteps:\n  - id: a\n    uses: system.echo\n    ${key}: 2\n    with:\n      ${key}: 3\n`;
    const result = loadFlowText(text, 'p.yaml', { knownNodes: ['system.echo'], checkInputs: createBuiltinInputChecker() });
    const problems = result.ok ? result.warnings : [...result.errors, ...result.warnings];
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(typeof problem.hint).toBe('string');
      expect(typeof problem.message).toBe('string');
    }
  });

  it.each(KEYS)('%s as the whole document gives a schema error with a string hint', (key) => {
    const result = loadFlowText(`- ${key}: {}\n`, 'p.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) for (const problem of result.errors) expect(typeof problem.hint).toBe('string');
  });
});
