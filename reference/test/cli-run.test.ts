// `stepyard run` end to end: the BUILT CLI in temp projects made with `stepyard init` (spec: cli.run, cli.run-result).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, makeTempDir, removeTempDir, runStepyard, validateAgainstSpecSchema } from './cli-support.js';
import { FAILING_FLOW, SLOW_FLOW, listRuns, makeProject, parseJson, startStepyard, waitFor } from './cli-run-support.js';

const roots: string[] = [];
function project(files: Record<string, string> = {}): string {
  const root = makeProject(files);
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) removeTempDir(root);
});

interface RunJson {
  ok: boolean;
  run_id: string;
  status: string;
  flow: string;
  flow_file: string;
  vars: Record<string, unknown>;
  error: { code: string; message: string; step_id?: string } | null;
  step_order: string[];
  steps: Record<string, { id: string; status: string; attempts: number; inputs: unknown; output: unknown; error: { code: string } | null }>;
}

describe('stepyard run', () => {
  it('runs hello: exit 0, progress on stdout, and show --json lists its steps with outputs', () => {
    const root = project();
    const run = runStepyard(['run', 'hello'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ greet');
    expect(run.stdout).toContain('greet │ Hello from Stepyard!');
    expect(run.stdout).toMatch(/✓ hello completed in .* \(run run-\d{8}_\d{6}-[0-9a-f]{6}\)/);
    const show = runStepyard(['show', '--json'], root);
    expect(show.code).toBe(0);
    const result = parseJson(show) as unknown as RunJson;
    expect(validateAgainstSpecSchema('run-result.schema.json', result)).toEqual([]);
    expect(result).toMatchObject({ ok: true, status: 'completed', flow: 'hello', flow_file: 'flows/hello.yaml', step_order: ['greet'] });
    expect(result.steps.greet).toMatchObject({
      id: 'greet',
      status: 'completed',
      attempts: 1,
      inputs: { command: 'echo "Hello from Stepyard!"' },
      output: { stdout: 'Hello from Stepyard!', stderr: '', code: 0 },
      error: null,
    });
  });

  it('--json prints one run result that validates against run-result.schema.json', () => {
    const root = project({ 'flows/fail.yaml': FAILING_FLOW });
    const ok = runStepyard(['run', 'hello', '--json'], root);
    expect(ok.code).toBe(0);
    expect(validateAgainstSpecSchema('run-result.schema.json', parseJson(ok))).toEqual([]);
    const failed = runStepyard(['run', 'fail', '--json'], root);
    expect(failed.code).toBe(1);
    const result = parseJson(failed) as unknown as RunJson;
    expect(validateAgainstSpecSchema('run-result.schema.json', result)).toEqual([]);
    expect(result).toMatchObject({ ok: false, status: 'failed', flow: 'failing', error: { code: 'NODE_FAILED', message: 'it broke', step_id: 'boom' } });
    expect(result.step_order).toEqual(['ok', 'boom']);
    expect(result.steps.boom).toMatchObject({ status: 'failed', error: { code: 'NODE_FAILED', message: 'it broke' } });
    expect(Object.keys(result.steps)).toEqual(['ok', 'boom']);
  });

  it('a failing flow exits 1 and says where to look', () => {
    const root = project({ 'flows/fail.yaml': FAILING_FLOW });
    const run = runStepyard(['run', 'fail'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ boom');
    expect(run.stdout).toMatch(/✗ failing failed after .*\n {2}NODE_FAILED in step 'boom': it broke\n/);
    expect(run.stdout).toMatch(/stepyard show run-/);
  });

  it('an invalid flow exits 3, prints every problem with code and location, and records no run', () => {
    const root = project({ 'flows/bad.yaml': 'name: bad\nsteps:\n  - id: a\n    uses: no.such.node\n  - id: a\n    uses: system.echo\n' });
    const run = runStepyard(['run', 'bad'], root);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('FLOW_UNKNOWN_NODE flows/bad.yaml:4:11');
    expect(run.stderr).toContain('FLOW_DUPLICATE_STEP_ID flows/bad.yaml:5:9');
    const json = runStepyard(['run', 'bad', '--json'], root);
    expect(json.code).toBe(3);
    const failure = parseJson(json);
    expect(validateAgainstSpecSchema('run-result.schema.json', failure)).toEqual([]);
    expect(failure).toMatchObject({ ok: false, error: { code: 'FLOW_UNKNOWN_NODE', file: 'flows/bad.yaml', line: 4 } });
    expect((failure.errors as { code: string }[]).map((e) => e.code)).toEqual(['FLOW_UNKNOWN_NODE', 'FLOW_DUPLICATE_STEP_ID']);
    expect(listRuns(root)).toEqual([]);
    const logs = join(root, '.stepyard', 'logs', 'runs');
    const leftovers = existsSync(logs) ? readdirSync(logs, { recursive: true }).filter((name) => String(name).endsWith('.log')) : [];
    expect(leftovers).toEqual([]);
  });

  it('an unknown flow exits 4 with FLOW_NOT_FOUND; a file with another extension never matches', () => {
    const root = project({ 'flows/other.bak': 'name: other\nsteps:\n  - {id: a, uses: system.echo}\n' });
    const run = runStepyard(['run', 'nope'], root);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^FLOW_NOT_FOUND /);
    expect(runStepyard(['run', 'other'], root).code).toBe(4);
    const json = parseJson(runStepyard(['run', 'nope', '--json'], root));
    expect(json).toMatchObject({ ok: false, error: { code: 'FLOW_NOT_FOUND' } });
  });

  it('resolves a flow by its name: value, and fails outside a project creating nothing', () => {
    const root = project({ 'flows/nightly-file.yml': 'name: Nightly Backup\nsteps:\n  - {id: a, uses: system.echo, with: {value: 1}}\n' });
    const run = parseJson(runStepyard(['run', 'Nightly Backup', '--json'], root));
    expect(run).toMatchObject({ status: 'completed', flow: 'Nightly Backup', flow_file: 'flows/nightly-file.yml' });
    const elsewhere = makeTempDir('stepyard-outside-');
    roots.push(elsewhere);
    const result = runStepyard(['run', 'hello'], elsewhere);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^PROJECT_NOT_FOUND/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('--events prints NDJSON engine events in order, each with a snake_case run_id', () => {
    const root = project({ 'flows/fail.yaml': FAILING_FLOW });
    const run = runStepyard(['run', 'fail', '--events'], root);
    expect(run.code).toBe(1);
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; run_id: string; exec_id?: string });
    expect(events.map((e) => (e.exec_id === undefined ? e.type : `${e.type} ${e.exec_id}`))).toEqual([
      'run.started',
      'step.started ok',
      'step.completed ok',
      'step.started boom',
      'step.failed boom',
      'run.failed',
    ]);
    expect(new Set(events.map((e) => e.run_id)).size).toBe(1);
    for (const event of events) expect(validateAgainstSpecSchema('event.schema.json', event)).toEqual([]);
    expect(runStepyard(['run', 'fail', '--events', '--json'], root).code).toBe(2);
  });

  it('--var wins over --env-file; a bare --var is true; later env files override earlier ones', () => {
    const flow = 'name: vars\nsteps:\n  - id: show\n    uses: system.echo\n    with: {value: "${{ vars }}"}\n';
    const root = project({ 'flows/vars.yaml': flow, 'a.env': 'A=from-a\nB=from-a\nC="quoted"\n', 'b.env': 'B=from-b\n' });
    const run = runStepyard(['run', 'vars', '--json', '--env-file', 'a.env', '--env-file', 'b.env', '--var', 'A=cli=1', '--var', 'flag', '--var', ' sp = x '], root);
    expect(run.code).toBe(0);
    const result = parseJson(run) as unknown as RunJson;
    expect(result.steps.show?.output).toEqual({ A: 'cli=1', B: 'from-b', C: 'quoted', flag: true, ' sp ': ' x ' });
    // A missing --env-file is a usage error and starts no run. (Started as `node main.js ...`, Node.js itself
    // rejects a missing --env-file with exit 9 before the CLI runs; `node -- main.js ...` hands it to the CLI.)
    const missing = spawnSync(process.execPath, ['--', CLI, 'run', 'vars', '--env-file', 'missing.env'], { cwd: root, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^CLI_USAGE /);
    expect(runStepyard(['run', 'vars', '--env-file', 'missing.env'], root).code).not.toBe(0);
    expect(listRuns(root)).toHaveLength(1);
    expect(runStepyard(['run', 'vars', '--var', '=x'], root).code).toBe(2);
  });

  it('masks secret-named variables in the run result', () => {
    const flow = 'name: secret\nsteps:\n  - id: use\n    uses: system.echo\n    with: {value: "token is ${{ vars.api_token }}"}\n';
    const root = project({ 'flows/secret.yaml': flow });
    const result = parseJson(runStepyard(['run', 'secret', '--json', '--var', 'api_token=hunter22'], root));
    expect(JSON.stringify(result)).not.toContain('hunter22');
    expect(result.vars).toEqual({ api_token: '***' });
  });

  it('--dry-run prints the plan, resolves what depends on vars and env only, and creates no run', () => {
    const flow = [
      'name: plan',
      'steps:',
      '  - id: greet',
      '    uses: system.echo',
      '    if: "${{ vars.go }}"',
      '    with: {value: "hi ${{ vars.who }}", home: "${{ env.PLAN_HOME }}", password: "${{ vars.db_password }}"}',
      '  - id: grp',
      '    steps:',
      '      - id: inner',
      '        uses: system.echo',
      '        with: {value: "${{ steps.greet.output }} ${{ env.NOT_SET_ANYWHERE }}"}',
    ].join('\n');
    const root = project({ 'flows/plan.yaml': `${flow}\n` });
    const env = { PLAN_HOME: '/home/plan' };
    const human = runStepyard(['run', 'plan', '--dry-run', '--var', 'who=you', '--var', 'db_password=hunter22'], root, env);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('if: ${{ vars.go }}');
    expect(human.stdout).toContain('with value = hi you');
    expect(human.stdout).toContain('Missing environment variables: NOT_SET_ANYWHERE');
    expect(human.stdout).not.toContain('hunter22');
    const json = runStepyard(['run', 'plan', '--dry-run', '--json', '--var', 'who=you', '--var', 'db_password=hunter22'], root, env);
    const plan = parseJson(json) as { steps: { id: string; with: Record<string, unknown>; unresolved: string[] }[]; missing_env: string[] };
    expect(validateAgainstSpecSchema('dry-run-result.schema.json', plan)).toEqual([]);
    expect(plan.steps.map((s) => s.id)).toEqual(['greet', 'grp', 'grp.inner']);
    expect(plan.steps[0]?.with).toEqual({ value: 'hi you', home: '/home/plan', password: '***' });
    expect(plan.steps[2]?.unresolved).toEqual(['value']);
    expect(plan.missing_env).toEqual(['NOT_SET_ANYWHERE']);
    expect(listRuns(root)).toEqual([]);
    expect(existsSync(join(root, '.stepyard', 'logs'))).toBe(false);
  });

  it('SIGTERM to the CLI cancels the run: status cancelled, exit 1', async () => {
    const root = project({ 'flows/slow.yaml': SLOW_FLOW });
    const cli = startStepyard(['run', 'slow', '--json'], root);
    await waitFor(() => (listRuns(root).find((run) => run.status === 'running') === undefined ? undefined : true), 15_000, 'a running run');
    await new Promise((resolve) => setTimeout(resolve, 300));
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(1);
    const result = JSON.parse(cli.stdout()) as RunJson;
    expect(result).toMatchObject({ ok: false, status: 'cancelled', error: { code: 'RUN_CANCELLED' } });
    expect(result.steps.nap?.status).toBe('cancelled');
  });
});
