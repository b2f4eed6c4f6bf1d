// shell.run: run a command in its own process group; stdout and stderr kept apart and streamed to the log.
import { spawn } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import type { JsonValue } from '../flow/types.js';
import { confinePath } from './confine.js';
import { laxBoolean, stringMap } from './lax.js';
import { findShellSyntax } from './shell-syntax.js';
import { ShellWordsError, splitShellWords } from './shell-words.js';
import { defineNode, fail, succeed, type NodeContext, type NodeResult } from './types.js';

/** Captured output per stream is cut at this many characters (the log still gets every line). */
export const MAX_CAPTURE_CHARS = 16 * 1024 * 1024;
/** After SIGTERM to the process group, wait this long before SIGKILL. */
export const KILL_GRACE_MS = 1000;

const ShellRunInput = z.object({
  command: z.string().min(1, 'command must not be empty').describe('the command; split like a POSIX shell does when it runs without a shell'),
  cwd: z.string().nullable().prefault(null).describe('working directory, relative to the project directory (default: the project directory)'),
  env: stringMap().nullable().prefault(null).describe('variables added to the run environment (numbers and booleans become strings)'),
  shell: laxBoolean()
    .nullable()
    .prefault(null)
    .describe('true: run through /bin/sh -c; false: never; absent or null: through /bin/sh -c when the command as written uses shell syntax'),
  allow_outside_project: laxBoolean().prefault(false).describe('allow a cwd outside the project directory'),
  fail_on_error: laxBoolean().prefault(false).describe('fail the step (NODE_FAILED) when the exit code is not 0'),
});

const ShellRunOutput = z.object({
  stdout: z.string().describe('standard output, trimmed'),
  stderr: z.string().describe('standard error, trimmed'),
  code: z.number().int().describe('exit code; minus the signal number when a signal ended it'),
});

type ShellRunInput = z.output<typeof ShellRunInput>;

/**
 * shell.run: output `{stdout, stderr, code}` (each stream trimmed; code negative for a signal).
 * A non-zero exit is an output, not a failure, unless `fail_on_error: true`.
 */
export const shellRunNode = defineNode({
  name: 'shell.run',
  description: 'Run a command in the project directory (through /bin/sh -c with shell: true or when it is written with shell syntax).',
  input: ShellRunInput,
  output: ShellRunOutput,
  example: { command: 'git rev-parse --short HEAD' },
  async run(input, context, signal) {
    const cwd = resolveCwd(input, context);
    if (typeof cwd !== 'string') return cwd;
    let file: string;
    let args: string[];
    if (shouldUseShell(input, context)) {
      [file, args] = ['/bin/sh', ['-c', input.command]];
    } else {
      try {
        [file = '', ...args] = splitShellWords(input.command);
      } catch (error) {
        if (!(error instanceof ShellWordsError)) throw error;
        return { ...fail('NODE_INPUT_INVALID', `shell.run: command: ${error.message}`), field: '/command' };
      }
      if (file === '') return { ...fail('NODE_INPUT_INVALID', 'shell.run: command is empty'), field: '/command' };
    }
    return runProcess(file, args, { cwd, env: { ...context.env, ...(input.env ?? {}) } }, input, context, signal);
  },
});

// spec: nodes.shell-run — `shell` absent or null: a shell only for shell syntax the flow author wrote. The
// literal text comes from rawInputs, with templates masked, so a `${{ }}` value can never switch the shell on.
function shouldUseShell(input: ShellRunInput, context: NodeContext): boolean {
  if (input.shell === true) {
    context.log(`shell.run: shell=true in step '${context.execId}' - shell interpolation is active.`, 'info');
    return true;
  }
  if (input.shell === false) return false;
  const raw = context.rawInputs?.command;
  const finding = findShellSyntax(typeof raw === 'string' ? raw : input.command);
  if (finding === undefined) return false;
  context.log(
    `shell.run: step '${context.execId}' runs through /bin/sh -c because its command uses shell syntax ('${finding.token}'); ` +
      'set shell: false to run it without a shell.',
    'info',
  );
  return true;
}

// spec: nodes.confinement — cwd relative to the project root and confined to it (fix of the prefix check).
function resolveCwd(input: ShellRunInput, context: NodeContext): string | NodeResult {
  if (input.cwd === null || input.cwd === '') return context.projectRoot;
  const cwd = confinePath({ value: input.cwd, field: '/cwd', allowOutsideProject: input.allow_outside_project }, context, 'shell.run');
  if (typeof cwd !== 'string') return cwd;
  try {
    if (statSync(cwd).isDirectory()) return realpathSync(cwd);
  } catch {
    // Reported below.
  }
  return { ...fail('FILE_NOT_FOUND', `shell.run: cwd '${input.cwd}' is not an existing directory`), field: '/cwd' };
}

function runProcess(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
  input: ShellRunInput,
  context: NodeContext,
  signal: AbortSignal,
): Promise<NodeResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = collectLines(child.stdout, (line) => context.log(line, 'stdout'));
    const stderr = collectLines(child.stderr, (line) => context.log(line, 'stderr'));
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      const reason = error.code === 'ENOENT' ? `command not found: ${file}` : `cannot run ${file}: ${error.message}`;
      resolve(fail('NODE_FAILED', `shell.run: ${reason}`));
    });
    child.once('close', (code, signalName) => {
      signal.removeEventListener('abort', onAbort);
      if (killTimer !== undefined) clearTimeout(killTimer);
      const exitCode = code ?? -(signalName === null ? 1 : (osConstants.signals[signalName] ?? 1));
      const output: JsonValue = { stdout: stdout.finish().trim(), stderr: stderr.finish().trim(), code: exitCode };
      if (input.fail_on_error && exitCode !== 0) {
        resolve(fail('NODE_FAILED', `shell.run: command exited with code ${exitCode}`, output));
      } else resolve(succeed(output));
    });
  });
}

// spec: exec.timeout — the whole process group goes, not just the direct child.
function killGroup(pid: number | undefined, signalName: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signalName);
  } catch {
    // The group is already gone.
  }
}

// Accumulate a stream (capped) and hand each complete line to `onLine`.
function collectLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): { finish(): string } {
  const decoder = new StringDecoder('utf8');
  let captured = '';
  let pending = '';
  const push = (text: string): void => {
    if (captured.length < MAX_CAPTURE_CHARS) captured += text.slice(0, MAX_CAPTURE_CHARS - captured.length);
    pending += text;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      onLine(pending.slice(0, newline).replace(/\r$/, ''));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  };
  stream.on('data', (chunk: Buffer) => push(decoder.write(chunk)));
  return {
    finish() {
      push(decoder.end());
      if (pending !== '') onLine(pending);
      pending = '';
      return captured;
    },
  };
}
