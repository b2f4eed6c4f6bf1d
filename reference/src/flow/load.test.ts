import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toProblem } from '../errors/to-problem.js';
import { loadFlowFile, loadFlowText } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'stepyard-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadFlowFile', () => {
  it('loads a file and names it in locations', () => {
    const path = join(dir, 'hello.yaml');
    writeFileSync(path, 'name: hello\nsteps:\n  - id: a\n    uses: shell.run\n    colour: red\n');
    const result = loadFlowFile(path);
    expect(result.ok && result.flow.name).toBe('hello');
    expect(result.warnings.map(toProblem)).toMatchObject([{ code: 'FLOW_UNKNOWN_KEY', file: path, line: 5, column: 5, instance: '/steps/0/colour' }]);
    expect(result.locate?.locate('/steps/0/uses')).toEqual({ file: path, line: 4, column: 11 });
  });

  it('gives FLOW_FILE_UNREADABLE for a missing file or a directory', () => {
    for (const path of [join(dir, 'missing.yaml'), dir]) {
      const result = loadFlowFile(path);
      expect(result).toMatchObject({ ok: false, warnings: [], locate: null });
      expect(result.ok ? [] : result.errors.map(toProblem)).toMatchObject([{ code: 'FLOW_FILE_UNREADABLE', file: path, line: 1, column: 1, instance: '' }]);
    }
  });

  it('reads files as UTF-8', () => {
    const path = join(dir, 'utf8.yaml');
    writeFileSync(path, 'name: grüße ✓\nsteps: [{id: a, uses: u}]\n');
    const result = loadFlowFile(path);
    expect(result.ok && result.flow.name).toBe('grüße ✓');
  });
});

describe('loadFlowText', () => {
  it('reports every problem at once, in document order, each with a location and a hint', () => {
    const text = [
      'name: 7', // 1
      'env: {A: [1]}', // 2
      'trigger: {uses: cron, mode: often}', // 3
      'steps:', // 4
      '  - id: a', // 5
      '    uses: shel.run', // 6
      '    timeout: forever', // 7
      '    next: nope', // 8
      '    with: {x: "${{ 1 + }}"}', // 9
      '  - id: a', // 10
      '    uses: shell.run', // 11
      '    retry: {attempts: many}', // 12
      '    max_visits: -2', // 13
      '    colour: red', // 14
    ].join('\n');
    const result = loadFlowText(text, 'many.yaml', { knownNodes: ['shell.run'] });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((error) => [error.code, error.instance, error.location?.line])).toEqual([
      ['FLOW_SCHEMA_INVALID', '/name', 1],
      ['FLOW_ENV_INVALID', '/env/A', 2],
      ['FLOW_TRIGGER_INVALID', '/trigger/mode', 3],
      ['FLOW_UNKNOWN_NODE', '/steps/0/uses', 6],
      ['FLOW_TIMEOUT_INVALID', '/steps/0/timeout', 7],
      ['FLOW_UNKNOWN_STEP_REF', '/steps/0/next', 8],
      ['EXPR_SYNTAX', '/steps/0/with/x', 9],
      ['FLOW_DUPLICATE_STEP_ID', '/steps/1/id', 10],
      ['FLOW_RETRY_INVALID', '/steps/1/retry/attempts', 12],
      ['FLOW_MAX_VISITS_INVALID', '/steps/1/max_visits', 13],
    ]);
    expect(errors.every((error) => error.severity === 'error' && typeof error.hint === 'string' && error.location?.file === 'many.yaml')).toBe(true);
    expect(result.warnings.map((warning) => [warning.code, warning.instance])).toEqual([['FLOW_UNKNOWN_KEY', '/steps/1/colour']]);
  });

  it('reports one error per problem for union-typed fields', () => {
    const result = loadFlowText('name: x\nsteps: [{id: a, uses: u, next: 5, loop: 5, retry: [1]}]\n', 'f');
    expect(result.ok ? [] : result.errors.map((error) => [error.code, error.instance])).toEqual([
      ['FLOW_SCHEMA_INVALID', '/steps/0/next'],
      ['FLOW_SCHEMA_INVALID', '/steps/0/loop'],
      ['FLOW_RETRY_INVALID', '/steps/0/retry'],
    ]);
  });

  it('rejects a YAML boolean if, as the original did, with a quoting hint', () => {
    const result = loadFlowText('name: x\nsteps: [{id: a, uses: u, if: yes}]\n', 'f');
    expect(result.ok ? [] : result.errors.map((error) => [error.code, error.instance, error.hint])).toEqual([
      ['FLOW_SCHEMA_INVALID', '/steps/0/if', 'quote the condition (if: "true") or use an expression'],
    ]);
  });

  it('also reports schema problems next to duplicate keys', () => {
    const result = loadFlowText('name: x\nname: 5\nsteps: [{id: a, uses: u}]\n', 'f');
    expect(result.ok ? [] : result.errors.map((error) => [error.code, error.instance])).toEqual([
      ['FLOW_YAML_DUPLICATE_KEY', '/name'],
      ['FLOW_SCHEMA_INVALID', '/name'],
    ]);
  });

  it('stops after YAML syntax errors', () => {
    const result = loadFlowText('name: [x\nsteps: 5\n', 'f');
    expect(result.ok ? [] : result.errors.map((error) => error.code)).toEqual(['FLOW_YAML_SYNTAX']);
  });

  it('rejects an empty text as a document that is not a mapping', () => {
    const result = loadFlowText('', 'empty.yaml');
    expect(result.ok ? [] : result.errors.map(toProblem)).toMatchObject([{ code: 'FLOW_SCHEMA_INVALID', instance: '', file: 'empty.yaml', line: 1, column: 1 }]);
  });

  it('accepts a flow with warnings only', () => {
    const result = loadFlowText('name: x\ninputs: {a: 1}\nsteps: [{id: a, uses: u}]\n', 'f');
    expect(result.ok).toBe(true);
    expect(result.warnings.map((warning) => [warning.code, warning.severity, warning.hint])).toEqual([
      ['FLOW_UNKNOWN_KEY', 'warning', 'flows have no inputs block; pass values with `stepyard run --var k=v` and read them as ${{ vars.k }}'],
    ]);
  });

  it('names the step in step_id for YAML and unknown-key problems inside it', () => {
    const result = loadFlowText('name: x\nsteps:\n  - id: g\n    steps:\n      - {id: c, uses: u, uses: v, colour: red}\n', 'f');
    expect(result.ok ? [] : result.errors.map((error) => [error.code, error.stepId])).toEqual([['FLOW_YAML_DUPLICATE_KEY', 'g.c']]);
    expect(result.warnings.map((warning) => [warning.code, warning.stepId])).toEqual([['FLOW_UNKNOWN_KEY', 'g.c']]);
  });

  it('suggests the key that was probably meant and stays silent for x- keys', () => {
    const result = loadFlowText('name: x\nx-anchors: {a: 1}\nsteps: [{id: a, uses: u, continue_on_eror: true}]\n', 'f');
    expect(result.warnings.map((warning) => [warning.instance, warning.hint])).toEqual([
      ['/steps/0/continue_on_eror', "did you mean 'continue_on_error'?"],
    ]);
  });
});
