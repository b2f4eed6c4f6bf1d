import { describe, expect, it } from 'vitest';
import { loadFlowText } from './load.js';

function exprErrors(text: string) {
  const result = loadFlowText(text, 'f.yaml');
  const errors = result.ok ? [] : result.errors;
  return errors.map((error) => [error.code, error.instance, error.location?.line, error.location?.column]);
}

describe('expression checks', () => {
  it('accepts expressions that parse, in every evaluated field', () => {
    const text = [
      'name: x',
      'steps:',
      '  - id: a',
      '    uses: u',
      '    if: ${{ vars.get("go") == "yes" }}',
      '    loop: ["${{ 1 + 1 }}", b]',
      '    while: ${{ steps.a.output < 3 }}',
      '    next: ${{ "a" if visits.a < 2 else "end" }}',
      '    with: {cmd: "echo ${{ item }} and ${{ env.HOME }}", deep: [{k: "${{ [1, 2][0] }}"}]}',
    ].join('\n');
    expect(exprErrors(text)).toEqual([]);
  });

  it('reports each broken template at its pointer, located at the ${{', () => {
    const text = [
      'name: x',
      'steps:',
      '  - id: a',
      '    uses: u',
      '    if: ${{ 1 + }}',
      '    with:',
      '      cmd: echo ${{ ) }}',
      '      quoted: "ok ${{ (1 }}"',
      '      list: [fine, "${{ unterminated"]',
    ].join('\n');
    expect(exprErrors(text)).toEqual([
      ['EXPR_SYNTAX', '/steps/0/if', 5, 9],
      ['EXPR_SYNTAX', '/steps/0/with/cmd', 7, 17],
      ['EXPR_SYNTAX', '/steps/0/with/quoted', 8, 19],
      ['EXPR_SYNTAX', '/steps/0/with/list/1', 9, 21],
    ]);
  });

  it('does not check mapping keys, trigger settings, env or other literal fields', () => {
    const text = 'name: x\nenv: {A: "${{ ( }}"}\ntrigger: {uses: t, with: {k: "${{ ( }}"}}\nsteps:\n  - id: a\n    uses: u\n    with: {"${{ ( }}": 1}\n';
    expect(exprErrors(text)).toEqual([]);
  });

  it('checks group children and names them in step_id', () => {
    const result = loadFlowText('name: x\nsteps:\n  - id: g\n    steps:\n      - {id: c, uses: u, with: {v: "${{ ] }}"}}\n', 'f');
    expect(result.ok ? [] : result.errors.map((error) => [error.code, error.instance, error.stepId])).toEqual([
      ['EXPR_SYNTAX', '/steps/0/steps/0/with/v', 'g.c'],
    ]);
  });
});
