import { describe, expect, it } from 'vitest';
import { toProblem } from '../errors/to-problem.js';
import { loadFlowText, type LoadOptions } from './load.js';

function problems(text: string, options: LoadOptions = {}) {
  const result = loadFlowText(text, 'f.yaml', options);
  const errors = result.ok ? [] : result.errors;
  const pick = (error: (typeof errors)[number]) => ({ code: error.code, instance: error.instance, line: error.location?.line, severity: error.severity });
  return { errors: errors.map(pick), warnings: result.warnings.map(pick), hints: [...errors, ...result.warnings].map((error) => error.hint) };
}

const steps = (...lines: string[]) => `name: x\nsteps:\n${lines.join('\n')}\n`;

describe('step lists and kinds', () => {
  it('rejects an empty top-level steps list', () => {
    expect(problems('name: x\nsteps: []\n').errors).toEqual([{ code: 'FLOW_NO_STEPS', instance: '/steps', line: 2, severity: 'error' }]);
  });

  it('warns about an empty group but accepts it (D-FLOW-9)', () => {
    const result = loadFlowText(steps('  - id: g', '    steps: []'), 'f.yaml');
    expect(result.ok).toBe(true);
    expect(result.warnings.map((warning) => [warning.code, warning.instance])).toEqual([['FLOW_NO_STEPS', '/steps/0/steps']]);
  });

  it('needs exactly one of uses and steps, at every depth', () => {
    expect(problems(steps('  - id: a', '  - id: b', '    uses: u', '    steps: [{id: c}]')).errors).toEqual([
      { code: 'FLOW_STEP_KIND', instance: '/steps/0', line: 3, severity: 'error' },
      { code: 'FLOW_STEP_KIND', instance: '/steps/1', line: 4, severity: 'error' },
      { code: 'FLOW_STEP_KIND', instance: '/steps/1/steps/0', line: 6, severity: 'error' },
    ]);
  });

  it('treats uses: null as absent, as the original did', () => {
    expect(problems(steps('  - id: g', '    uses:', '    steps: [{id: c, uses: u}]')).errors).toEqual([]);
  });
});

describe('step ids', () => {
  it('rejects duplicate ids among siblings at every depth, pointing at the later one', () => {
    const result = problems(steps('  - {id: a, uses: u}', '  - {id: a, uses: u}', '  - id: g', '    steps: [{id: c, uses: u}, {id: c, uses: u}, {id: a, uses: u}]'));
    expect(result.errors).toEqual([
      { code: 'FLOW_DUPLICATE_STEP_ID', instance: '/steps/1/id', line: 4, severity: 'error' },
      { code: 'FLOW_DUPLICATE_STEP_ID', instance: '/steps/2/steps/1/id', line: 6, severity: 'error' },
    ]);
    expect(result.hints[0]).toContain('line 3');
  });

  it('rejects ids that break run record ids', () => {
    const result = loadFlowText(steps('  - {id: a.b, uses: u}', '  - {id: "a#2", uses: u}', '  - {id: "l[1]", uses: u}', '  - {id: "", uses: u}', '  - {id: ok-id_1 x, uses: u}'), 'f');
    expect(result.ok ? [] : result.errors.map((error) => [error.code, error.instance])).toEqual([
      ['FLOW_STEP_ID_INVALID', '/steps/0/id'],
      ['FLOW_STEP_ID_INVALID', '/steps/1/id'],
      ['FLOW_STEP_ID_INVALID', '/steps/2/id'],
      ['FLOW_STEP_ID_INVALID', '/steps/3/id'],
    ]);
  });

  it('names the step in step_id, dotted for group children', () => {
    const result = loadFlowText(steps('  - id: g', '    steps:', '      - {id: c, uses: u, max_visits: -1}'), 'f');
    expect(result.ok ? [] : result.errors.map(toProblem)).toMatchObject([{ code: 'FLOW_MAX_VISITS_INVALID', step_id: 'g.c', instance: '/steps/0/steps/0/max_visits' }]);
  });
});

