// Spawns the implementation under test: $STEPYARD_CLI (a command line split on spaces) plus the case's arguments.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the conformance kit lives in <root>/conformance). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The implementation's command line: $STEPYARD_CLI split on whitespace, else the reference build. */
export function resolveCliCommand(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const configured = env.STEPYARD_CLI?.trim();
  if (configured !== undefined && configured !== '') return configured.split(/\s+/);
  // `node -- main.js`, exactly as the bin's shebang runs it (Node 20 reads a later --env-file itself otherwise).
  return [process.execPath, '--', join(REPO_ROOT, 'reference', 'dist', 'cli', 'main.js')];
}

/** Values of the argument placeholders. */
export interface Placeholders {
  flow?: string | null;
  run_id?: string | null;
  workspace: string;
}

/** Replaces {flow}, {run_id} and {workspace} inside every argument; throws when a used value is missing. */
export function substitutePlaceholders(args: readonly string[], values: Placeholders): string[] {
  return args.map((arg) =>
    arg.replace(/\{(flow|run_id|workspace)\}/g, (_match, name: 'flow' | 'run_id' | 'workspace') => {
      const value = values[name];
      if (value === undefined || value === null) throw new Error(`placeholder {${name}} used but no value is available`);
      return value;
    }),
  );
}

/** What one finished command produced. A command ended by a signal reports exit 128 + the signal number. */
export interface CommandResult {
  argv: string[];
  exit: number;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

/** A started command. */
export interface RunningCommand {
  argv: string[];
  /** Resolves when the process has exited and its output is collected. */
  done: Promise<CommandResult>;
  /** stdout received so far. */
  stdoutSoFar: () => string;
  /** SIGKILL to the command's whole process group (no-op once it is gone). */
  killGroup: () => void;
}

/** Options of one command. */
export interface StartOptions {
  cwd: string;
  env: Record<string, string>;
  stdin?: string | undefined;
  timeoutMs: number;
  killAfterMs?: number | undefined;
  /** SIGINT to the whole process group after this many ms, as Ctrl+C in a terminal does. */
  interruptAfterMs?: number | undefined;
}

/**
 * Starts `argv` in its own process group (detached) so that the command and everything it spawned can be
 * killed together, feeds stdin (or closes it), and collects stdout/stderr.
 */
export function startCommand(argv: string[], options: StartOptions): RunningCommand {
  const [file, ...args] = argv;
  if (file === undefined) throw new Error('empty command line');
  const started = Date.now();
  const child = spawn(file, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.stdin ?? '');
  const killGroup = (): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timers = [
    setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs),
  ];
  if (options.killAfterMs !== undefined) timers.push(setTimeout(killGroup, options.killAfterMs));
  if (options.interruptAfterMs !== undefined) {
    timers.push(
      setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
        } catch {
          // already gone
        }
      }, options.interruptAfterMs),
    );
  }
  const done = new Promise<CommandResult>((resolve) => {
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      const exit = code ?? (signal !== null ? 128 + (constants.signals[signal] ?? 0) : -1);
      resolve({ argv, exit, signal, stdout, stderr, timedOut, durationMs: Date.now() - started });
    };
    child.on('error', (error) => {
      stderr += `harness: cannot start ${file}: ${error.message}\n`;
      finish(127, null);
    });
    // 'close' waits for stdio to end; a grandchild holding the pipes open must not hang the case.
    child.on('close', finish);
    child.on('exit', (code, signal) => setTimeout(() => {
      child.stdout.destroy();
      child.stderr.destroy();
      finish(code, signal);
    }, 2000).unref());
  });
  return { argv, done, stdoutSoFar: () => stdout, killGroup };
}

/** Finds the run id a command printed: `run_id` of its JSON output, or of the first NDJSON line carrying one. */
export function extractRunId(stdout: string): string | null {
  const candidates = [stdout, ...stdout.split('\n')];
  for (const text of candidates) {
    const trimmed = text.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      const value = JSON.parse(trimmed) as Record<string, unknown>;
      if (typeof value.run_id === 'string') return value.run_id;
    } catch {
      // not a complete JSON object
    }
  }
  return null;
}
