// End to end: fixtures/flows/nodes/chain.yaml chains shell, HTTP, file, text, routing and LLM nodes against
// local servers, through the built CLI (`stepyard run --json`), and the API key never reaches the log or the DB.
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO, makeTempDir, removeTempDir, runStepyard } from './cli-support.js';
import { startServer, type TestServer } from './nodes-support.js';

const KEY = 'sk-chain-secret-987654321';
const DATA = 'hello data';
let server: TestServer;
let project: string;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/items') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"items": [1, 2, 3]}');
    } else if (req.url === '/data.txt') res.end(DATA);
    else if (req.url === '/v1/chat/completions') {
      const ok = req.headers.authorization === `Bearer ${KEY}`;
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(ok ? { choices: [{ message: { content: 'a short summary' } }], usage: { prompt_tokens: 9, completion_tokens: 4 } } : { error: 'bad key' }));
    } else {
      res.writeHead(404, 'Not Found');
      res.end('nope');
    }
  });
  project = makeTempDir('stepyard-chain-');
  expect(runStepyard(['init', '.'], project).code).toBe(0);
  copyFileSync(path.join(REPO, 'fixtures/flows/nodes/chain.yaml'), path.join(project, 'flows/chain.yaml'));
});

afterAll(async () => {
  await server.close();
  removeTempDir(project);
});

// The servers live in this process, so the CLI must run without blocking the event loop.
function runAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('STEPYARD_')));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: project, env: { ...base, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => statSync(file).isFile());
}

describe('the node chain through stepyard run --json', () => {
  it('validates', () => {
    expect(runStepyard(['validate', 'flows/chain.yaml', '--json'], project)).toMatchObject({ code: 0 });
  });

  it('runs every node against local servers and keeps the key out of the log and the DB', async () => {
    const sum = createHash('sha256').update(DATA).digest('hex');
    const vars = ['--var', `base=${server.url}`, '--var', `llm=${server.url}/v1/`, '--var', `sum=sha256:${sum}`];
    const result = await runAsync(['run', 'flows/chain.yaml', '--json', ...vars], { LLM_KEY: KEY });
    expect(result.code, result.stderr).toBe(0);
    const run = JSON.parse(result.stdout) as { status: string; step_order: string[]; steps: Record<string, { status: string; output: unknown; inputs: Record<string, unknown> }> };
    expect(run.status).toBe('completed');
    expect(run.step_order).toEqual(['version', 'fetch', 'missing', 'download', 'read', 'render', 'tidy', 'summarize', 'record', 'listing', 'route', 'finish']);
    const output = (id: string) => run.steps[id]?.output;
    expect(output('version')).toEqual({ stdout: '1.2.3', stderr: '', code: 0 });
    expect(output('fetch')).toMatchObject({ status: 200, body: { items: [1, 2, 3] } });
    expect(output('missing')).toMatchObject({ status: 404, error: 'HTTP Error 404: Not Found', body: 'nope' });
    expect(output('download')).toEqual({ path: path.join(project, 'out/data.txt'), bytes: DATA.length, sha256: sum, status: 200, content_type: null });
    expect(output('render')).toBe('release 1.2.3 has 3 items; data: hello data');
    expect(output('summarize')).toEqual({
      output: 'a short summary',
      usage: { input_tokens: 9, output_tokens: 4, total_tokens: 13 },
      model: 'fake-1',
      provider: 'openai-compatible',
    });
    expect(run.steps.summarize?.inputs).toMatchObject({ api_key: '***', model: 'fake-1' });
    expect(output('record')).toBe(path.join(project, 'out/summary.txt'));
    expect(readFileSync(path.join(project, 'out/summary.txt'), 'utf8')).toBe('a short summary');
    expect(output('listing')).toEqual(['data.txt', 'summary.txt']);
    expect(output('finish')).toBe('all good');
    expect(result.stdout).not.toContain(KEY);
    const stored = filesUnder(path.join(project, '.stepyard'));
    expect(stored.some((file) => file.endsWith('.log'))).toBe(true);
    for (const file of stored) expect([file, readFileSync(file).includes(KEY)]).toEqual([file, false]);
  });
});
