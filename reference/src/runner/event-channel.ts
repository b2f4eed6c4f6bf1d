// Engine events as NDJSON over a file descriptor (fd 3 of the run process): synchronous writer, line reader.
import { closeSync, fstatSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { EngineEvent } from '../engine/events.js';

/** The file descriptor the parent reads events from. */
export const EVENTS_FD = 3;

/** Writes events as NDJSON lines. Write errors (parent gone) disable it. */
export interface EventWriter {
  write(event: EngineEvent): void;
  /** Flush and close; resolves when the data has been handed to the OS. */
  close(): Promise<void>;
  /** Write whatever is still pending synchronously (for exit handlers); best effort. */
  flushSync(): void;
}

const EMPTY = Buffer.alloc(0);

/**
 * An event writer on `fd`, or a no-op writer when the descriptor is not open. Each event is handed to the
 * OS at once (one write per event), so a run process killed right after emitting an event still delivers
 * it; only when the pipe is full (EAGAIN) does the rest wait for the next event-loop turn.
 */
export function createEventWriter(fd: number = EVENTS_FD): EventWriter {
  let open = isOpen(fd);
  let pending: Buffer = EMPTY;
  let retry: NodeJS.Immediate | null = null;
  // Returns true when everything was written (or the channel is gone), false on EAGAIN.
  const drain = (): boolean => {
    while (open && pending.length > 0) {
      try {
        const written = writeSync(fd, pending);
        pending = written >= pending.length ? EMPTY : pending.subarray(written);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return false;
        open = false;
        pending = EMPTY;
      }
    }
    return true;
  };
  const drainLater = (): void => {
    retry = null;
    if (!drain()) retry = setImmediate(drainLater);
  };
  return {
    write(event) {
      if (!open) return;
      const line = Buffer.from(`${JSON.stringify(event)}\n`);
      pending = pending.length === 0 ? line : Buffer.concat([pending, line]);
      if (retry === null && !drain()) retry = setImmediate(drainLater);
    },
    flushSync() {
      for (let tries = 0; tries < 1000 && !drain(); tries += 1);
    },
    async close() {
      while (!drain()) await new Promise((resolve) => setImmediate(resolve));
      if (retry !== null) clearImmediate(retry);
      if (open) {
        open = false;
        try {
          closeSync(fd);
        } catch {
          // Already closed.
        }
      }
    },
  };
}

function isOpen(fd: number): boolean {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

/** Read NDJSON engine events from a stream; malformed lines are skipped. */
export async function* readEvents(stream: Readable): AsyncGenerator<EngineEvent> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as EngineEvent;
    } catch {
      // Not an event line.
    }
  }
}
