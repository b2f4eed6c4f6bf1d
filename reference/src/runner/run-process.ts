// The work of one run process: load the flow, move the log, open the store, run the engine, report.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { mergeVars } from '../engine/env.js';
import type { EngineEvent } from '../engine/events.js';
import { createRedactor } from '../engine/redact.js';
import { runFlow } from '../engine/run-flow.js';
import { isSuspendedRunStatus } from '../engine/status.js';
import type { ErrorInfo, RunStatus } from '../engine/types.js';
import { readGlobalVisitLimit } from '../engine/visits.js';
import { isStepyardError } from '../errors/stepyard-error.js';
import { toProblem, type Problem } from '../errors/to-problem.js';
import { BUILTIN_NODE_NAMES } from '../nodes/catalogue.js';
import { createInProcessInvoker } from '../nodes/in-process-invoker.js';
import { createLiteralInputChecker } from '../nodes/literal-inputs.js';
import { createBuiltinRegistry } from '../nodes/registry.js';
import { applyRetentionWhenOver } from '../storage/history.js';
import { runLogPath } from '../storage/paths.js';
import { openStore, type SqliteRunStore } from '../storage/run-store.js';
import type { RunRecordsFrame } from './event-channel.js';
import { loadFlowForRun } from './flow-cache.js';
import { loadRunEnv } from './run-env.js';
import type { RunRequest } from './run-request.js';

/** Run process exit codes (spec: exec.run-process). */
export const RUN_EXIT = { ok: 0, failed: 1, startup: 2 } as const;

/** How often the run process refreshes the run's heartbeat. */
export const HEARTBEAT_MS = 5_000;

/** What the run process talks to besides the store: the event sink, the OS env, the cancel signal. */
export interface RunProcessIo {
  emit(event: EngineEvent): void;
  /** Receives the records frame when the request asks for it (sendRecords). */
  sendRecords?(frame: RunRecordsFrame): void;
  osEnv: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  pid: number;
  /** Called once the store is open, so exit handlers can record a crash synchronously. */
  onStoreOpen?(store: SqliteRunStore): void;
}

/** How the run process ended. */
export interface RunProcessResult {
  exitCode: number;
  status: RunStatus | null;
  error: ErrorInfo | null;
}

/** Execute a run request to its end. Never throws: startup problems become exit code 2. */
// spec: exec.run-process
export async function executeRunRequest(request: RunRequest, io: RunProcessIo): Promise<RunProcessResult> {
  const flowPath = path.resolve(request.projectRoot, request.flowFile);
  const registry = createBuiltinRegistry();
  const options = { knownNodes: BUILTIN_NODE_NAMES, checkInputs: createLiteralInputChecker(registry), projectRoot: request.projectRoot };
  const loaded = loadFlowForRun(flowPath, options);
  if (!loaded.ok) {
    moveLog(request, 'unknown');
    return startupFailure(request, io, loaded.errors);
  }
  const { flow } = loaded;
  const logPath = moveLog(request, flow.name);
  let store: SqliteRunStore;
  try {
    store = openStore(request.projectRoot);
  } catch (error) {
    return startupFailure(request, io, [error]);
  }
  io.onStoreOpen?.(store);
  const heartbeat = setInterval(() => {
    try {
      store.patchRun(request.runId, { heartbeatAt: new Date().toISOString() });
    } catch {
      // A busy database skips one beat.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const { env, warnings } = loadRunEnv(io.osEnv, request.projectRoot, flow, request.runId);
    const vars = mergeVars(request.envFileValues, request.vars);
    const redactor = createRedactor({ env, vars });
    const emit = (event: EngineEvent): void => io.emit(event);
    const outcome = await runFlow({
      runId: request.runId,
      flow,
      flowFile: path.relative(request.projectRoot, flowPath) || flowPath,
      store,
      invoker: createInProcessInvoker(registry),
      projectRoot: request.projectRoot,
      env,
      vars,
      ...(request.trigger === undefined ? {} : { trigger: definedFields(request.trigger) }),
      events: (event) => {
        emit(event);
        if (event.type === 'run.started') for (const warning of warnings) emit(warningEvent(request.runId, warning));
      },
      signal: io.signal,
      maxStepVisits: readGlobalVisitLimit(io.osEnv),
      redactor,
      pid: io.pid,
      logPath,
      ...(request.resume === true ? { mustExist: true } : {}),
      ...(request.answers === undefined ? {} : { answers: request.answers }),
    });
    const exitCode = outcome.status === 'completed' || isSuspendedRunStatus(outcome.status) ? RUN_EXIT.ok : RUN_EXIT.failed;
    store.patchRun(request.runId, { exitCode });
    if (request.sendRecords === true) sendRecords(store, request.runId, io);
    // spec: cli.retention — done here, on the open store, so the CLI need not open it again after the run.
    if (request.keepRuns !== undefined) applyRetentionIfDue(store, request.keepRuns);
    return { exitCode, status: outcome.status, error: outcome.error };
  } catch (error) {
    return startupFailure(request, io, [error]);
  } finally {
    clearInterval(heartbeat);
    store.close();
  }
}

// The stored records, read back after the run ended: exactly what the parent would read from the store.
function sendRecords(store: SqliteRunStore, runId: string, io: RunProcessIo): void {
  const found = store.getRunWithSteps(runId);
  if (found !== undefined) io.sendRecords?.({ frame: 'run.records', run: found.run, steps: found.steps });
}

// Retention is housekeeping: a busy store skips it this time (the next run catches up).
function applyRetentionIfDue(store: SqliteRunStore, keepRuns: number): void {
  try {
    applyRetentionWhenOver(store.db, keepRuns);
  } catch {
    // Skipped.
  }
}

// Startup errors: report every problem, fail a run row that is still queued, exit 2.
function startupFailure(request: RunRequest, io: RunProcessIo, errors: unknown[]): RunProcessResult {
  const problems: Problem[] = errors.map((error) => toProblem(error));
  const first = errors[0];
  const error: ErrorInfo = isStepyardError(first)
    ? { code: first.code, message: first.message }
    : { code: 'INTERNAL', message: first instanceof Error ? first.message : String(first) };
  io.emit({
    type: 'run.failed',
    run_id: request.runId,
    at: new Date().toISOString(),
    error,
    duration_ms: 0,
    phase: 'startup',
    problems,
  });
  if (!(isStepyardError(first) && first.code === 'RUN_STATE_CONFLICT')) failQueuedRun(request, error);
  return { exitCode: RUN_EXIT.startup, status: null, error };
}

function failQueuedRun(request: RunRequest, error: ErrorInfo): void {
  try {
    const store = openStore(request.projectRoot);
    try {
      store.transitionRun(request.runId, ['queued'], 'failed', { error, endedAt: new Date().toISOString(), exitCode: RUN_EXIT.startup });
    } finally {
      store.close();
    }
  } catch {
    // No store: nothing was recorded, nothing to fix.
  }
}

// Move the log the parent opened (under _pending/) to logs/runs/<flow-slug>/<run_id>.log. Open fds follow.
function moveLog(request: RunRequest, flowName: string): string | null {
  const target = runLogPath(request.projectRoot, flowName, request.runId);
  if (request.logPath === null) return null;
  if (path.resolve(request.logPath) === target || existsSync(target)) return request.logPath;
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(request.logPath, target);
    return target;
  } catch {
    return request.logPath;
  }
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function warningEvent(runId: string, message: string): EngineEvent {
  return { type: 'log', run_id: runId, at: new Date().toISOString(), level: 'warn', message };
}
