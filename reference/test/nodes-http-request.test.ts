// http.request against real servers on 127.0.0.1 (node:http), including redirects, timeouts and TLS with an extra CA.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, findClosedPort, invokeNode, startServer, type TestServer } from './nodes-support.js';

let server: TestServer;
let other: TestServer;

beforeAll(async () => {
  other = await startServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ authorization: req.headers.authorization ?? null }));
  });
  server = await startServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/json':
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Custom': 'yes' });
        res.end(JSON.stringify({ items: [1, 2], ok: true }));
        return;
      case '/text':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('plain text\n');
        return;
      case '/echo':
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'] ?? null, body, count: req.headers['x-count'] ?? null }));
        return;
      case '/missing':
        res.writeHead(404, 'Not Found', { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ detail: 'no such item' }));
        return;
      case '/boom':
        res.writeHead(500, 'Internal Server Error');
        res.end('it broke');
        return;
      case '/redirect':
        res.writeHead(302, { Location: '/json' });
        res.end();
        return;
      case '/see-other':
        res.writeHead(303, { Location: '/echo' });
        res.end();
        return;
      case '/loop':
        res.writeHead(301, { Location: '/loop' });
        res.end();
        return;
      case '/elsewhere':
        res.writeHead(307, { Location: `${other.url}/who` });
        res.end();
        return;
      case '/to-ftp':
        res.writeHead(302, { Location: 'ftp://127.0.0.1/file' });
        res.end();
        return;
      case '/gzip':
        res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' });
        res.end(gzipSync(JSON.stringify({ zipped: true })));
        return;
      case '/repeated':
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.end('');
        return;
      case '/latin':
        res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
        return;
      case '/hang':
        return; // never answers
      case '/stall':
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('partial');
        return; // never finishes
      default:
        res.writeHead(400);
        res.end();
    }
  });
});

afterAll(async () => {
  await server.close();
  await other.close();
});

describe('http.request', () => {
  it('parses a JSON body and keeps header names as the server sent them', async () => {
    const { result, lines } = await invokeNode('http.request', { url: `${server.url}/json` });
    expect(result).toMatchObject({
      status: 'success',
      output: { status: 200, headers: { 'Content-Type': 'application/json', 'X-Custom': 'yes' }, body: { items: [1, 2], ok: true } },
    });
    expect(result.output).not.toHaveProperty('error');
    expect(lines).toContainEqual(['info', `http.request: GET ${server.url}/json -> 200 (25 bytes)`]);
  });

  it('returns a body that is not JSON as text, bad UTF-8 replaced', async () => {
    expect((await invokeNode('http.request', { url: `${server.url}/text` })).result.output).toMatchObject({ body: 'plain text\n' });
    expect((await invokeNode('http.request', { url: `${server.url}/latin` })).result.output).toMatchObject({ body: 'caf\uFFFD' });
  });

  it('sends json_body as JSON, upper-cases the method and stringifies header values', async () => {
    const { result } = await invokeNode('http.request', {
      url: `${server.url}/echo`,
      method: 'post',
      json_body: { a: [1, 'x'] },
      headers: { 'X-Count': 5 },
    });
    expect(result.output).toMatchObject({
      status: 201,
      body: { method: 'POST', type: 'application/json', body: '{"a":[1,"x"]}', count: '5' },
    });
  });

  it('sends data as a form, values rendered like interpolation', async () => {
    const { result } = await invokeNode('http.request', { url: `${server.url}/echo`, method: 'PUT', data: { q: 'a b&c', n: 5, t: true, z: null } });
    expect(result.output).toMatchObject({
      body: { method: 'PUT', type: 'application/x-www-form-urlencoded', body: 'q=a+b%26c&n=5&t=True&z=None' },
    });
  });

  it('json_body wins over data; a content type given in headers is kept', async () => {
    const { result } = await invokeNode('http.request', {
      url: `${server.url}/echo`,
      method: 'POST',
      data: { a: 1 },
      json_body: [1],
      headers: { 'content-type': 'application/vnd.x+json' },
    });
    expect(result.output).toMatchObject({ body: { type: 'application/vnd.x+json', body: '[1]' } });
  });

  it.each([
    ['/missing', 404, 'HTTP Error 404: Not Found', { detail: 'no such item' }],
    ['/boom', 500, 'HTTP Error 500: Internal Server Error', 'it broke'],
  ])('an error status %s is an output with error, not a failure', async (route, status, error, body) => {
    const { result } = await invokeNode('http.request', { url: `${server.url}${route}` });
    expect(result).toMatchObject({ status: 'success', output: { status, error, body } });
  });

  it('follows redirects; 303 turns a POST into a GET without body', async () => {
    expect((await invokeNode('http.request', { url: `${server.url}/redirect` })).result.output).toMatchObject({ status: 200, body: { ok: true } });
    const { result } = await invokeNode('http.request', { url: `${server.url}/see-other`, method: 'POST', json_body: { a: 1 } });
    expect(result.output).toMatchObject({ status: 201, body: { method: 'GET', type: null, body: '' } });
  });

  it('drops Authorization when a redirect leaves the origin', async () => {
    const { result } = await invokeNode('http.request', { url: `${server.url}/elsewhere`, headers: { Authorization: 'Bearer s3cret' } });
    expect(result.output).toMatchObject({ status: 200, body: { authorization: null } });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer s3cret');
  });

  it('fails a redirect loop with HTTP_REDIRECT_LIMIT and a redirect to another scheme with HTTP_INVALID_URL', async () => {
    expect((await invokeNode('http.request', { url: `${server.url}/loop` })).result).toMatchObject({ status: 'failed', error: { code: 'HTTP_REDIRECT_LIMIT' } });
    expect((await invokeNode('http.request', { url: `${server.url}/to-ftp` })).result).toMatchObject({ status: 'failed', error: { code: 'HTTP_INVALID_URL' } });
  });

  it('decodes gzip and keeps the last value of a repeated header', async () => {
    expect((await invokeNode('http.request', { url: `${server.url}/gzip` })).result.output).toMatchObject({ body: { zipped: true } });
    expect((await invokeNode('http.request', { url: `${server.url}/repeated` })).result.output).toMatchObject({ headers: { 'Set-Cookie': 'b=2' } });
  });

  it.each([['ftp://127.0.0.1/x'], ['file:///etc/passwd'], ['not a url'], ['127.0.0.1:80/x']])('refuses %s with HTTP_INVALID_URL on /url', async (url) => {
    const { result } = await invokeNode('http.request', { url });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'HTTP_INVALID_URL' }, field: '/url' });
  });

  it('fails a refused connection with HTTP_CONNECTION_FAILED', async () => {
    const port = await findClosedPort();
    const { result } = await invokeNode('http.request', { url: `http://127.0.0.1:${port}/` });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'HTTP_CONNECTION_FAILED', message: expect.stringContaining('ECONNREFUSED') } });
  });

  it('fails an unknown host with HTTP_CONNECTION_FAILED', async () => {
    const { result } = await invokeNode('http.request', { url: 'http://no-such-host.invalid/', timeout: 10 });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'HTTP_CONNECTION_FAILED' } });
  });

  it('times out a server that never answers, and one that stops mid-body (timeout as a string)', async () => {
    expect((await invokeNode('http.request', { url: `${server.url}/hang`, timeout: 0.3 })).result).toMatchObject({
      status: 'failed',
      error: { code: 'HTTP_TIMEOUT' },
    });
    expect((await invokeNode('http.request', { url: `${server.url}/stall`, timeout: '0.3' })).result).toMatchObject({
      status: 'failed',
      error: { code: 'HTTP_TIMEOUT' },
    });
  });

  it('stops when the step signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { result } = await invokeNode('http.request', { url: `${server.url}/hang` }, { signal: controller.signal });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'RUN_CANCELLED' } });
  });

  it.each([
    [{ timeout: 0 }, '/timeout'],
    [{ timeout: 'soon' }, '/timeout'],
    [{ json_body: 'text' }, '/json_body'],
    [{ headers: { a: [1] } }, '/headers/a'],
  ])('rejects invalid input %j naming the field', async (extra, field) => {
    const { result } = await invokeNode('http.request', { url: `${server.url}/json`, ...extra });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'NODE_INPUT_INVALID' }, field });
  });
});