describe('next targets', () => {
  it('accepts step ids, keywords in any case and templates', () => {
    const text = steps(
      '  - {id: a, uses: u, next: b}',
      '  - {id: b, uses: u, next: "  Continue "}',
      '  - {id: c, uses: u, next: DONE}',
      '  - {id: d, uses: u, next: __END__}',
      '  - {id: e, uses: u, next: "${{ steps.a.output }}"}',
      '  - {id: f, uses: u, next: {target: a}}',
      '  - {id: h, uses: u, next: {step: "", id: b}}',
      '  - {id: i, uses: u, next: ""}',
    );
    expect(problems(text)).toMatchObject({ errors: [], warnings: [] });
  });

  it('reports an unknown target with the existing ids and a suggestion', () => {
    const result = problems(steps('  - {id: build, uses: u, next: biuld}', '  - {id: test, uses: u, next: {target: nowhere}}'));
    expect(result.errors).toEqual([
      { code: 'FLOW_UNKNOWN_STEP_REF', instance: '/steps/0/next', line: 3, severity: 'error' },
      { code: 'FLOW_UNKNOWN_STEP_REF', instance: '/steps/1/next/target', line: 4, severity: 'error' },
    ]);
    expect(result.hints[0]).toBe("did you mean 'build'? existing steps: build, test; keywords: next, continue, end");
  });

  it('explains that group children cannot be targets', () => {
    const result = problems(steps('  - {id: a, uses: u, next: inner}', '  - id: g', '    steps: [{id: inner, uses: u}]'));
    expect(result.errors.map((error) => error.code)).toEqual(['FLOW_UNKNOWN_STEP_REF']);
    expect(result.hints[0]).toContain("'inner' is inside a group");
  });

  it('keeps the case-insensitive fallback, with a warning', () => {
    const result = loadFlowText(steps('  - {id: a, uses: u, next: Build}', '  - {id: build, uses: u}'), 'f');
    expect(result.ok).toBe(true);
    expect(result.warnings.map((warning) => [warning.code, warning.instance, warning.hint])).toEqual([
      ['FLOW_UNKNOWN_STEP_REF', '/steps/0/next', 'write next: build'],
    ]);
  });

  it('warns when an end keyword shadows a step of that name', () => {
    const result = loadFlowText(steps('  - {id: a, uses: u, next: done}', '  - {id: done, uses: u}'), 'f');
    expect(result.ok && result.warnings.map((warning) => warning.code)).toEqual(['FLOW_UNKNOWN_STEP_REF']);
  });

  it('warns that next on a group child is ignored, and does not check its target', () => {
    const result = loadFlowText(steps('  - id: g', '    steps:', '      - {id: c, uses: u, next: nowhere}'), 'f');
    expect(result.ok && result.warnings.map((warning) => [warning.code, warning.instance, warning.location?.line, warning.location?.column])).toEqual([
      ['FLOW_UNKNOWN_KEY', '/steps/0/steps/0/next', 5, 26],
    ]);
  });
});

describe('node names', () => {
  it('are not checked without knownNodes', () => {
    expect(problems(steps('  - {id: a, uses: anything.at-all}')).errors).toEqual([]);
  });

  it('are checked at every depth with knownNodes, with up to three suggestions', () => {
    const known = ['shell.run', 'file.read', 'file.write', 'file.list'];
    const result = problems(steps('  - {id: a, uses: shell.runn}', '  - id: g', '    steps: [{id: c, uses: file.reed}, {id: d, uses: zzz}]'), { knownNodes: known });
    expect(result.errors).toEqual([
      { code: 'FLOW_UNKNOWN_NODE', instance: '/steps/0/uses', line: 3, severity: 'error' },
      { code: 'FLOW_UNKNOWN_NODE', instance: '/steps/1/steps/0/uses', line: 5, severity: 'error' },
      { code: 'FLOW_UNKNOWN_NODE', instance: '/steps/1/steps/1/uses', line: 5, severity: 'error' },
    ]);
    expect(result.hints).toEqual([
      "did you mean 'shell.run'?",
      "did you mean 'file.read', 'file.write' or 'file.list'?",
      'install the plugin that provides it (stepyard plugin list shows the nodes there are)',
    ]);
  });
});
