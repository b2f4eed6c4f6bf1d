// Helpers of the cli-run*/cli-history* tests: projects made with `stepyard init`, background CLI processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLI, makeTempDir, runStepyard, type CliResult } from './cli-support.js';

/** A temp project made by the built CLI's `stepyard init`, plus extra files (paths relative to the root). */
export function makeProject(files: Record<string, string> = {}): string {
  const root = makeTempDir('stepyard-run-');
  const init = runStepyard(['init'], root);
  if (init.code !== 0) throw new Error(`stepyard init failed: ${init.stderr}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Parses a --json stdout. */
export function parseJson(result: CliResult): Record<string, unknown> {
  try {
    return JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** A CLI process running in the background. */
export interface BackgroundCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or 128 + n for a signal) once the process is gone. */
  exited: Promise<number | null>;
}

/** Starts `stepyard ...args` without waiting (clean env, NO_COLOR set, stdin closed). */
export function startStepyard(args: string[], cwd: string, env: Record<string, string> = {}): BackgroundCli {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('STEPYARD_')));
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...base, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Polls `probe` every 50 ms until it returns a value other than undefined; throws after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The run summaries `stepyard runs --json --limit 0` prints. */
export function listRuns(root: string, extra: string[] = []): { run_id: string; status: string; pid: number | null; flow: string; error: { code: string } | null }[] {
  const result = runStepyard(['runs', '--json', '--limit', '0', ...extra], root);
  return parseJson(result).runs as { run_id: string; status: string; pid: number | null; flow: string; error: { code: string } | null }[];
}

/** Kills a process if it still exists (by pid; processes this test started). */
export function killQuietly(pid: number | null | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === null || pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** A flow with one step that sleeps (a real child process) after a quick first step. */
export const SLOW_FLOW = `name: slow
steps:
  - id: first
    uses: system.echo
    with: {value: 1}
  - id: nap
    uses: shell.run
    with: {command: "sleep 30"}
`;

/** A flow whose second step fails. */
export const FAILING_FLOW = `name: failing
steps:
  - id: ok
    uses: system.echo
    with: {value: fine}
  - id: boom
    uses: system.echo
    with: {fail: true, message: "it broke", error_code: NODE_FAILED}
  - id: never
    uses: system.echo
    with: {value: 1}
`;

/** A flow that waits 30 s inside the run process (no child process is left behind when the run process is killed). */
export const NAP_FLOW = `name: nap
steps:
  - id: first
    uses: system.echo
    with: {value: 1}
  - id: nap
    uses: system.echo
    with: {value: 2, delay_ms: 30000}
`;
