// Two real CLI processes deciding on the same waiting run at the same time: exactly one resumes it, the other
// exits 5 (RUN_STATE_CONFLICT), and the gated step runs once. Repeated, because races hide.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decideWait } from '../src/storage/decisions.js';
import { openStore } from '../src/storage/run-store.js';
import { cli, cliAsync, json, linesOf, makeProject, removeTempDir } from './approvals-support.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTempDir));

const gate = `
name: race
steps:
  - id: before
    uses: shell.run
    with: { command: "echo before >> ran.txt", shell: true }
  - id: gated
    uses: shell.run
    approval: true
    with: { command: "echo gated >> ran.txt", shell: true }
  - id: after
    uses: shell.run
    with: { command: "echo after >> ran.txt", shell: true }
`;

const ROUNDS = 4;

describe('double resume', () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => [i + 1]))('round %i: two approves race, one wins (0), one loses (5)', async () => {
    const root = makeProject({ race: gate });
    roots.push(root);
    const run = json(cli(root, ['run', 'race', '--json']));
    expect(run.status).toBe('waiting_for_approval');
    const results = await Promise.all([
      cliAsync(root, ['approve', run.run_id, '--json'], { STEPYARD_ACTOR: 'first' }),
      cliAsync(root, ['approve', run.run_id, '--json'], { STEPYARD_ACTOR: 'second' }),
    ]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 5]);
    const loser = results.find((r) => r.code === 5);
    expect(json(loser!).error).toMatchObject({ code: 'RUN_STATE_CONFLICT' });
    expect(json(results.find((r) => r.code === 0)!)).toMatchObject({ status: 'completed' });
    expect(linesOf(join(root, 'ran.txt'))).toEqual(['before', 'gated', 'after']);
    const shown = json(cli(root, ['show', run.run_id, '--json']));
    expect(shown.steps.gated).toMatchObject({ status: 'completed', attempts: 1, wait: { decision: 'approved' } });
    const store = openStore(root);
    try {
      expect(store.db.prepare('SELECT COUNT(*) FROM decisions WHERE run_id = ?').pluck().get(run.run_id)).toBe(1);
    } finally {
      store.close();
    }
  });

  it('approve racing reject: exactly one decision is recorded and acted on', async () => {
    const root = makeProject({ race: gate });
    roots.push(root);
    const run = json(cli(root, ['run', 'race', '--json']));
    const [approved, rejected] = await Promise.all([cliAsync(root, ['approve', run.run_id, '--json']), cliAsync(root, ['reject', run.run_id, '--json'])]);
    const codes = [approved.code, rejected.code];
    // approve wins: completed (0) and reject loses (5); reject wins: failed (1) and approve loses (5).
    expect([[0, 5], [5, 1]]).toContainEqual(codes);
    const ran = linesOf(join(root, 'ran.txt'));
    expect(ran).toEqual(codes[0] === 0 ? ['before', 'gated', 'after'] : ['before']);
  });

  it('decideWait on two connections: the second finds the run queued and changes nothing', () => {
    const root = makeProject({ race: gate });
    roots.push(root);
    const run = json(cli(root, ['run', 'race', '--json']));
    const a = openStore(root);
    const b = openStore(root);
    try {
      const request = { runId: run.run_id, execId: 'gated', expect: 'waiting_for_approval' as const, actor: null, comment: null, at: new Date().toISOString() };
      expect(decideWait(a, { ...request, decision: 'approved' }).wait?.decision).toBe('approved');
      expect(() => decideWait(b, { ...request, decision: 'rejected' })).toThrowError(expect.objectContaining({ code: 'RUN_STATE_CONFLICT' }) as Error);
      expect(b.listSteps(run.run_id).find((s) => s.execId === 'gated')?.wait?.decision).toBe('approved');
    } finally {
      a.close();
      b.close();
    }
  });
});
