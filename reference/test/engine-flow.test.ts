// Control flow through the real engine, in-process invoker and system.echo: ordering, if, loop, while.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunFlowOptions } from '../src/engine/run-flow.js';
import { runEngine } from './engine-support.js';

const projectRoot = mkdtempSync(path.join(tmpdir(), 'stepyard-engine-flow-'));

const run = (yaml: string, options: Partial<RunFlowOptions> = {}) => runEngine(yaml, { projectRoot, ...options });

describe('ordering', () => {
  it('runs top-level steps in list order and passes outputs forward', async () => {
    const { outcome, ids, output, events } = await run(`
name: order
steps:
  - id: a
    uses: system.echo
    with: { value: 1 }
  - id: b
    uses: system.echo
    with: { value: "\${{ steps.a.output + 1 }}" }
`);
    expect(outcome).toMatchObject({ status: 'completed', error: null });
    expect(ids).toEqual(['a', 'b']);
    expect(output('b')).toBe(2);
    expect(events.map((e) => e.type)).toEqual([
      'run.started',
      'step.started',
      'step.completed',
      'step.started',
      'step.completed',
      'run.completed',
    ]);
  });
});

describe('if', () => {
  it('skips a falsy step, ignoring its next', async () => {
    const { outcome, ids, byId, events } = await run(`
name: if
steps:
  - id: a
    uses: system.echo
    if: "\${{ 1 > 2 }}"
    next: c
  - id: b
    uses: system.echo
    if: "no"
  - id: c
    uses: system.echo
    with: { value: c }
`);
    expect(outcome.status).toBe('completed');
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(byId.a?.status).toBe('skipped');
    expect(byId.b?.status).toBe('skipped');
    expect(events.filter((e) => e.type === 'step.skipped')).toHaveLength(2);
  });

  it.each([
    ['"no"', false],
    ['"None"', false],
    ['"FALSE"', false],
    ['"0"', false],
    ['"${{ [] }}"', false],
    ['"${{ \'False\' }}"', false],
    ['"${{ 0.0 }}"', false],
    ['"${{ {} }}"', false],
    ['"off"', true],
    ['"null"', true],
    ['"${{ [0] }}"', true],
    ['""', true],
  ])('if: %s runs the step: %s', async (condition, runs) => {
    const { byId } = await run(`
name: truthiness
steps:
  - id: a
    uses: system.echo
    if: ${condition}
`);
    expect(byId.a?.status).toBe(runs ? 'completed' : 'skipped');
  });

  it('an if that cannot be evaluated fails the run even with continue_on_error', async () => {
    const { outcome, byId } = await run(`
name: if-error
steps:
  - id: a
    uses: system.echo
    if: "\${{ nope.x }}"
    continue_on_error: true
  - id: b
    uses: system.echo
`);
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toMatch(/^EXPR_/);
    expect(outcome.error?.instance).toBe('/steps/0/if');
    expect(byId.a?.status).toBe('failed');
    expect(byId.b).toBeUndefined();
  });
});

describe('loop', () => {
  it('iterates with item and a 0-based index; output is the list of iteration outputs', async () => {
    const { outcome, ids, output } = await run(`
name: loop
steps:
  - id: l
    uses: system.echo
    loop: [a, b, c]
    with: { value: "\${{ item }}-\${{ index }}" }
  - id: after
    uses: system.echo
    with: { value: "\${{ steps.l.output[2] }}" }
`);
    expect(outcome.status).toBe('completed');
    expect(ids).toEqual(['l', 'l[1]', 'l[2]', 'l[3]', 'after']);
    expect(output('l')).toEqual(['a-0', 'b-1', 'c-2']);
    expect(output('after')).toBe('c-2');
  });

  it('nested loops keep their own item; siblings see the outer item again', async () => {
    const { outcome, output, byId } = await run(`
name: nested
steps:
  - id: outer
    loop: [x, y]
    steps:
      - id: inner
        uses: system.echo
        loop: [1, 2]
        with: { value: "\${{ item }}" }
      - id: after
        uses: system.echo
        with: { value: "\${{ item }}-\${{ index }}" }
`);
    expect(outcome.status).toBe('completed');
    expect(output('outer[1].inner')).toEqual([1, 2]);
    expect(output('outer[1].after')).toBe('x-0');
    expect(output('outer[2].after')).toBe('y-1');
    expect(byId['outer[1]']?.status).toBe('completed');
    expect(byId['outer[2]']?.status).toBe('completed');
    expect(output('outer')).toEqual([{ status: 'group_completed' }, { status: 'group_completed' }]);
  });

  it('an empty loop is skipped and its next ignored', async () => {
    const { outcome, byId, ids } = await run(`
name: empty
steps:
  - id: l
    uses: system.echo
    loop: "\${{ [] }}"
    next: end
  - id: b
    uses: system.echo
`);
    expect(outcome.status).toBe('completed');
    expect(byId.l?.status).toBe('skipped');
    expect(ids).toEqual(['l', 'b']);
  });
});

describe('while', () => {
  it('reads its own previous output', async () => {
    const { outcome, output, ids } = await run(`
name: while
steps:
  - id: w
    uses: system.echo
    while: "\${{ (steps.w.output or 0) < 3 }}"
    with: { value: "\${{ (steps.w.output or 0) + 1 }}" }
`);
    expect(outcome.status).toBe('completed');
    expect(output('w')).toEqual([1, 2, 3]);
    expect(ids).toEqual(['w', 'w[1]', 'w[2]', 'w[3]']);
  });

  it('while false runs zero iterations and completes with []', async () => {
    const { outcome, output } = await run(`
name: while-false
steps:
  - id: w
    uses: system.echo
    while: false
`);
    expect(outcome.status).toBe('completed');
    expect(output('w')).toEqual([]);
  });

  it('is capped by max_visits', async () => {
    const { outcome, ids } = await run(`
name: while-cap
steps:
  - id: w
    uses: system.echo
    while: true
    max_visits: 3
    continue_on_error: true
`);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'STEP_MAX_VISITS_EXCEEDED' });
    expect(outcome.error?.message).toContain("'w'");
    expect(ids).toEqual(['w', 'w[1]', 'w[2]', 'w[3]']);
  });

  it('is capped by the global limit', async () => {
    const { outcome, ids } = await run(
      `
name: while-global
steps:
  - id: w
    uses: system.echo
    while: true
`,
      { maxStepVisits: 4 },
    );
    expect(outcome.error?.code).toBe('STEP_MAX_VISITS_EXCEEDED');
    expect(ids).toHaveLength(5);
  });
});
