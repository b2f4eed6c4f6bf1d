// `stepyard clear` and retention (spec: cli.clear, cli.retention).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDir, runStepyard, validateAgainstSpecSchema } from './cli-support.js';
import { FAILING_FLOW, NAP_FLOW, killQuietly, listRuns, makeProject, parseJson, startStepyard, waitFor } from './cli-run-support.js';

const roots: string[] = [];
const pids: (number | undefined)[] = [];
afterEach(() => {
  for (const pid of pids.splice(0)) killQuietly(pid);
  for (const root of roots.splice(0)) removeTempDir(root);
});
function project(files: Record<string, string> = {}): string {
  const root = makeProject(files);
  roots.push(root);
  return root;
}
const runJson = (root: string, flow: string, env: Record<string, string> = {}): { run_id: string } =>
  parseJson(runStepyard(['run', flow, '--json'], root, env)) as { run_id: string };
const logOf = (root: string, flow: string, runId: string): string => join(root, '.stepyard', 'logs', 'runs', flow, `${runId}.log`);

describe('stepyard clear', () => {
  it('deletes finished runs with their logs but never a running one', async () => {
    const root = project({ 'flows/nap.yaml': NAP_FLOW, 'flows/fail.yaml': FAILING_FLOW });
    const done = runJson(root, 'hello');
    const failed = runJson(root, 'fail');
    expect(existsSync(logOf(root, 'hello', done.run_id))).toBe(true);
    const cli = startStepyard(['run', 'nap'], root);
    pids.push(cli.child.pid);
    const running = await waitFor(() => listRuns(root).find((run) => run.status === 'running'), 20_000, 'a running run');
    pids.push(running.pid ?? undefined);
    const result = runStepyard(['clear', '--force', '--json'], root);
    expect(result.code).toBe(0);
    const cleared = parseJson(result);
    expect(validateAgainstSpecSchema('clear-result.schema.json', cleared)).toEqual([]);
    expect(cleared).toMatchObject({ ok: true, deleted: 2, active_kept: 1 });
    expect((cleared.run_ids as string[]).sort()).toEqual([done.run_id, failed.run_id].sort());
    expect(listRuns(root).map((run) => [run.run_id, run.status])).toEqual([[running.run_id, 'running']]);
    expect(existsSync(logOf(root, 'hello', done.run_id))).toBe(false);
    expect(existsSync(logOf(root, 'nap', running.run_id))).toBe(true);
  });

  it('--flow and --keep limit what is deleted; without --force off a terminal nothing is deleted', () => {
    const root = project({ 'flows/fail.yaml': FAILING_FLOW });
    const hellos = [runJson(root, 'hello'), runJson(root, 'hello'), runJson(root, 'hello')];
    const failed = runJson(root, 'fail');
    const refused = runStepyard(['clear'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^CLI_USAGE /);
    expect(listRuns(root)).toHaveLength(4);
    expect(parseJson(runStepyard(['clear', '--flow', 'hello', '--keep', '1', '--force', '--json'], root))).toMatchObject({ deleted: 2 });
    expect(listRuns(root).map((run) => run.run_id)).toEqual([failed.run_id, hellos[2]?.run_id]);
    const human = runStepyard(['clear', '--force'], root);
    expect(human.stdout).toBe('Deleted 2 runs and their logs.\n');
    expect(listRuns(root)).toEqual([]);
  });
});

describe('retention', () => {
  it('keeps the newest STEPYARD_KEEP_RUNS finished runs of each flow after each run', () => {
    const root = project({ 'flows/fail.yaml': FAILING_FLOW });
    const env = { STEPYARD_KEEP_RUNS: '2' };
    const failed = runJson(root, 'fail', env);
    const hellos = [runJson(root, 'hello', env), runJson(root, 'hello', env), runJson(root, 'hello', env)];
    expect(listRuns(root).map((run) => run.run_id)).toEqual([hellos[2]?.run_id, hellos[1]?.run_id, failed.run_id]);
    expect(existsSync(logOf(root, 'hello', hellos[0]?.run_id as string))).toBe(false);
    runJson(root, 'hello', { STEPYARD_KEEP_RUNS: '0' });
    expect(listRuns(root)).toHaveLength(4);
  });
});
