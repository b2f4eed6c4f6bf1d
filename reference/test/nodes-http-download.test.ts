// http.download against a real server: atomic writes, checksums, a server dying mid-body, confinement.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, invokeNode, startServer, type TestServer } from './nodes-support.js';

const PAYLOAD = Buffer.from('x'.repeat(70_000) + 'end');
const SHA256 = createHash('sha256').update(PAYLOAD).digest('hex');
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    switch (req.url) {
      case '/file.bin':
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(PAYLOAD.length) });
        res.end(PAYLOAD);
        return;
      case '/dies':
        res.writeHead(200, { 'Content-Length': '100000' });
        res.write(PAYLOAD.subarray(0, 1000), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      case '/stall':
        res.writeHead(200, { 'Content-Length': '100000' });
        res.write(PAYLOAD.subarray(0, 1000));
        return;
      case '/auth':
        res.end(req.headers.authorization ?? 'none');
        return;
      default:
        res.writeHead(404, 'Not Found');
        res.end('nope');
    }
  });
});
afterAll(() => server.close());

function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('http.download', () => {
  it('writes dest relative to the project root, creating parents; the output is the absolute path', async () => {
    const root = createProject();
    const { result, lines } = await invokeNode('http.download', { url: `${server.url}/file.bin`, dest: 'out/deep/file.bin' }, { projectRoot: root });
    const dest = path.join(root, 'out/deep/file.bin');
    expect(result).toEqual({ status: 'success', output: dest });
    expect(readFileSync(dest).equals(PAYLOAD)).toBe(true);
    expect(listAll(root)).toEqual(['out', 'out/deep', 'out/deep/file.bin']);
    expect(lines.some(([, line]) => line.includes(SHA256))).toBe(true);
  });

  it('with details: true, outputs path, bytes, sha256, status and content type', async () => {
    const root = createProject();
    const { result } = await invokeNode('http.download', { url: `${server.url}/file.bin`, dest: 'f.bin', details: 'yes' }, { projectRoot: root });
    expect(result.output).toEqual({ path: path.join(root, 'f.bin'), bytes: PAYLOAD.length, sha256: SHA256, status: 200, content_type: 'application/octet-stream' });
  });

  it('accepts a matching checksum (any case)', async () => {
    const root = createProject();
    const { result } = await invokeNode('http.download', { url: `${server.url}/file.bin`, dest: 'f.bin', checksum: `sha256:${SHA256.toUpperCase()}` }, { projectRoot: root });
    expect(result.status).toBe('success');
    const sha512 = createHash('sha512').update(PAYLOAD).digest('hex');
    expect((await invokeNode('http.download', { url: `${server.url}/file.bin`, dest: 'g.bin', checksum: `sha512:${sha512}` }, { projectRoot: root })).result.status).toBe('success');
  });

  it('a checksum mismatch fails, leaves no new file and keeps the old one', async () => {
    const root = createProject();
    writeFileSync(path.join(root, 'f.bin'), 'old');
    const { result } = await invokeNode('http.download', { url: `${server.url}/file.bin`, dest: 'f.bin', checksum: `sha256:${'0'.repeat(64)}` }, { projectRoot: root });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'HTTP_CHECKSUM_MISMATCH' } });
    expect(listAll(root)).toEqual(['f.bin']);
    expect(readFileSync(path.join(root, 'f.bin'), 'utf8')).toBe('old');
  });

  it('a server dying mid-body fails with HTTP_CONNECTION_FAILED and leaves no file', async () => {
    const root = createProject();
    const { result } = await invokeNode('http.download', { url: `${server.url}/dies`, dest: 'dl/f.bin' }, { projectRoot: root });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'HTTP_CONNECTION_FAILED' } });
    expect(listAll(root)).toEqual(['dl']);
  });

  it('a stalled body fails with HTTP_TIMEOUT and leaves no file', async () => {
    const root = createProject();
    const { result } = await invokeNode('http.download', { url: `${server.url}/stall`, dest: 'f.bin', timeout: 0.3 }, { projectRoot: root });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'HTTP_TIMEOUT' } });
    expect(listAll(root)).toEqual([]);
  });

  it('an error status fails with HTTP_STATUS_ERROR (unlike http.request) and writes nothing', async () => {
    const root = createProject();
    const { result } = await invokeNode('http.download', { url: `${server.url}/missing`, dest: 'f.bin' }, { projectRoot: root });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'HTTP_STATUS_ERROR', message: expect.stringContaining('404') } });
    expect(listAll(root)).toEqual([]);
  });

  it('sends headers', async () => {
    const root = createProject();
    await invokeNode('http.download', { url: `${server.url}/auth`, dest: 'a.txt', headers: { Authorization: 'Bearer t0ken' } }, { projectRoot: root });
    expect(readFileSync(path.join(root, 'a.txt'), 'utf8')).toBe('Bearer t0ken');
  });

  it('refuses a dest outside the project unless allowed', async () => {
    const base = createProject();
    const root = path.join(base, 'proj');
    mkdirSync(root);
    const { result } = await invokeNode('http.download', { url: `${server.url}/file.bin`, dest: '../proj2/f.bin' }, { projectRoot: root });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'FILE_OUTSIDE_PROJECT' }, field: '/dest' });
    expect(existsSync(path.join(base, 'proj2'))).toBe(false);
    const allowed = await invokeNode('http.download', { url: `${server.url}/file.bin`, dest: '../proj2/f.bin', allow_outside_project: true }, { projectRoot: root });
    expect(allowed.result).toEqual({ status: 'success', output: path.join(base, 'proj2/f.bin') });
  });

  it.each([[{ checksum: 'md5:abc' }, '/checksum'], [{ dest: '' }, '/dest'], [{ url: 'ftp://x/y' }, '/url']])('rejects %j on %s', async (extra, field) => {
    const root = createProject();
    const { result } = await invokeNode('http.download', { url: `${server.url}/file.bin`, dest: 'f.bin', ...extra }, { projectRoot: root });
    expect(result).toMatchObject({ status: 'failed', field });
    expect(listAll(root)).toEqual([]);
  });
});
