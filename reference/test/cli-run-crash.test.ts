// A run process killed with SIGKILL: the watching CLI, or any later history command, records RUN_PROCESS_DIED
// (spec: cli.run, cli.history, exec.run-process).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDir, runStepyard, validateAgainstSpecSchema } from './cli-support.js';
import { NAP_FLOW, killQuietly, listRuns, makeProject, parseJson, startStepyard, waitFor } from './cli-run-support.js';

const roots: string[] = [];
const pids: (number | undefined)[] = [];
afterEach(() => {
  for (const pid of pids.splice(0)) killQuietly(pid);
  for (const root of roots.splice(0)) removeTempDir(root);
});

function project(): string {
  const root = makeProject({ 'flows/nap.yaml': NAP_FLOW });
  roots.push(root);
  return root;
}

// The pid of the run process, from `runs --json`, once the run is running and its first step is done.
async function runningPid(root: string): Promise<number> {
  return waitFor(() => {
    const run = listRuns(root).find((r) => r.status === 'running');
    return run?.pid ?? undefined;
  }, 20_000, 'the running run and its pid');
}

describe('a killed run process', () => {
  it('is recorded failed with RUN_PROCESS_DIED by the watching CLI, which exits 1', async () => {
    const root = project();
    const cli = startStepyard(['run', 'nap', '--events'], root);
    pids.push(cli.child.pid);
    const pid = await runningPid(root);
    pids.push(pid);
    process.kill(pid, 'SIGKILL');
    expect(await cli.exited).toBe(1);
    const events = cli.stdout().trim().split('\n').map((line) => JSON.parse(line) as { type: string; error?: { code: string } });
    expect(events[0]?.type).toBe('run.started');
    expect(events.at(-1)).toMatchObject({ type: 'run.failed', error: { code: 'RUN_PROCESS_DIED' } });
    const show = parseJson(runStepyard(['show', '--json'], root));
    expect(show).toMatchObject({ ok: false, status: 'failed', error: { code: 'RUN_PROCESS_DIED' } });
  });

  it('is reported failed with RUN_PROCESS_DIED by the next status and show when the CLI died too', async () => {
    const root = project();
    const cli = startStepyard(['run', 'nap'], root);
    pids.push(cli.child.pid);
    const pid = await runningPid(root);
    pids.push(pid);
    cli.child.kill('SIGKILL');
    await cli.exited;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => (isGone(pid) ? true : undefined), 10_000, 'the run process to exit');
    const status = parseJson(runStepyard(['status', '--json'], root));
    expect(validateAgainstSpecSchema('status-result.schema.json', status)).toEqual([]);
    const nap = (status.flows as { flow: string; state: string; last_run: { status: string; error: { code: string } | null } | null }[]).find((f) => f.flow === 'nap');
    expect(nap).toMatchObject({ state: 'failed', last_run: { status: 'failed', error: { code: 'RUN_PROCESS_DIED' } } });
    const show = parseJson(runStepyard(['show', '--json'], root));
    expect(show).toMatchObject({ status: 'failed', error: { code: 'RUN_PROCESS_DIED' } });
    expect(listRuns(root, ['--status', 'running'])).toEqual([]);
  });
});

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A zombie still answers kill(0): its parent (the killed CLI) is gone, so init reaps it shortly.
  try {
    return /^\d+ \(.*\) [ZX]/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
