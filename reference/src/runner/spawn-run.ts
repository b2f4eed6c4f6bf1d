// Parent side of a run: generate the id, spawn the run process at once, stream its events, watch its end.
// Kept light on purpose (no SQLite, no YAML): the child does the heavy loading.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineEvent, RunFailedEvent } from '../engine/events.js';
import type { ErrorInfo, RunStatus } from '../engine/types.js';
import type { Problem } from '../errors/to-problem.js';
import { findRunLog, pendingRunLogPath } from '../storage/paths.js';
import { EVENTS_FD, readEvents } from './event-channel.js';
import { generateRunId } from './run-id.js';
import { buildRunnerProcessEnv } from './run-env.js';
import type { RunRequest, StartRunRequest } from './run-request.js';

/** How a run process ended, as the parent sees it. */
export interface RunExit {
  /** The run's final (or suspended) status; `failed` when the process died without one. */
  status: RunStatus;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  error: ErrorInfo | null;
  /** Every problem of a startup failure (e.g. all validation errors of the flow file). */
  problems: Problem[];
  /** True when the process could not start the run at all (exit code 2). */
  startupFailed: boolean;
}

/** A started run. */
export interface RunHandle {
  runId: string;
  pid: number | undefined;
  /** The log file as first opened (the run process moves it under the flow's slug; see run.started). */
  logPath: string;
  /** Engine events, live, in order. Single consumer. Ends when the run process closes fd 3. */
  events: AsyncIterable<EngineEvent>;
  /** Resolves once the process has exited and its end is recorded. Never rejects. */
  done: Promise<RunExit>;
  /** Ask the run process to cancel (SIGTERM by default); the run ends `cancelled`. */
  cancel(signal?: NodeJS.Signals): void;
}

/** Knobs of startRun. */
export interface StartRunOptions {
  /** Environment of the run process (default process.env). NODE_EXTRA_CA_CERTS is stashed, not passed. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Node executable (default process.execPath). */
  nodePath?: string;
}

/** Start a run in its own process (spec: exec.run-process). Returns at once; nothing is read or parsed here. */
export function startRun(request: StartRunRequest, options: StartRunOptions = {}): RunHandle {
  const runId = request.runId ?? generateRunId();
  // A resumed run appends to its existing log; a new one starts under _pending/ until its flow is known.
  const logPath = (request.runId === undefined ? undefined : findRunLog(request.projectRoot, runId)) ?? pendingRunLogPath(request.projectRoot, runId);
  mkdirSync(path.dirname(logPath), { recursive: true });
  const logFd = openSync(logPath, 'a');
  const full: RunRequest = { ...request, runId, logPath };
  let child: ChildProcess;
  try {
    child = spawn(options.nodePath ?? process.execPath, runnerArguments(), {
      cwd: request.projectRoot,
      env: buildRunnerProcessEnv(options.env ?? process.env),
      stdio: ['pipe', logFd, logFd, 'pipe'],
    });
  } finally {
    closeSync(logFd);
  }
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(JSON.stringify(full));
  const queue = new EventQueue();
  let final: EngineEvent | null = null;
  const eventsDone = pump(child.stdio[EVENTS_FD] as Readable | null, (event) => {
    if (event.type === 'run.completed' || event.type === 'run.failed' || event.type === 'run.cancelled' || event.type === 'run.suspended') final = event;
    queue.push(event);
  }).finally(() => queue.end());
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', () => resolve({ code: null, signal: null }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const done = Promise.all([exited, eventsDone]).then(([{ code, signal }]) => finishRun(request, runId, final, code, signal));
  return {
    runId,
    pid: child.pid,
    logPath,
    events: queue,
    done,
    cancel(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

// The run's end: from the final event when the process sent one, else recorded here as RUN_PROCESS_DIED.
async function finishRun(
  request: StartRunRequest,
  runId: string,
  final: EngineEvent | null,
  exitCode: number | null,
  signal: NodeJS.Signals | null,
): Promise<RunExit> {
  const base = { exitCode, signal, problems: [] as Problem[], startupFailed: false };
  if (final !== null) {
    switch (final.type) {
      case 'run.completed':
        return { ...base, status: 'completed', error: null };
      case 'run.suspended':
        return { ...base, status: final.status, error: null };
      case 'run.cancelled':
        return { ...base, status: 'cancelled', error: final.error };
      case 'run.failed': {
        const failed = final as RunFailedEvent;
        return { ...base, status: 'failed', error: failed.error, problems: failed.problems ?? [], startupFailed: failed.phase === 'startup' };
      }
      default:
        break;
    }
  }
  const how = signal !== null ? `was killed by ${signal}` : `exited with code ${exitCode ?? 'unknown'}`;
  const error: ErrorInfo = { code: 'RUN_PROCESS_DIED', message: `The run process ${how} without recording a final status` };
  const { markRunDied } = await import('./reconcile.js');
  const status = await markRunDied(request.projectRoot, runId, request.flowFile, error, exitCode, signal);
  return { ...base, status, error: status === 'failed' ? error : null };
}

async function pump(stream: Readable | null, onEvent: (event: EngineEvent) => void): Promise<void> {
  if (stream === null) return;
  try {
    for await (const event of readEvents(stream)) onEvent(event);
  } catch {
    // The pipe broke: the exit status decides.
  }
}

/** The argv (after node) that starts run-main: the built .js, or the .ts source through tsx when run from source. */
export function runnerArguments(): string[] {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    return ['--import', pathToFileURL(tsx).href, path.join(dir, 'run-main.ts')];
  }
  return [path.join(dir, 'run-main.js')];
}

// A single-consumer async queue of events.
class EventQueue implements AsyncIterable<EngineEvent> {
  private readonly items: EngineEvent[] = [];
  private waiting: ((result: IteratorResult<EngineEvent>) => void) | null = null;
  private ended = false;

  push(event: EngineEvent): void {
    if (this.waiting !== null) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
    } else this.items.push(event);
  }

  end(): void {
    this.ended = true;
    if (this.waiting !== null) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<EngineEvent> {
    return {
      next: () => {
        const item = this.items.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiting = resolve;
        });
      },
    };
  }
}
