// Entry of the run process: `node run-main.js` with the RunRequest as JSON on stdin, events on fd 3,
// stdout/stderr going to the run's log file. Exit 0 completed/suspended, 1 failed/cancelled, 2 startup error.
import { createCancelReason } from '../engine/timeout.js';
import type { EngineEvent } from '../engine/events.js';
import { FINAL_EVENT_TYPES } from '../engine/events.js';
import type { SqliteRunStore } from '../storage/run-store.js';
import { createEventWriter } from './event-channel.js';
import { formatEventLine } from './log-format.js';
import { RUN_EXIT, executeRunRequest } from './run-process.js';
import { parseRunRequest, type RunRequest } from './run-request.js';

const events = createEventWriter();
const controller = new AbortController();
let store: SqliteRunStore | null = null;
let request: RunRequest | null = null;
let finished = false;

function emit(event: EngineEvent): void {
  if (FINAL_EVENT_TYPES.has(event.type)) finished = true;
  const line = formatEventLine(event);
  if (line !== null) process.stdout.write(`${line}\n`);
  events.write(event);
}

// spec: exec.cancel — first SIGINT/SIGTERM cancels cleanly; a second one gives up at once.
function onSignal(signal: NodeJS.Signals): void {
  if (!controller.signal.aborted) {
    controller.abort(createCancelReason(`Run cancelled by ${signal}`));
    return;
  }
  recordDeath('RUN_CANCELLED', `Run cancelled by a second ${signal}`, 'cancelled');
  process.exit(RUN_EXIT.failed);
}

// spec: exec.run-process — a run never stays `running` after its process is gone.
function recordDeath(code: string, message: string, status: 'failed' | 'cancelled' = 'failed'): void {
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
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
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
    request = parseRunRequest(await readStdin());
  } catch (error) {
    process.stderr.write(`stepyard run process: ${error instanceof Error ? error.message : String(error)}\n`);
    return RUN_EXIT.startup;
  }
  const result = await executeRunRequest(request, {
    emit,
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
}

// Exit explicitly: an abandoned node (timed out, ignoring its signal) must not keep the process alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`stepyard run process crashed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    recordDeath('INTERNAL', error instanceof Error ? error.message : String(error));
    process.exit(RUN_EXIT.failed);
  },
);
