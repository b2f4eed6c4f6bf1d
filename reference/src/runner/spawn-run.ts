// Parent side of a run: generate the id, spawn the run process at once, stream its events, watch its end.
// Kept light on purpose (no SQLite, no YAML): the child does the heavy loading.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { EngineEvent, RunFailedEvent } from '../engine/events.js';
import type { ErrorInfo, RunStatus } from '../engine/types.js';
import type { Problem } from '../errors/to-problem.js';
import { findRunLog, pendingRunLogPath } from '../storage/paths.js';
import type { RunWithSteps } from '../storage/run-store.js';
import { EVENTS_FD, isRecordsFrame, readEvents, type ChannelMessage } from './event-channel.js';
import { generateRunId } from './run-id.js';
import { buildRunnerProcessEnv } from './run-env.js';
import { selectRunnerArguments } from './runner-entry.js';
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
  /** The stored run and its steps as the run process read them after its final event (when asked: sendRecords). */
  records: RunWithSteps | null;
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

/** How a process ended. */
interface ProcessEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A run process started before its request is known: it gets ready (Node start, loading) while the caller is
 * still working out what to run. startRun sends it the request; discardRunProcess ends it unused.
 */
export interface PreparedRunProcess {
  projectRoot: string;
  runId: string;
  logPath: string;
  env: Readonly<Record<string, string | undefined>>;
  nodePath: string;
  child: ChildProcess;
  exited: Promise<ProcessEnd>;
}

/** Knobs of startRun. */
export interface StartRunCallOptions extends StartRunOptions {
  /** A process from prepareRunProcess: used when it fits (new run, same project, env and node), else discarded. */
  prepared?: PreparedRunProcess | null;
}

/** Start a run process for a new run in `projectRoot` without its request (see PreparedRunProcess). */
// spec: exec.run-process
export function prepareRunProcess(projectRoot: string, options: StartRunOptions = {}): PreparedRunProcess {
  const runId = generateRunId();
  return spawnRunProcess(projectRoot, runId, pendingRunLogPath(projectRoot, runId), options);
}

/**
 * End a prepared run process that will get no request (it reads an empty stdin and exits at once, silently) and
 * remove its log. The caller does not wait for that exit.
 */
export function discardRunProcess(prepared: PreparedRunProcess): void {
  const { child } = prepared;
  child.stdin?.end();
  (child.stdio[EVENTS_FD] as Readable | null)?.destroy();
  child.unref();
  rmSync(prepared.logPath, { force: true });
}

/** Start a run in its own process (spec: exec.run-process). Returns at once; nothing is read or parsed here. */
export function startRun(request: StartRunRequest, options: StartRunCallOptions = {}): RunHandle {
  const prepared = options.prepared ?? null;
  const fits =
    prepared !== null &&
    request.runId === undefined &&
    prepared.projectRoot === request.projectRoot &&
    prepared.env === (options.env ?? process.env) &&
    prepared.nodePath === (options.nodePath ?? process.execPath);
  if (prepared !== null && !fits) discardRunProcess(prepared);
  let proc: PreparedRunProcess;
  if (fits) proc = prepared;
  else {
    const runId = request.runId ?? generateRunId();
    // A resumed run appends to its existing log; a new one starts under _pending/ until its flow is known.
    const logPath = (request.runId === undefined ? undefined : findRunLog(request.projectRoot, runId)) ?? pendingRunLogPath(request.projectRoot, runId);
    proc = spawnRunProcess(request.projectRoot, runId, logPath, options);
  }
  const { child, runId, logPath } = proc;
  const full: RunRequest = { ...request, runId, logPath };
  child.stdin?.end(JSON.stringify(full));
  const queue = new EventQueue();
  let final: EngineEvent | null = null;
  let records: RunWithSteps | null = null;
  const eventsDone = pump(child.stdio[EVENTS_FD] as Readable | null, (message) => {
    if (isRecordsFrame(message)) {
      records = { run: message.run, steps: message.steps };
      return;
    }
    if (message.type === 'run.completed' || message.type === 'run.failed' || message.type === 'run.cancelled' || message.type === 'run.suspended') final = message;
    queue.push(message);
  }).finally(() => queue.end());
  const done = Promise.all([proc.exited, eventsDone]).then(([{ code, signal }]) => finishRun(request, runId, final, code, signal, final === null ? null : records));
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

// Spawn the run process with its log as stdout/stderr; the request goes to its stdin later.
function spawnRunProcess(projectRoot: string, runId: string, logPath: string, options: StartRunOptions): PreparedRunProcess {
  mkdirSync(path.dirname(logPath), { recursive: true });
  const logFd = openSync(logPath, 'a');
  const env = options.env ?? process.env;
  const nodePath = options.nodePath ?? process.execPath;
  let child: ChildProcess;
  try {
    child = spawn(nodePath, runnerArguments(nodePath), {
      cwd: projectRoot,
      env: buildRunnerProcessEnv(env),
      stdio: ['pipe', logFd, logFd, 'pipe'],
    });
  } finally {
    closeSync(logFd);
  }
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<ProcessEnd>((resolve) => {
    child.once('error', () => resolve({ code: null, signal: null }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { projectRoot, runId, logPath, env, nodePath, child, exited };
}

// The run's end: from the final event when the process sent one, else recorded here as RUN_PROCESS_DIED.
async function finishRun(
  request: StartRunRequest,
  runId: string,
  final: EngineEvent | null,
  exitCode: number | null,
  signal: NodeJS.Signals | null,
  records: RunWithSteps | null,
): Promise<RunExit> {
  const base = { exitCode, signal, problems: [] as Problem[], startupFailed: false, records };
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
  return { ...base, records: null, status, error: status === 'failed' ? error : null };
}

async function pump(stream: Readable | null, onMessage: (message: ChannelMessage) => void): Promise<void> {
  // A broken pipe just ends the stream: the exit status decides.
  if (stream !== null) await readEvents(stream, onMessage);
}

/**
 * The argv (after node) that starts the run process with the node binary `nodePath`: the run bundle (from its
 * startup snapshot when valid for that binary), the tsc-built run-main.js, or the .ts source through tsx.
 */
export function runnerArguments(nodePath: string = process.execPath): string[] {
  return selectRunnerArguments(fileURLToPath(import.meta.url), nodePath);
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
