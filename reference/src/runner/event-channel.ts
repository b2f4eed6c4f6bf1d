// Engine events as NDJSON over a file descriptor (fd 3 of the run process): batched writer, line reader.
import { fstatSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { EngineEvent } from '../engine/events.js';

/** The file descriptor the parent reads events from. */
export const EVENTS_FD = 3;

/** Writes events as NDJSON lines, batched per event-loop turn. Write errors (parent gone) disable it. */
export interface EventWriter {
  write(event: EngineEvent): void;
  /** Flush and close; resolves when the data has been handed to the OS. */
  close(): Promise<void>;
  /** Write whatever is buffered synchronously (for exit handlers); best effort. */
  flushSync(): void;
}

/** An event writer on `fd`, or a no-op writer when the descriptor is not open. */
export function createEventWriter(fd: number = EVENTS_FD): EventWriter {
  let socket: Socket | null = null;
  try {
    fstatSync(fd);
    socket = new Socket({ fd, readable: false, writable: true });
    socket.on('error', () => {
      socket = null;
    });
  } catch {
    socket = null;
  }
  let buffer: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (buffer.length === 0 || socket === null) return;
    const chunk = buffer.join('');
    buffer = [];
    socket.write(chunk);
  };
  return {
    write(event) {
      if (socket === null) return;
      buffer.push(`${JSON.stringify(event)}\n`);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flushSync() {
      if (buffer.length === 0 || socket === null) return;
      try {
        // Bypass the socket's async queue: exit handlers cannot wait.
        writeSync(fd, buffer.join(''));
      } catch {
        // Best effort only.
      }
      buffer = [];
    },
    close() {
      flush();
      const current = socket;
      socket = null;
      if (current === null) return Promise.resolve();
      return new Promise((resolve) => {
        current.end(() => resolve());
        current.once('error', () => resolve());
      });
    },
  };
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
