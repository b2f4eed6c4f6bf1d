import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../engine/events.js';
import { isRecordsFrame, readEvents, type ChannelMessage, type RunRecordsFrame } from './event-channel.js';

const STARTED: EngineEvent = { type: 'log', run_id: 'r', at: '2026-01-01T00:00:00.000Z', level: 'info', message: 'héllo ✓' };

async function readAll(chunks: (string | Buffer)[]): Promise<ChannelMessage[]> {
  const stream = new PassThrough();
  const messages: ChannelMessage[] = [];
  const done = readEvents(stream, (message) => messages.push(message));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await done;
  return messages;
}

describe('readEvents', () => {
  it('reads NDJSON split anywhere, even inside a multi-byte character, and a last line without newline', async () => {
    const text = `${JSON.stringify(STARTED)}\n${JSON.stringify(STARTED)}`;
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('✓')) + 1;
    expect(await readAll([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([STARTED, STARTED]);
  });

  it('skips blank and malformed lines', async () => {
    expect(await readAll([`\n{oops\n${JSON.stringify(STARTED)}\r\n\n`])).toEqual([STARTED]);
  });

  it('tells the records frame from events', async () => {
    const frame = { frame: 'run.records', run: { id: 'r' }, steps: [] } as unknown as RunRecordsFrame;
    const messages = await readAll([`${JSON.stringify(STARTED)}\n${JSON.stringify(frame)}\n`]);
    expect(messages.map((message) => isRecordsFrame(message))).toEqual([false, true]);
  });

  it('ends when the stream is destroyed with an error', async () => {
    const stream = new PassThrough();
    const messages: ChannelMessage[] = [];
    const done = readEvents(stream, (message) => messages.push(message));
    stream.write(`${JSON.stringify(STARTED)}\n`);
    stream.destroy(new Error('broken pipe'));
    await done;
    expect(messages).toEqual([STARTED]);
  });
});
