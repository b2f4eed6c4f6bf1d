// Runs one case end to end: workspace, optional `init`, files, commands (with sequence/background/kill), checks.
import { mkdirSync } from 'node:fs';
import { checkExpectation } from './expect.js';
import { extractRunId, startCommand, substitutePlaceholders, type CommandResult, type RunningCommand } from './invoke.js';
import { workspaceReplacements } from './normalize.js';
import type { SchemaRegistry } from './schemas.js';
import { startServers, substituteServers, type RunningServers } from './servers.js';
import type { CaseCommand, CaseOutcome, ConformanceCase } from './types.js';
import { createWorkspace, resolveInWorkspace, writeCaseFiles, type Workspace } from './workspace.js';

/** How to run cases. */
export interface RunOptions {
  /** The implementation's command line (resolveCliCommand). */
  cli: string[];
  schemas: SchemaRegistry;
  /** Per-command time limit. */
  timeoutMs: number;
  /** Keep the workspace of failed cases (its path is added to the failure). */
  keepFailed?: boolean;
}

/** The exit code that means "optional feature not supported". */
export const UNSUPPORTED_EXIT = 33;

/** Runs one case and returns its verdict. Never throws. */
export async function runCase(testCase: ConformanceCase, options: RunOptions): Promise<CaseOutcome> {
  const started = Date.now();
  const workspace = createWorkspace();
  const running: RunningCommand[] = [];
  let failures: string[] = [];
  let unsupported = false;
  let servers: RunningServers | null = null;
  try {
    servers = await startServers(testCase.servers ?? {});
    const result = await executeCase(testCase, workspace, options, running, servers.urls);
    failures = result.failures;
    unsupported = result.unsupported;
  } catch (error) {
    failures = [`harness: ${(error as Error).message}`];
  } finally {
    for (const command of running) command.killGroup();
    await servers?.stop();
    if (failures.length > 0 && options.keepFailed === true) failures.push(`workspace kept at ${workspace.root}`);
    else workspace.dispose();
  }
  const status = unsupported && testCase.features.length > 0 ? 'unsupported' : failures.length > 0 ? 'fail' : 'pass';
  return { id: testCase.id, spec: testCase.spec, status, failures: status === 'fail' ? failures : [], durationMs: Date.now() - started };
}

async function executeCase(
  testCase: ConformanceCase,
  workspace: Workspace,
  options: RunOptions,
  running: RunningCommand[],
  serverUrls: Readonly<Record<string, string>>,
): Promise<{ failures: string[]; unsupported: boolean }> {
  const start = (args: string[], command: Partial<CaseCommand>): RunningCommand => {
    const cwd = resolveInWorkspace(workspace, command.cwd ?? testCase.cwd ?? '.');
    mkdirSync(cwd, { recursive: true });
    const caseEnv = Object.fromEntries(Object.entries({ ...testCase.env, ...command.env }).map(([k, v]) => [k, substituteServers(v, serverUrls)]));
    const env = { ...workspace.env, ...caseEnv };
    const handle = startCommand([...options.cli, ...args], { cwd, env, stdin: command.stdin, timeoutMs: options.timeoutMs, killAfterMs: command.kill_after_ms, interruptAfterMs: command.interrupt_after_ms });
    running.push(handle);
    return handle;
  };
  if (testCase.project) {
    const init = await start(['init', '.'], { cwd: '.' }).done;
    if (init.exit !== 0) return { failures: [`setup: '${init.argv.join(' ')}' exited ${init.exit}\n${init.stderr}`], unsupported: false };
  }
  const flow = writeCaseFiles(workspace, testCase);
  const ctx = {
    replacements: workspaceReplacements(workspace.root, workspace.home),
    schemas: options.schemas,
    resolvePath: (path: string) => resolveInWorkspace(workspace, path),
  };
  const failures: string[] = [];
  const results: CommandResult[] = [];
  const history: RunningCommand[] = [];
  const background: Array<{ index: number; command: CaseCommand; handle: RunningCommand }> = [];
  for (const [index, command] of testCase.commands.entries()) {
    const runId = command.invoke.some((arg) => arg.includes('{run_id}')) ? await findRunId(history, options.timeoutMs) : null;
    const args = substitutePlaceholders(command.invoke, { flow, run_id: runId, workspace: workspace.root }).map((arg) => substituteServers(arg, serverUrls));
    const handle = start(args, command);
    history.push(handle);
    if (command.background === true) {
      background.push({ index, command, handle });
      continue;
    }
    const result = await handle.done;
    results.push(result);
    failures.push(...describe(index, testCase, result, checkExpectation(command.expect, result, ctx)));
  }
  for (const { index, command, handle } of background) {
    const result = await handle.done;
    results.push(result);
    failures.push(...describe(index, testCase, result, checkExpectation(command.expect, result, ctx)));
  }
  return { failures, unsupported: results.some((result) => result.exit === UNSUPPORTED_EXIT) };
}

// {run_id}: the run id printed by the closest earlier command that printed one; a background command still
// running is waited for until its output shows one.
async function findRunId(history: readonly RunningCommand[], timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (let i = history.length - 1; i >= 0; i -= 1) {
      const id = extractRunId(history[i]!.stdoutSoFar());
      if (id !== null) return id;
    }
    const pending = await Promise.race([
      Promise.all(history.map((h) => h.done)).then(() => 'all-done' as const),
      new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), 50)),
    ]);
    if (pending === 'all-done' && history.every((h) => extractRunId(h.stdoutSoFar()) === null)) {
      throw new Error('{run_id} used but no earlier command printed a run_id');
    }
    if (Date.now() > deadline) throw new Error('{run_id}: timed out waiting for an earlier command to print a run_id');
  }
}

function describe(index: number, testCase: ConformanceCase, result: CommandResult, problems: string[]): string[] {
  if (problems.length === 0) return [];
  const label = testCase.commands.length > 1 ? `command ${index + 1} ` : '';
  const shown = result.argv.slice(-Math.max(1, testCase.commands[index]?.invoke.length ?? 1)).join(' ');
  const stderr = result.stderr.trim() === '' ? '' : `\n  stderr: ${truncate(result.stderr.trim()).split('\n').join('\n          ')}`;
  const stdout = `\n  stdout: ${truncate(result.stdout.trim()).split('\n').join('\n          ')}`;
  return [`${label}(stepyard ${shown}):\n  ${problems.join('\n  ')}${stdout}${stderr}`];
}

function truncate(text: string): string {
  return text.length > 2000 ? `${text.slice(0, 2000)}...` : text;
}
