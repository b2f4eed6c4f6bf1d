// The body of the run process: read the RunRequest from stdin, execute it, report on fd 3, exit.
// Started by run-main.ts, either directly or from the V8 startup snapshot of the run bundle (see run-main.ts),
// so nothing here may run at import time.
import { readSync } from 'node:fs';
import { createCancelReason } from '../engine/timeout.js';
import type { EngineEvent } from '../engine/events.js';
import { FINAL_EVENT_TYPES } from '../engine/events.js';
import type { SqliteRunStore } from '../storage/run-store.js';
import { createEventWriter } from './event-channel.js';
import { formatEventLine } from './log-format.js';
import { RUN_EXIT, executeRunRequest } from './run-process.js';
import { parseRunRequest, type RunRequest } from './run-request.js';

/**
 * Run the run process: `node run-main.js` (or the run bundle) with the RunRequest as JSON on stdin, events on
 * fd 3, stdout/stderr going to the run's log file. Exits 0 completed/suspended, 1 failed/cancelled, 2 startup error.
 */
// spec: exec.run-process
export function startRunProcess(): void {
  const events = createEventWriter();
  const controller = new AbortController();
  let store: SqliteRunStore | null = null;
  let request: RunRequest | null = null;
  let finished = false;

  const emit = (event: EngineEvent): void => {
    if (FINAL_EVENT_TYPES.has(event.type)) finished = true;
    const line = formatEventLine(event);
    if (line !== null) process.stdout.write(`${line}\n`);
    events.write(event);
  };

  // spec: exec.run-process — a run never stays `running` after its process is gone.
  const recordDeath = (code: string, message: string, status: 'failed' | 'cancelled' = 'failed'): void => {
    if (finished || store === null || request === null) return;
    finished = true;
    try {
      const at = new Date().toISOString();
      const error = { code, message };
      if (store.transitionRun(request.runId, ['running', 'queued'], status, { error, endedAt: at, exitCode: RUN_EXIT.failed })) {
        const event: EngineEvent =
          status === 'cancelled'
            ? { type: 'run.cancelled', run_id: request.runId, at, error, duration_ms: 0 }
            : { type: 'run.failed', run_id: request.runId, at, error, duration_ms: 0, phase: 'run' };
        emit(event);
        events.flushSync();
      }
    } catch {
      // The parent or reconcileRuns will record it.
    }
  };

  // spec: exec.cancel — first SIGINT/SIGTERM cancels cleanly; a second one gives up at once.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      controller.abort(createCancelReason(`Run cancelled by ${signal}`));
      return;
    }
    recordDeath('RUN_CANCELLED', `Run cancelled by a second ${signal}`, 'cancelled');
    process.exit(RUN_EXIT.failed);
  };

  const main = async (): Promise<number> => {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    process.on('uncaughtException', (error) => {
      recordDeath('INTERNAL', `Uncaught exception in the run process: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      process.exit(RUN_EXIT.failed);
    });
    process.on('unhandledRejection', (reason) => {
      recordDeath('INTERNAL', `Unhandled rejection in the run process: ${reason instanceof Error ? reason.message : String(reason)}`);
      process.exit(RUN_EXIT.failed);
    });
    process.on('exit', (code) => recordDeath('RUN_PROCESS_DIED', `Run process exited with code ${code} before the run ended`));
    try {
      const text = await readStdin();
      // No request at all: a process prepared ahead that its parent did not need (see prepareRunProcess).
      if (text.trim() === '') return RUN_EXIT.startup;
      request = parseRunRequest(text);
    } catch (error) {
      process.stderr.write(`stepyard run process: ${error instanceof Error ? error.message : String(error)}\n`);
      return RUN_EXIT.startup;
    }
    const result = await executeRunRequest(request, {
      emit,
      sendRecords: (frame) => events.write(frame),
      osEnv: process.env,
      signal: controller.signal,
      pid: process.pid,
      onStoreOpen: (opened) => {
        store = opened;
      },
    });
    finished = true;
    store = null;
    await events.close();
    return result.exitCode;
  };

  // Exit explicitly: an abandoned node (timed out, ignoring its signal) must not keep the process alive.
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`stepyard run process crashed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      recordDeath('INTERNAL', error instanceof Error ? error.message : String(error));
      process.exit(RUN_EXIT.failed);
    },
  );
}

// The request is read with blocking reads: the parent writes it and closes the pipe at once, and this skips
// creating process.stdin (a socket) just to read one small message. Should the descriptor be non-blocking
// (EAGAIN), the rest is read through process.stdin.
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let count: number;
    try {
      count = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      break;
    }
    if (count === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
  return Buffer.concat(chunks).toString('utf8');
}
