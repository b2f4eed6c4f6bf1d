// Engine events as NDJSON over a file descriptor (fd 3 of the run process): synchronous writer, line reader.
// Besides events, the run process may send one records frame (the stored run and its steps, after the final
// event) so the parent can show the result without opening the state store itself.
import { closeSync, fstatSync, writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { EngineEvent } from '../engine/events.js';
import type { RunRecord, StepRecord } from '../engine/types.js';

/** The file descriptor the parent reads events from. */
export const EVENTS_FD = 3;

/** The stored run and its step records (creation order), as the run process read them back after the run. */
export interface RunRecordsFrame {
  frame: 'run.records';
  run: RunRecord;
  steps: StepRecord[];
}

/** What travels on the channel: engine events and, at most once, a records frame. */
export type ChannelMessage = EngineEvent | RunRecordsFrame;

/** Whether a channel message is the records frame (events have a `type`, frames a `frame`). */
export function isRecordsFrame(message: ChannelMessage): message is RunRecordsFrame {
  return (message as Partial<RunRecordsFrame>).frame === 'run.records';
}

/** Writes events as NDJSON lines. Write errors (parent gone) disable it. */
export interface EventWriter {
  write(event: ChannelMessage): void;
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

/**
 * Call `onMessage` for each NDJSON channel message (engine events, the records frame) read from `stream`, in
 * order; malformed lines are skipped. Resolves when the stream ends, closes or fails.
 */
export function readEvents(stream: Readable, onMessage: (message: ChannelMessage) => void): Promise<void> {
  return new Promise((resolve) => {
    let rest = '';
    const take = (line: string): void => {
      if (line.trim() === '') return;
      let message: ChannelMessage;
      try {
        message = JSON.parse(line) as ChannelMessage;
      } catch {
        return; // Not a message line.
      }
      onMessage(message);
    };
    const finish = (): void => {
      const last = rest;
      rest = '';
      take(last);
      resolve();
    };
    stream.setEncoding('utf8');
    // Plain 'data' chunks split by hand: a readline async iterator costs a promise per line.
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) take(line);
    });
    stream.once('end', finish);
    stream.once('close', finish);
    stream.once('error', finish);
  });
}
