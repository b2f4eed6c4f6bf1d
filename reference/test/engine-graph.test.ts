// Navigation and groups through the real engine and system.echo: next, visit caps, group children and outputs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunFlowOptions } from '../src/engine/run-flow.js';
import { runEngine } from './engine-support.js';

const projectRoot = mkdtempSync(path.join(tmpdir(), 'stepyard-engine-graph-'));

const run = (yaml: string, options: Partial<RunFlowOptions> = {}) => runEngine(yaml, { projectRoot, ...options });

describe('next and visits', () => {
  const cycle = (extra: string): string => `
name: cycle
steps:
  - id: count
    uses: system.echo
    with: { value: "\${{ visits.count }}" }
    next: "\${{ 'count' if visits.count < 3 else 'end' }}"${extra}
  - id: never
    uses: system.echo
`;

  it('jumps back, counts visits, and ends on a keyword', async () => {
    const { outcome, ids, output } = await run(cycle(''));
    expect(outcome.status).toBe('completed');
    expect(ids).toEqual(['count', 'count#2', 'count#3']);
    expect(output('count#3')).toBe(3);
  });

  it('a per-step max_visits fails the run before the extra visit', async () => {
    const { outcome, ids } = await run(cycle('\n    max_visits: 2'));
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('STEP_MAX_VISITS_EXCEEDED');
    expect(outcome.error?.message).toContain('max_visits=2');
    expect(ids).toEqual(['count', 'count#2']);
  });

  it('the global default caps steps without max_visits; 0 means unlimited', async () => {
    const capped = await run(cycle(''), { maxStepVisits: 2 });
    expect(capped.outcome.error?.code).toBe('STEP_MAX_VISITS_EXCEEDED');
    const unlimited = await run(cycle('\n    max_visits: 0'), { maxStepVisits: 1 });
    expect(unlimited.outcome.status).toBe('completed');
    expect(unlimited.ids).toHaveLength(3);
  });

  it('a mapping next and a case-insensitive target work', async () => {
    const { outcome, ids } = await run(`
name: mapping
steps:
  - id: a
    uses: system.echo
    next: { target: Last }
  - id: skipped
    uses: system.echo
  - id: last
    uses: system.echo
`);
    expect(outcome.status).toBe('completed');
    expect(ids).toEqual(['a', 'last']);
  });

  it('an unknown target fails the run with STEP_NEXT_UNKNOWN; the step stays completed', async () => {
    const { outcome, byId } = await run(`
name: unknown
steps:
  - id: a
    uses: system.echo
    next: "\${{ 'nowhere' }}"
  - id: b
    uses: system.echo
`);
    expect(outcome.error?.code).toBe('STEP_NEXT_UNKNOWN');
    expect(byId.a?.status).toBe('completed');
    expect(byId.b).toBeUndefined();
  });

  it('a next expression that raises fails the run cleanly', async () => {
    const { outcome } = await run(`
name: next-error
steps:
  - id: a
    uses: system.echo
    next: "\${{ missing.name }}"
`);
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toMatch(/^EXPR_/);
    expect(outcome.error?.instance).toBe('/steps/0/next');
  });
});

describe('groups', () => {
  it('children run in order and stay addressable after the group', async () => {
    const { outcome, ids, output } = await run(`
name: group
steps:
  - id: grp
    steps:
      - id: c1
        uses: system.echo
        with: { value: 10 }
      - id: c2
        uses: system.echo
        with: { value: "\${{ steps.grp.c1.output + 1 }}" }
  - id: after
    uses: system.echo
    with:
      value: ["\${{ steps.grp.c1.output }}", "\${{ steps['grp.c2'].output }}", "\${{ steps.grp.output.status }}"]
`);
    expect(outcome.status).toBe('completed');
    expect(ids).toEqual(['grp', 'grp.c1', 'grp.c2', 'after']);
    expect(output('after')).toEqual([10, 11, 'group_completed']);
  });

  it('a failing child fails the group and the run, naming the child', async () => {
    const { outcome, byId } = await run(`
name: group-fail
steps:
  - id: grp
    steps:
      - id: c1
        uses: system.echo
        with: { fail: true, message: boom }
      - id: c2
        uses: system.echo
  - id: after
    uses: system.echo
`);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'NODE_FAILED', message: 'boom', step_id: 'grp.c1' });
    expect(byId.grp?.status).toBe('failed');
    expect(byId['grp.c2']).toBeUndefined();
    expect(byId.after).toBeUndefined();
  });

  it('continue_on_error on the group lets the run go on with steps.grp.error', async () => {
    const { outcome, output } = await run(`
name: group-coe
steps:
  - id: grp
    continue_on_error: true
    steps:
      - id: c1
        uses: system.echo
        with: { fail: true, message: boom }
  - id: after
    uses: system.echo
    with: { value: "\${{ steps.grp.error }}" }
`);
    expect(outcome.status).toBe('completed');
    expect(output('after')).toBe('boom');
  });

  it('a falsy if on a group skips all its children', async () => {
    const { ids, byId } = await run(`
name: group-if
steps:
  - id: grp
    if: "false"
    steps:
      - id: c1
        uses: system.echo
`);
    expect(ids).toEqual(['grp']);
    expect(byId.grp?.status).toBe('skipped');
  });
});
