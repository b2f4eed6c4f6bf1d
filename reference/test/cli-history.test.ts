// History commands end to end: status, runs, show, logs, inspect, clear, retention (spec: cli.history and below).
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, runStepyard, validateAgainstSpecSchema } from './cli-support.js';
import { FAILING_FLOW, listRuns, makeProject, parseJson, startStepyard, waitFor } from './cli-run-support.js';

const NAMED_FLOW = 'name: Nightly Backup\ndescription: copies things\nsteps:\n  - id: copy\n    uses: system.echo\n    with: {value: copied}\n';

// One project with history shared by the read-only tests: hello twice, the failing flow once, the named flow once.
let root: string;
let ids: { hello: string[]; fail: string; nightly: string };
beforeAll(() => {
  root = makeProject({ 'flows/fail.yaml': FAILING_FLOW, 'flows/nightly.yml': NAMED_FLOW, 'flows/broken.yaml': 'name: broken\nsteps: 3\n' });
  const run = (flow: string): string => parseJson(runStepyard(['run', flow, '--json'], root)).run_id as string;
  ids = { hello: [run('hello'), run('hello')], fail: run('fail'), nightly: run('nightly') };
});
afterAll(() => removeTempDir(root));

describe('stepyard status', () => {
  it('lists every flow file with its last run, also from a sub-directory', () => {
    const sub = join(root, 'flows');
    for (const cwd of [root, sub]) {
      const result = runStepyard(['status', '--json'], cwd);
      expect(result.code).toBe(0);
      const status = parseJson(result);
      expect(validateAgainstSpecSchema('status-result.schema.json', status)).toEqual([]);
      const flows = status.flows as { flow: string; state: string; valid: boolean | null; last_run: { run_id: string } | null; description: string | null }[];
      expect(flows.map((f) => [f.flow, f.state, f.last_run?.run_id ?? null])).toEqual([
        ['broken', 'invalid', null],
        ['failing', 'failed', ids.fail],
        ['hello', 'completed', ids.hello[1]],
        ['Nightly Backup', 'completed', ids.nightly],
      ]);
      expect(flows[3]?.description).toBe('copies things');
    }
    const human = runStepyard(['status'], join(root, 'flows'));
    expect(human.stdout).toMatch(/hello\s+completed\s+run-/);
    expect(human.stdout).not.toContain('missing');
  });
});

describe('stepyard runs', () => {
  it('lists runs newest first and filters by flow (stem or name), status and limit', () => {
    const all = listRuns(root);
    expect(all.map((r) => r.run_id)).toEqual([ids.nightly, ids.fail, ids.hello[1], ids.hello[0]]);
    expect(listRuns(root, ['--flow', 'nightly']).map((r) => r.flow)).toEqual(['Nightly Backup']);
    expect(listRuns(root, ['--flow', 'Nightly Backup']).map((r) => r.run_id)).toEqual([ids.nightly]);
    expect(listRuns(root, ['--status', 'failed']).map((r) => r.run_id)).toEqual([ids.fail]);
    const limited = parseJson(runStepyard(['runs', '--json', '--limit', '1'], root));
    expect(validateAgainstSpecSchema('run-list.schema.json', limited)).toEqual([]);
    expect((limited.runs as unknown[]).length).toBe(1);
    expect(runStepyard(['runs', '--status', 'done'], root).code).toBe(2);
    expect(runStepyard(['runs', '--limit', 'x'], root).code).toBe(2);
  });
});

describe('stepyard show', () => {
  it('shows the latest run by default and accepts a unique prefix', () => {
    expect(parseJson(runStepyard(['show', '--json'], root)).run_id).toBe(ids.nightly);
    const prefix = ids.fail.slice(0, ids.fail.length - 3);
    const byPrefix = parseJson(runStepyard(['show', prefix, '--json'], root));
    expect(byPrefix).toMatchObject({ run_id: ids.fail, status: 'failed', error: { code: 'NODE_FAILED', step_id: 'boom' } });
    const human = runStepyard(['show', ids.fail], root);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/boom\s+failed\s+\d+ ms\s+1/);
    expect(human.stdout).toContain('inputs: {"fail":true,"message":"it broke","error_code":"NODE_FAILED"}');
    expect(human.stdout).toContain('error:  NODE_FAILED: it broke');
  });

  it('exits 4 with RUN_NOT_FOUND for an unknown run and 2 for an ambiguous prefix', () => {
    const unknown = runStepyard(['show', 'run-nope', '--json'], root);
    expect(unknown.code).toBe(4);
    expect(parseJson(unknown)).toMatchObject({ ok: false, error: { code: 'RUN_NOT_FOUND' } });
    expect(runStepyard(['show', 'run-'], root).code).toBe(2);
  });
});

