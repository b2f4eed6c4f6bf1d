// Shared pieces of the node tests: invoke a built-in node in-process, temp projects, real local HTTP servers.
import { mkdtempSync, realpathSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInProcessInvoker } from '../src/nodes/in-process-invoker.js';
import { createBuiltinRegistry } from '../src/nodes/registry.js';
import type { LogStream, NodeContext, NodeResult } from '../src/nodes/types.js';

const invoker = createInProcessInvoker(createBuiltinRegistry());

/** What one node call produced. */
export interface Invocation {
  result: NodeResult;
  lines: Array<[LogStream, string]>;
}

/** Options of invokeNode. */
export interface InvokeOptions {
  projectRoot?: string;
  env?: Record<string, string>;
  signal?: AbortSignal;
}

/** Invoke a built-in node the way the engine does (input validation included). */
export async function invokeNode(node: string, inputs: Record<string, unknown>, options: InvokeOptions = {}): Promise<Invocation> {
  const lines: Array<[LogStream, string]> = [];
  const context: NodeContext = {
    runId: 'run-test',
    stepId: 'step',
    execId: 'step',
    attempt: 1,
    projectRoot: options.projectRoot ?? createProject(),
    env: options.env ?? { PATH: process.env.PATH ?? '' },
    log: (message, stream = 'info') => lines.push([stream, message]),
  };
  const result = await invoker.invoke({ node, inputs: inputs as never, context }, options.signal ?? new AbortController().signal);
  return { result, lines };
}

/** A fresh, real temp directory to use as a project root. */
export function createProject(prefix = 'stepyard-nodes-'): string {
  return realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
}

/** A real HTTP server on 127.0.0.1. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every request received: method, url, headers, body text. */
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

/** Start a server whose handler sees the request with its body already read. */
export async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void,
): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function findClosedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