describe('http.request over https with an extra CA', () => {
  let tls: { url: string; caFile: string; close: () => Promise<void> } | null = null;

  beforeAll(async () => {
    tls = await startTlsServer();
  });
  afterAll(async () => {
    await tls?.close();
  });

  it('fails without the CA, succeeds with NODE_EXTRA_CA_CERTS or its stashed name in the run env', async () => {
    if (tls === null) return;
    const url = `${tls.url}/`;
    expect((await invokeNode('http.request', { url })).result).toMatchObject({ status: 'failed', error: { code: 'HTTP_CONNECTION_FAILED' } });
    for (const name of ['NODE_EXTRA_CA_CERTS', 'STEPYARD_NODE_EXTRA_CA_CERTS']) {
      const { result } = await invokeNode('http.request', { url }, { env: { [name]: tls.caFile } });
      expect(result).toMatchObject({ status: 'success', output: { status: 200, body: { secure: true } } });
    }
  });

  it('warns and uses the default CAs when the CA file cannot be read', async () => {
    if (tls === null) return;
    const { result, lines } = await invokeNode('http.request', { url: `${tls.url}/` }, { env: { NODE_EXTRA_CA_CERTS: '/no/such/ca.pem' } });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'HTTP_CONNECTION_FAILED' } });
    expect(lines.some(([stream, line]) => stream === 'warn' && line.includes('/no/such/ca.pem'))).toBe(true);
  });
});

// A CA and a server certificate for 127.0.0.1 made with openssl, and an https server using them.
async function startTlsServer(): Promise<{ url: string; caFile: string; close: () => Promise<void> }> {
  const dir = createProject('stepyard-tls-');
  const file = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Stepyard Test CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  execFileSync('sh', ['-c', 'printf "subjectAltName=IP:127.0.0.1\\n" > ext.cnf'], { cwd: dir });
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
  const server = https.createServer({ key: readFileSync(file('server.key')), cert: readFileSync(file('server.pem')) }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"secure": true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caFile: file('ca.pem'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
