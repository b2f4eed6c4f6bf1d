// The BUILT run process (npm run build): the run bundle started plainly and from its V8 startup snapshot, and the
// choice spawn-run makes between them. See reference/scripts/build-bundles.mjs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readEvents, type ChannelMessage } from '../src/runner/event-channel.js';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const BUNDLE = path.join(DIST, 'bundle', 'run.cjs');
const BLOB = path.join(DIST, 'bundle', 'run.blob');

const FLOW = `name: bundled
steps:
  - id: hello
    uses: shell.run
    with: {command: "echo hi from \${{ vars.who }}"}
  - id: echo
    uses: system.echo
    with: {value: "\${{ steps.hello.output.stdout }}"}
`;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'stepyard-bundle-'));
  roots.push(root);
  mkdirSync(path.join(root, 'flows'));
  writeFileSync(path.join(root, 'flows', 'bundled.yaml'), FLOW);
  return root;
}

// Start `node ...args` as a run process would be (request on stdin, messages on fd 3) and collect what it says.
async function runProcess(args: string[], root: string): Promise<{ code: number | null; messages: ChannelMessage[]; log: string }> {
  const request = { runId: `run-bundle-${Date.now()}`, projectRoot: root, flowFile: 'flows/bundled.yaml', logPath: null, vars: { who: 'the bundle' }, sendRecords: true };
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const messages: ChannelMessage[] = [];
  const read = readEvents(child.stdio[3] as Readable, (message) => messages.push(message));
  child.stdin.end(JSON.stringify(request));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  await read;
  return { code, messages, log };
}

function summarize(messages: ChannelMessage[]): unknown[] {
  return messages.map((message) => ('frame' in message ? `frame:${message.steps.map((step) => `${step.execId}=${step.status}`).join(',')}` : message.type));
}

const EXPECTED = [
  'run.started',
  'step.started',
  'log',
  'step.completed',
  'step.started',
  'step.completed',
  'run.completed',
  'frame:hello=completed,echo=completed',
];

describe('the built run process', () => {
  it('runs a flow from the plain bundle', async () => {
    const result = await runProcess([BUNDLE], project());
    expect(result.log).not.toMatch(/Error|Warning/);
    expect(result.code).toBe(0);
    expect(summarize(result.messages)).toEqual(EXPECTED);
  });

  it('runs a flow from the startup snapshot built by npm run build (native addon loaded at run time)', async () => {
    expect(existsSync(BLOB), 'npm run build makes dist/bundle/run.blob (unless STEPYARD_NO_SNAPSHOT=1)').toBe(true);
    const result = await runProcess(['--snapshot-blob', BLOB, BUNDLE], project());
    expect(result.log).not.toMatch(/Error|Warning/);
    expect(result.code).toBe(0);
    expect(summarize(result.messages)).toEqual(EXPECTED);
    const completed = result.messages.find((message) => 'type' in message && message.type === 'step.completed' && message.exec_id === 'echo');
    expect(completed).toMatchObject({ output: 'hi from the bundle' });
  });

  it('is started from the snapshot by the built spawn-run, which checked it was made by this node', async () => {
    const { runnerArguments } = (await import(pathToFileURL(path.join(DIST, 'runner', 'spawn-run.js')).href)) as { runnerArguments: (node?: string) => string[] };
    expect(runnerArguments()).toEqual(['--snapshot-blob', BLOB, BUNDLE]);
    const meta = JSON.parse(readFileSync(path.join(DIST, 'bundle', 'run.blob.json'), 'utf8')) as { node: string; exec_path: string };
    expect(meta).toMatchObject({ node: process.version, exec_path: process.execPath });
  });
});
