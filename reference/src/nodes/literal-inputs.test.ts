import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../flow/load.js';
import { BUILTIN_NODE_NAMES } from './catalogue.js';
import { createBuiltinInputChecker } from './literal-inputs.js';

const checkInputs = createBuiltinInputChecker();

function problems(stepsYaml: string) {
  const result = loadFlowText(`name: t\nsteps:\n${stepsYaml}`, 't.yaml', { knownNodes: BUILTIN_NODE_NAMES, checkInputs });
  const summary = (list: ReadonlyArray<{ code: string; instance?: string | undefined; stepId?: string | undefined; location?: { line: number; column: number } | undefined; severity: string }>) =>
    list.map((p) => ({ code: p.code, instance: p.instance, step_id: p.stepId, line: p.location?.line, column: p.location?.column, severity: p.severity }));
  return { errors: result.ok ? [] : summary(result.errors), warnings: summary(result.warnings) };
}

describe('literal with: values are checked against the node input schema', () => {
  it('a literal of the wrong type is FLOW_INPUT_INVALID at its pointer, line and column', () => {
    expect(problems('  - id: get\n    uses: http.request\n    with:\n      url: 5\n').errors).toEqual([
      { code: 'FLOW_INPUT_INVALID', instance: '/steps/0/with/url', step_id: 'get', line: 6, column: 12, severity: 'error' },
    ]);
  });

  it('points inside nested values and groups', () => {
    const yaml = '  - id: g\n    steps:\n      - id: get\n        uses: http.request\n        with: {url: "http://x", headers: {a: [1]}}\n';
    expect(problems(yaml).errors).toMatchObject([{ code: 'FLOW_INPUT_INVALID', instance: '/steps/0/steps/0/with/headers/a', step_id: 'g.get' }]);
  });

  it('skips values holding a template, anywhere inside', () => {
    const yaml = '  - id: a\n    uses: http.request\n    with: {url: "${{ vars.u }}", headers: {a: ["${{ 1 }}"]}, timeout: "${{ 5 }}"}\n';
    expect(problems(yaml)).toEqual({ errors: [], warnings: [] });
  });

  it('accepts the lax forms flows of the original use', () => {
    const yaml = [
      '  - id: a',
      '    uses: shell.run',
      '    with: {command: ls, shell: yes, fail_on_error: "on", env: {N: 5}}',
      '  - id: b',
      '    uses: llm.generate',
      '    with: {prompt: p, max_tokens: "100", temperature: "0.5", timeout: 10}',
      '  - id: c',
      '    uses: system.if',
      '    with: {condition: "true"}',
    ].join('\n');
    expect(problems(`${yaml}\n`)).toEqual({ errors: [], warnings: [] });
  });

  it('a missing required input points at its key; a step without with: too', () => {
    expect(problems('  - id: dl\n    uses: http.download\n    with: {url: "http://x"}\n').errors).toMatchObject([
      { code: 'FLOW_INPUT_INVALID', instance: '/steps/0/with/dest', line: 5 },
    ]);
    expect(problems('  - id: r\n    uses: file.read\n').errors).toMatchObject([{ code: 'FLOW_INPUT_INVALID', instance: '/steps/0/with/path', line: 3 }]);
  });

  it('an input the node does not take is a FLOW_UNKNOWN_KEY warning; system.echo takes any', () => {
    const yaml = '  - id: a\n    uses: shell.run\n    with: {command: ls, comand: x}\n  - id: b\n    uses: system.echo\n    with: {anything: 1}\n';
    expect(problems(yaml)).toEqual({
      errors: [],
      warnings: [{ code: 'FLOW_UNKNOWN_KEY', instance: '/steps/0/with/comand', step_id: 'a', line: 5, column: 25, severity: 'warning' }],
    });
  });

  it.each([
    ['llm.generate', '{prompt: p, provider: gemini}', '/steps/0/with/provider'],
    ['system.if', '{condition: maybe}', '/steps/0/with/condition'],
    ['http.download', '{url: "http://x", dest: f, checksum: "md5:1"}', '/steps/0/with/checksum'],
    ['file.write', '{path: f, content: 5}', '/steps/0/with/content'],
    ['flow.route', '{target: "  "}', '/steps/0/with/target'],
  ])('%s with %s is refused at %s', (node, withText, instance) => {
    expect(problems(`  - id: a\n    uses: ${node}\n    with: ${withText}\n`).errors).toMatchObject([{ code: 'FLOW_INPUT_INVALID', instance }]);
  });

  it('unknown nodes are left to FLOW_UNKNOWN_NODE', () => {
    expect(problems('  - id: a\n    uses: no.such\n    with: {x: 1}\n').errors).toMatchObject([{ code: 'FLOW_UNKNOWN_NODE' }]);
  });
});
