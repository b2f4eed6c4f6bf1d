// http.request: one HTTP request; 4xx/5xx answers are outputs, network problems are failures.
import { z } from 'zod';
import { isStepyardError } from '../errors/stepyard-error.js';
import { renderValue } from '../expressions/values.js';
import type { JsonValue } from '../flow/types.js';
import { sendHttpRequest } from './http-client.js';
import { stringMap, timeoutSeconds } from './lax.js';
import { defineNode, fail, succeed, type NodeResult } from './types.js';

/** Default request timeout of http.* nodes, in seconds (spec: nodes.timeouts). */
export const HTTP_DEFAULT_TIMEOUT_S = 30;

const HttpRequestInput = z.object({
  url: z.string().describe('http:// or https:// URL'),
  method: z
    .string()
    .min(1)
    .prefault('GET')
    .transform((method) => method.toUpperCase())
    .describe('HTTP method, upper-cased'),
  headers: stringMap().nullable().prefault(null).describe('request headers (numbers and booleans become strings)'),
  data: z.record(z.string(), z.unknown()).nullable().prefault(null).describe('form body (application/x-www-form-urlencoded)'),
  json_body: z
    .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
    .nullable()
    .prefault(null)
    .describe('JSON body (application/json); wins over data'),
  timeout: timeoutSeconds(HTTP_DEFAULT_TIMEOUT_S),
});

const HttpRequestOutput = z.object({
  status: z.number().int().describe('final status code (after redirects)'),
  headers: z.record(z.string(), z.string()).describe('response headers as the server spelled them; a repeated header keeps its last value'),
  body: z.unknown().describe('the body parsed as JSON when it is JSON, else its text'),
  error: z.string().optional().describe('"HTTP Error <status>: <reason>" for a 4xx or 5xx answer; absent otherwise'),
});

/** Decode a body as the original did: UTF-8 (bad bytes replaced), then JSON when it parses. */
export function decodeHttpBody(bytes: Buffer): JsonValue {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/**
 * http.request: output `{status, headers, body}` plus `error` for 4xx/5xx. Connection problems, timeouts,
 * bad URLs and redirect loops fail the step with HTTP_* codes.
 */
// spec: nodes.http-request
export const httpRequestNode = defineNode({
  name: 'http.request',
  description: 'Send an HTTP request; the status, headers and body (JSON parsed) are the output.',
  input: HttpRequestInput,
  output: HttpRequestOutput,
  example: { url: 'https://api.example.com/items', method: 'POST', json_body: { name: 'widget' } },
  async run(input, context, signal) {
    const headers: Record<string, string> = { ...(input.headers ?? {}) };
    let body: Buffer | undefined;
    if (input.json_body !== null) {
      body = Buffer.from(JSON.stringify(input.json_body));
      setDefaultHeader(headers, 'Content-Type', 'application/json');
    } else if (input.data !== null) {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(input.data)) form.append(key, renderValue((value ?? null) as JsonValue));
      body = Buffer.from(form.toString());
      setDefaultHeader(headers, 'Content-Type', 'application/x-www-form-urlencoded');
    }
    try {
      const response = await sendHttpRequest({
        url: input.url,
        method: input.method,
        headers,
        ...(body === undefined ? {} : { body }),
        timeoutMs: input.timeout * 1000,
        signal,
        env: context.env,
        warn: (message) => context.log(message, 'warn'),
      });
      const bytes = await response.readAll();
      context.log(`http.request: ${input.method} ${response.url} -> ${response.status} (${bytes.length} bytes)`);
      const output: Record<string, JsonValue> = { status: response.status, headers: response.headers, body: decodeHttpBody(bytes) };
      if (response.status >= 400) output.error = `HTTP Error ${response.status}: ${response.statusText}`;
      return succeed(output);
    } catch (error) {
      return failFromHttpError(error, 'http.request');
    }
  },
});

/** A failed result for an error of the HTTP client; an invalid URL belongs to the `url` input. */
export function failFromHttpError(error: unknown, node: string): NodeResult {
  if (!isStepyardError(error)) throw error;
  const result = fail(error.code, `${node}: ${error.message}`);
  return error.code === 'HTTP_INVALID_URL' ? { ...result, field: '/url' } : result;
}

function setDefaultHeader(headers: Record<string, string>, name: string, value: string): void {
  if (!Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase())) headers[name] = value;
}