describe('stepyard logs', () => {
  it("prints the latest run's log, a flow's latest run, and the last N lines", () => {
    const latest = runStepyard(['logs'], root);
    expect(latest.code).toBe(0);
    expect(latest.stdout).toContain(`Starting flow 'Nightly Backup' (run ${ids.nightly}`);
    const ofFlow = parseJson(runStepyard(['logs', 'fail', '--json'], root));
    expect(validateAgainstSpecSchema('logs-result.schema.json', ofFlow)).toEqual([]);
    expect(ofFlow).toMatchObject({ run_id: ids.fail, flow: 'failing', status: 'failed' });
    const lines = ofFlow.lines as string[];
    expect(lines.some((line) => line.includes('it broke'))).toBe(true);
    const lastTwo = parseJson(runStepyard(['logs', ids.fail, '-n', '2', '--json'], root));
    expect(lastTwo.lines).toEqual(lines.slice(-2));
    expect(runStepyard(['logs', 'no-such-thing'], root).code).toBe(4);
  });

  it('--search finds lines case-insensitively in every run log, or in one run', () => {
    const everywhere = parseJson(runStepyard(['logs', '--search', 'HELLO FROM', '--json'], root));
    expect(validateAgainstSpecSchema('logs-result.schema.json', everywhere)).toEqual([]);
    const matches = everywhere.matches as { run_id: string; line: number; text: string }[];
    expect(matches.map((m) => m.run_id).sort()).toEqual([...ids.hello].sort());
    expect(matches[0]?.text).toContain('Hello from Stepyard!');
    expect(matches[0]?.line).toBeGreaterThan(1);
    const one = runStepyard(['logs', ids.hello[0] as string, '--search', 'hello from'], root);
    expect(one.stdout.trim().split('\n')).toHaveLength(1);
    expect(one.stdout).toMatch(new RegExp(`^${ids.hello[0]}:\\d+ {2}.*Hello from Stepyard!`));
    expect(runStepyard(['logs', '--search', 'zzz-nothing'], root).stdout).toBe("No matches for 'zzz-nothing'.\n");
    expect(runStepyard(['logs', '-f', '--json'], root).code).toBe(2);
  });

  it('--follow of a finished run prints its log and returns', () => {
    const follow = runStepyard(['logs', ids.fail, '-f'], root);
    expect(follow.code).toBe(0);
    expect(follow.stdout).toContain('it broke');
  });
});

describe('stepyard logs --follow', () => {
  it('prints the lines of a running run as they come and returns when the run ends', async () => {
    const ticks = 'name: ticks\nsteps:\n  - id: tick\n    uses: shell.run\n    with: {command: "for i in 1 2 3; do echo tick $i; sleep 0.4; done", shell: true}\n';
    const project = makeProject({ 'flows/ticks.yaml': ticks });
    try {
      const run = startStepyard(['run', 'ticks'], project);
      await waitFor(() => (listRuns(project).some((r) => r.status === 'running') ? true : undefined), 20_000, 'a running run');
      const follow = startStepyard(['logs', 'ticks', '-f'], project);
      expect(await follow.exited).toBe(0);
      expect(follow.stdout()).toMatch(/tick 1[\s\S]*tick 3[\s\S]*completed/);
      expect(await run.exited).toBe(0);
    } finally {
      removeTempDir(project);
    }
  });
});

describe('stepyard inspect', () => {
  it('prints the flow with line numbers and its steps, from a sub-directory', () => {
    const result = runStepyard(['inspect', 'hello'], join(root, 'flows'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^hello\.yaml\n {2}1 │ # An example flow/);
    expect(result.stdout).toContain('greet  shell.run');
    const json = parseJson(runStepyard(['inspect', 'Nightly Backup', '--json'], root));
    expect(validateAgainstSpecSchema('inspect-result.schema.json', json)).toEqual([]);
    expect(json).toMatchObject({ ok: true, flow: 'Nightly Backup', file: 'flows/nightly.yml', steps: [{ id: 'copy', uses: 'system.echo', with: { value: 'copied' } }] });
  });

  it('exits 3 with the problems of an invalid flow and 4 for an unknown one', () => {
    const invalid = runStepyard(['inspect', 'broken', '--json'], root);
    expect(invalid.code).toBe(3);
    const json = parseJson(invalid);
    expect(validateAgainstSpecSchema('inspect-result.schema.json', json)).toEqual([]);
    expect(json).toMatchObject({ ok: false, valid: false, error: { code: 'FLOW_SCHEMA_INVALID' } });
    expect(runStepyard(['inspect', 'nope'], root).code).toBe(4);
  });
});

describe('outside a project and in a fresh one', () => {
  it('history commands fail with PROJECT_NOT_FOUND outside a project and create nothing', () => {
    const dir = makeTempDir('stepyard-nowhere-');
    try {
      for (const args of [['status'], ['runs'], ['show'], ['logs'], ['clear', '--force'], ['inspect', 'hello']]) {
        const result = runStepyard([...args, '--json'], dir);
        expect([args[0], result.code]).toEqual([args[0], 4]);
        expect(parseJson(result)).toMatchObject({ ok: false, error: { code: 'PROJECT_NOT_FOUND' } });
      }
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      removeTempDir(dir);
    }
  });

  it('reading the history of a project without runs creates no state store', () => {
    const fresh = makeProject();
    try {
      mkdirSync(join(fresh, 'sub'));
      expect(parseJson(runStepyard(['status', '--json'], join(fresh, 'sub')))).toMatchObject({ flows: [{ flow: 'hello', state: 'ready', last_run: null }] });
      expect(parseJson(runStepyard(['runs', '--json'], fresh))).toEqual({ ok: true, runs: [] });
      expect(runStepyard(['show'], fresh).code).toBe(4);
      expect(runStepyard(['logs'], fresh).code).toBe(4);
      expect(existsSync(join(fresh, '.stepyard', 'stepyard.db'))).toBe(false);
    } finally {
      removeTempDir(fresh);
    }
  });
});
