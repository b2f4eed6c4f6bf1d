// The one HTTP client of the built-in nodes (http.*, llm.generate): node:http(s) with an inactivity timeout,
// the step's AbortSignal, redirects, decompression and the extra CA file of the run environment.
// Not the global fetch: Node 20's fetch cannot take extra CA certificates without the undici package.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { pipeline as pipelineCallback, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { rootCertificates } from 'node:tls';
import zlib from 'node:zlib';
import { isStepyardError, StepyardError } from '../errors/stepyard-error.js';

/** Redirects followed before HTTP_REDIRECT_LIMIT. */
export const MAX_REDIRECTS = 10;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** One request. */
export interface HttpRequestSpec {
  url: string;
  method: string;
  headers: Readonly<Record<string, string>>;
  body?: Buffer;
  /** Longest wait, in ms, for the connection, the response head, or the next piece of the body. */
  timeoutMs: number;
  signal: AbortSignal;
  /** The run environment: NODE_EXTRA_CA_CERTS (or STEPYARD_NODE_EXTRA_CA_CERTS) names extra CA certificates. */
  env: Readonly<Record<string, string>>;
  /** Ask for and undo gzip/deflate/br content encoding (default true). */
  decompress?: boolean;
  /** Called with warnings worth a log line (an unreadable CA file). */
  warn?: (message: string) => void;
}

/** A response whose body has not been read yet. */
export interface HttpResponse {
  /** The URL after redirects. */
  url: string;
  status: number;
  statusText: string;
  /** Header names as the server sent them; a repeated header keeps its last value. */
  headers: Record<string, string>;
  /** Read the whole (decoded) body. Rejects with HTTP_CONNECTION_FAILED, HTTP_TIMEOUT or the abort reason. */
  readAll(): Promise<Buffer>;
  /** Stream the (decoded) body into `sink`, calling `onChunk` for each piece. Rejects like readAll. */
  writeTo(sink: Writable, onChunk?: (chunk: Buffer) => void): Promise<void>;
  /** Drop the body without reading it. */
  discard(): void;
}

