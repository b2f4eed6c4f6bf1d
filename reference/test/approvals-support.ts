// Helpers of approvals-*.test.ts and replay-*.test.ts: projects in temp dirs, the BUILT CLI run synchronously or
// as concurrent child processes.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO, makeTempDir, runStepyard, type CliResult } from './cli-support.js';

export { removeTempDir, runStepyard, validateAgainstSpecSchema } from './cli-support.js';

/** A fresh project (`stepyard init`) with the given flows (name → YAML) and fixture flows copied in. */
export function makeProject(flows: Record<string, string> = {}, fixtures: string[] = []): string {
  const root = makeTempDir('stepyard-approvals-');
  const init = runStepyard(['init', '.'], root);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  mkdirSync(join(root, 'flows'), { recursive: true });
  for (const [name, text] of Object.entries(flows)) writeFileSync(join(root, 'flows', `${name}.yaml`), text);
  for (const fixture of fixtures) copyFileSync(join(REPO, 'fixtures', 'flows', fixture), join(root, 'flows', fixture.split('/').pop() as string));
  return root;
}

/** `stepyard ...args` in `cwd` (synchronously), with STEPYARD_ACTOR=tester unless given. */
export function cli(root: string, args: string[], env: Record<string, string> = {}): CliResult {
  return runStepyard(args, root, { STEPYARD_ACTOR: 'tester', ...env });
}

/** The same, as a child process, so several can race. */
export function cliAsync(root: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('STEPYARD_')));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: root, env: { ...base, NO_COLOR: '1', STEPYARD_ACTOR: 'tester', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** stdout parsed as one JSON document (fails the test with stderr when it is not). */
export function json(result: CliResult): Record<string, any> {
  try {
    return JSON.parse(result.stdout) as Record<string, any>;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** Non-empty lines of a file. */
export function linesOf(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
}

/** Poll `show RUN --json` until the run reaches a status that is not queued/running. */
export async function waitForEnd(root: string, runId: string, timeoutMs = 20_000): Promise<Record<string, any>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const shown = json(cli(root, ['show', runId, '--json']));
    if ((shown.status !== 'queued' && shown.status !== 'running') || Date.now() > until) return shown;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
