// `servers:` of a case: tiny canned HTTP responders on 127.0.0.1, started before the first command and
// stopped after the last. `{server.NAME}` in arguments and env values stands for `http://127.0.0.1:PORT`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One canned response. Paths not listed answer 404 with an empty body. */
export interface RouteSpec {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (the connection stays open until the server stops). */
  hang?: boolean;
  /** Announce the whole body's Content-Length, send only this many bytes, then drop the connection. */
  close_after_bytes?: number;
}

/** A server of the case: its routes by path (the query string is ignored). */
export interface ServerSpec {
  routes: Record<string, RouteSpec>;
}

/** Started servers: base URL by name, and a stop function. */
export interface RunningServers {
  urls: Record<string, string>;
  stop(): Promise<void>;
}

/** Start every server of `specs` on an ephemeral port of 127.0.0.1. */
export async function startServers(specs: Readonly<Record<string, ServerSpec>>): Promise<RunningServers> {
  const servers: http.Server[] = [];
  const urls: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const server = http.createServer((req, res) => answer(spec, req, res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  return {
    urls,
    stop: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

function answer(spec: ServerSpec, req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume();
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const route = Object.hasOwn(spec.routes, path) ? spec.routes[path] : undefined;
  if (route === undefined) {
    res.writeHead(404);
    res.end();
    return;
  }
  if (route.hang === true) return;
  const body = Buffer.from(route.body ?? '');
  res.writeHead(route.status ?? 200, { ...route.headers, 'Content-Length': String(body.length) });
  if (route.close_after_bytes === undefined) {
    res.end(body);
    return;
  }
  res.write(body.subarray(0, route.close_after_bytes), () => setTimeout(() => res.socket?.destroy(), 20));
}

/** Replace `{server.NAME}` in `text`; an unknown name throws. */
export function substituteServers(text: string, urls: Readonly<Record<string, string>>): string {
  return text.replace(/\{server\.([a-z][a-z0-9_-]*)\}/g, (_match, name: string) => {
    const url = urls[name];
    if (url === undefined) throw new Error(`placeholder {server.${name}} used but the case has no server '${name}'`);
    return url;
  });
}