/** Parse an http or https URL; anything else is HTTP_INVALID_URL. */
// spec: nodes.http-request
export function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StepyardError('HTTP_INVALID_URL', `'${text}' is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StepyardError('HTTP_INVALID_URL', `only http and https URLs are allowed, not '${url.protocol.slice(0, -1)}'`);
  }
  return url;
}

/**
 * Send a request and resolve once the final response head has arrived (redirects followed). Throws
 * StepyardError: HTTP_INVALID_URL, HTTP_CONNECTION_FAILED, HTTP_TIMEOUT, HTTP_REDIRECT_LIMIT, or the
 * signal's reason when it aborts.
 */
export async function sendHttpRequest(spec: HttpRequestSpec): Promise<HttpResponse> {
  let url = parseHttpUrl(spec.url);
  let method = spec.method.toUpperCase();
  let body = spec.body;
  let headers = { ...spec.headers };
  const ca = loadExtraCa(spec.env, spec.warn);
  for (let hop = 0; ; hop += 1) {
    const { response, touch } = await exchange(url, method, headers, body, spec, ca);
    const location = response.headers.location;
    if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || location === undefined) return wrapResponse(url, response, touch, spec);
    response.resume();
    if (hop >= MAX_REDIRECTS) throw new StepyardError('HTTP_REDIRECT_LIMIT', `more than ${MAX_REDIRECTS} redirects, last to ${location}`);
    const next = parseHttpUrl(new URL(location, url).href);
    const status = response.statusCode ?? 0;
    // 303, and 301/302 after a POST, become a GET without body (as browsers and the original do).
    if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      headers = withoutHeaders(headers, ['content-type', 'content-length']);
    }
    // Credentials never follow a redirect to another origin.
    if (next.origin !== url.origin) headers = withoutHeaders(headers, ['authorization', 'cookie', 'proxy-authorization']);
    url = next;
  }
}

// One request/response exchange, with the inactivity timer and the abort signal wired to it.
function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  spec: HttpRequestSpec,
  ca: string[] | undefined,
): Promise<{ response: http.IncomingMessage; touch: () => void }> {
  return new Promise((resolve, reject) => {
    if (spec.signal.aborted) {
      reject(abortReason(spec.signal));
      return;
    }
    const requestHeaders = defaultHeaders(headers, body, spec.decompress !== false);
    const options: https.RequestOptions = { method, headers: requestHeaders, agent: false, ...(ca === undefined || url.protocol !== 'https:' ? {} : { ca }) };
    const request = (url.protocol === 'https:' ? https : http).request(url, options);
    let response: http.IncomingMessage | null = null;
    let timer: NodeJS.Timeout | undefined;
    const stop = (error: Error): void => {
      if (response !== null) response.destroy(error);
      else request.destroy(error);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => stop(new StepyardError('HTTP_TIMEOUT', `no answer from ${url.host} within ${spec.timeoutMs / 1000}s`)), spec.timeoutMs);
    };
    const onAbort = (): void => stop(abortReason(spec.signal));
    const cleanup = (): void => {
      clearTimeout(timer);
      spec.signal.removeEventListener('abort', onAbort);
    };
    spec.signal.addEventListener('abort', onAbort, { once: true });
    arm();
    // `on`, not `once`: a late second error must not go unhandled (a settled promise ignores it).
    request.on('error', (error) => {
      cleanup();
      reject(toHttpError(error, url));
    });
    request.once('response', (res) => {
      response = res;
      arm();
      // Errors reach whoever reads the body; a body nobody reads must not crash the process.
      res.on('error', () => undefined);
      res.once('end', cleanup);
      res.once('close', cleanup);
      resolve({ response: res, touch: arm });
    });
    request.end(body);
  });
}

function defaultHeaders(headers: Record<string, string>, body: Buffer | undefined, decompress: boolean): Record<string, string> {
  const out = { ...headers };
  const has = (name: string): boolean => Object.keys(out).some((key) => key.toLowerCase() === name);
  if (!has('user-agent')) out['User-Agent'] = 'stepyard';
  if (!has('accept-encoding')) out['Accept-Encoding'] = decompress ? 'gzip, deflate, br' : 'identity';
  if (body !== undefined && !has('content-length')) out['Content-Length'] = String(body.length);
  return out;
}

function withoutHeaders(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => !names.includes(key.toLowerCase())));
}

// The body is read by the caller; each piece read restarts the inactivity timer (`touch`).
function wrapResponse(url: URL, response: http.IncomingMessage, touch: () => void, spec: HttpRequestSpec): HttpResponse {
  const headers: Record<string, string> = {};
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers[raw[i] as string] = raw[i + 1] as string;
  const body = decodeBody(response, spec.decompress !== false);
  return {
    url: url.href,
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    headers,
    async readAll() {
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of body) {
          touch();
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        throw toHttpError(error, url);
      }
      return Buffer.concat(chunks);
    },
    async writeTo(sink, onChunk) {
      try {
        await pipeline(body, async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            touch();
            onChunk?.(chunk);
            yield chunk;
          }
        }, sink);
      } catch (error) {
        throw toHttpError(error, url);
      }
    },
    discard() {
      response.destroy();
    },
  };
}

// Undo the content encoding (gzip, deflate, br); errors of the response reach the decoded stream.
function decodeBody(response: http.IncomingMessage, decompress: boolean): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (!decompress) return response;
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : null;
  if (decoder === null) return response;
  return pipelineCallback(response, decoder, () => undefined);
}

/** Turn a socket, TLS or stream error into HTTP_CONNECTION_FAILED (StepyardErrors pass through). */
export function toHttpError(error: unknown, url: URL): StepyardError {
  if (isStepyardError(error)) return error;
  const err = error as NodeJS.ErrnoException;
  const code = err.code === undefined ? '' : `${err.code}: `;
  if (typeof err.code === 'string' && (err.code.startsWith('Z_') || err.code.startsWith('ERR__'))) {
    return new StepyardError('HTTP_CONNECTION_FAILED', `cannot decode the body from ${url.host}: ${err.message}`, { cause: error });
  }
  return new StepyardError('HTTP_CONNECTION_FAILED', `request to ${url.host} failed: ${code}${err.message ?? String(error)}`, { cause: error });
}

function abortReason(signal: AbortSignal): StepyardError {
  const reason: unknown = signal.reason;
  return isStepyardError(reason) ? reason : new StepyardError('RUN_CANCELLED', 'Run cancelled');
}

const caCache = new Map<string, string[] | null>();

/**
 * The CA list for https requests when the run environment names an extra CA file (NODE_EXTRA_CA_CERTS,
 * which the run process receives as STEPYARD_NODE_EXTRA_CA_CERTS): Node's bundled roots plus that file.
 * Undefined (Node's defaults) without one, or when the file cannot be read (with a warning).
 */
// spec: nodes.http-request
export function loadExtraCa(env: Readonly<Record<string, string>>, warn?: (message: string) => void): string[] | undefined {
  const file = env.NODE_EXTRA_CA_CERTS ?? env.STEPYARD_NODE_EXTRA_CA_CERTS;
  if (file === undefined || file === '') return undefined;
  if (!caCache.has(file)) {
    try {
      caCache.set(file, [...rootCertificates, readFileSync(file, 'utf8')]);
    } catch (error) {
      caCache.set(file, null);
      warn?.(`cannot read the extra CA certificates in '${file}' (${(error as NodeJS.ErrnoException).code ?? String(error)}); using the default CAs`);
    }
  }
  return caCache.get(file) ?? undefined;
}
