// Start a run process that outlives the command starting it (`--detach`): own process group, no event pipe.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { findRunLog, pendingRunLogPath } from '../storage/paths.js';
import { generateRunId } from './run-id.js';
import { buildRunnerProcessEnv } from './run-env.js';
import type { RunRequest, StartRunRequest } from './run-request.js';
import { runnerArguments, type StartRunOptions } from './spawn-run.js';

/** A run process started in the background. */
export interface DetachedRun {
  runId: string;
  pid: number | undefined;
  logPath: string;
}

/**
 * Start a run process in its own process group and return once it has its request; nobody watches it.
 * It records its own end; if it dies without one, any later command reconciles it (spec: exec.run-process).
 */
// spec: exec.run-process
export async function startDetachedRun(request: StartRunRequest, options: StartRunOptions = {}): Promise<DetachedRun> {
  const runId = request.runId ?? generateRunId();
  const logPath = (request.runId === undefined ? undefined : findRunLog(request.projectRoot, runId)) ?? pendingRunLogPath(request.projectRoot, runId);
  mkdirSync(path.dirname(logPath), { recursive: true });
  const logFd = openSync(logPath, 'a');
  const full: RunRequest = { ...request, runId, logPath };
  let child;
  try {
    const nodePath = options.nodePath ?? process.execPath;
    child = spawn(nodePath, runnerArguments(nodePath), {
      cwd: request.projectRoot,
      env: buildRunnerProcessEnv(options.env ?? process.env),
      stdio: ['pipe', logFd, logFd],
      detached: true,
    });
  } finally {
    closeSync(logFd);
  }
  const stdin = child.stdin;
  await new Promise<void>((resolve) => {
    if (stdin === null) return resolve();
    stdin.once('error', () => resolve());
    stdin.end(JSON.stringify(full), () => resolve());
  });
  child.unref();
  return { runId, pid: child.pid, logPath };
}
