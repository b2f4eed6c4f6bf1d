import { describe, expect, it } from 'vitest';
import { loadFlowText } from './load.js';
import { scalarToString } from './normalize.js';
import type { FlowDocument } from './types.js';

function load(text: string): FlowDocument {
  const result = loadFlowText(text, 'f.yaml');
  if (!result.ok) throw new Error(result.errors.map((error) => `${error.code} ${error.instance} ${error.message}`).join('\n'));
  return result.flow;
}

describe('normalizeFlow', () => {
  it('applies every default to a minimal flow', () => {
    expect(load('name: hello\nsteps:\n  - id: a\n    uses: shell.run\n')).toEqual({
      name: 'hello',
      description: null,
      env: {},
      dotenv: [],
      trigger: null,
      steps: [
        {
          id: 'a', uses: 'shell.run', steps: null, with: {}, if: null, loop: null, while: null, next: null,
          maxVisits: null, timeoutMs: null, timeoutRaw: null, retry: null, continueOnError: false, approval: false,
          pointer: '/steps/0',
        },
      ],
    });
  });

  it('turns env values into strings the way the original did (null → "", D-FLOW-5)', () => {
    const flow = load('name: x\nenv: {A: 3, B: 0.95, C: 1.0, D: true, E: no, F: ~, G: 010, H: 1e3, I: 1.0e+3, J: hi, K: 2024-01-01}\nsteps: [{id: a, uses: b}]\n');
    expect(flow.env).toEqual({ A: '3', B: '0.95', C: '1.0', D: 'true', E: 'false', F: '', G: '8', H: '1e3', I: '1000.0', J: 'hi', K: '2024-01-01' });
  });

  it('keeps an env variable named __proto__ as an own key', () => {
    expect(Object.keys(load('name: x\nenv: {__proto__: 5}\nsteps: [{id: a, uses: b}]\n').env)).toEqual(['__proto__']);
  });

  it('turns a dotenv string into a list', () => {
    expect(load('name: x\ndotenv: .env\nsteps: [{id: a, uses: b}]\n').dotenv).toEqual(['.env']);
    expect(load('name: x\ndotenv: [a.env, 5]\nsteps: [{id: a, uses: b}]\n').dotenv).toEqual(['a.env', '5']);
    expect(load('name: x\ndotenv:\nsteps: [{id: a, uses: b}]\n').dotenv).toEqual([]);
  });

  it('fills trigger defaults', () => {
    expect(load('name: x\ntrigger: {uses: startup}\nsteps: [{id: a, uses: b}]\n').trigger).toEqual({ uses: 'startup', with: {}, mode: 'daemon' });
    expect(load('name: x\ntrigger: {uses: w, mode: console, with: {n: 1}}\nsteps: [{id: a, uses: b}]\n').trigger).toEqual({
      uses: 'w', with: { n: 1 }, mode: 'console',
    });
  });

  it('coerces lax scalars and parses timeouts and retries', () => {
    const [step] = load(
      'name: x\nsteps:\n  - id: a\n    uses: b\n    continue_on_error: "yes"\n    approval: 1\n    max_visits: "4"\n    timeout: 1h\n    retry: 2\n    while: 0\n    if: ""\n',
    ).steps;
    expect(step).toMatchObject({
      continueOnError: true, approval: true, maxVisits: 4, timeoutMs: 3_600_000, timeoutRaw: '1h',
      retry: { attempts: 2, initialDelayMs: 1000, backoffFactor: 2 }, while: false, if: null,
    });
  });

  it('keeps templates, loop lists and next mappings raw, and nests groups with their pointers', () => {
    const flow = load(
      'name: x\nsteps:\n  - id: g\n    loop: [1, two]\n    next: {target: g}\n    steps:\n      - id: c\n        uses: b\n        if: ${{ item }}\n        with: {v: "${{ item }}", n: [1, {k: ~}]}\n',
    );
    expect(flow.steps[0]).toMatchObject({ id: 'g', uses: null, loop: [1, 'two'], next: { target: 'g' }, pointer: '/steps/0' });
    expect(flow.steps[0]?.steps?.[0]).toMatchObject({
      id: 'c', uses: 'b', steps: null, if: '${{ item }}', with: { v: '${{ item }}', n: [1, { k: null }] }, pointer: '/steps/0/steps/0',
    });
  });

  it('takes merged keys from anchors', () => {
    const flow = load('name: x\nx-d: &d {uses: shell.run, retry: {attempts: 4}}\nsteps:\n  - id: a\n    <<: *d\n');
    expect(flow.steps[0]).toMatchObject({ uses: 'shell.run', retry: { attempts: 4, initialDelayMs: 1000, backoffFactor: 2 } });
  });
});

describe('scalarToString', () => {
  it('uses the source text to tell YAML floats from integers', () => {
    expect([scalarToString(1, '1.0'), scalarToString(1, '1'), scalarToString(1.5), scalarToString(7)]).toEqual(['1.0', '1', '1.5', '7']);
  });
});
