// http.download: stream a URL into a file atomically (temp file in the same directory, then rename).
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isStepyardError } from '../errors/stepyard-error.js';
import type { JsonValue } from '../flow/types.js';
import { confinePath } from './confine.js';
import { sendHttpRequest } from './http-client.js';
import { failFromHttpError, HTTP_DEFAULT_TIMEOUT_S } from './http-request.js';
import { laxBoolean, stringMap, timeoutSeconds } from './lax.js';
import { defineNode, fail, succeed } from './types.js';

const CHECKSUM = /^(sha256:[0-9a-fA-F]{64}|sha512:[0-9a-fA-F]{128})$/;

const HttpDownloadInput = z.object({
  url: z.string().describe('http:// or https:// URL'),
  dest: z.string().min(1).describe('file to write, relative to the project directory'),
  headers: stringMap().nullable().prefault(null).describe('request headers'),
  checksum: z
    .string()
    .regex(CHECKSUM, 'checksum must be sha256:<64 hex digits> or sha512:<128 hex digits>')
    .nullable()
    .prefault(null)
    .describe('expected digest, sha256:<hex> or sha512:<hex>; a mismatch fails and leaves no file'),
  timeout: timeoutSeconds(HTTP_DEFAULT_TIMEOUT_S),
  allow_outside_project: laxBoolean().prefault(false).describe('allow a dest outside the project directory'),
  details: laxBoolean().prefault(false).describe('output {path, bytes, sha256, status, content_type} instead of the path'),
});

const DownloadDetails = z.object({
  path: z.string().describe('absolute path of the file'),
  bytes: z.number().int().describe('size of the file'),
  sha256: z.string().describe('SHA-256 of the file, hex'),
  status: z.number().int().describe('HTTP status'),
  content_type: z.string().nullable().describe('Content-Type of the response, if any'),
});

/**
 * http.download: output the absolute path of the written file (or, with `details: true`, an object).
 * 4xx/5xx fail (HTTP_STATUS_ERROR); a checksum mismatch fails (HTTP_CHECKSUM_MISMATCH); the file at `dest`
 * is replaced only by a complete, verified download.
 */
// spec: nodes.http-download
export const httpDownloadNode = defineNode({
  name: 'http.download',
  description: 'Download a URL into a file (atomic; optional checksum); the absolute path is the output.',
  input: HttpDownloadInput,
  output: z.union([z.string().describe('absolute path of the file'), DownloadDetails]),
  example: { url: 'https://example.com/release.tar.gz', dest: 'downloads/release.tar.gz', checksum: `sha256:${'0'.repeat(64)}` },
  async run(input, context, signal) {
    const dest = confinePath({ value: input.dest, field: '/dest', allowOutsideProject: input.allow_outside_project }, context, 'http.download');
    if (typeof dest !== 'string') return dest;
    const directory = path.dirname(dest);
    const temp = path.join(directory, `.${path.basename(dest)}.${randomBytes(6).toString('hex')}.part`);
    let created = false;
    try {
      await mkdir(directory, { recursive: true });
      const response = await sendHttpRequest({
        url: input.url,
        method: 'GET',
        headers: input.headers ?? {},
        timeoutMs: input.timeout * 1000,
        signal,
        env: context.env,
        decompress: false,
        warn: (message) => context.log(message, 'warn'),
      });
      if (response.status >= 400) {
        response.discard();
        return fail('HTTP_STATUS_ERROR', `http.download: HTTP Error ${response.status}: ${response.statusText} (${response.url})`);
      }
      const sha256 = createHash('sha256');
      const expected = input.checksum === null ? null : parseChecksum(input.checksum);
      const verify = expected === null || expected.algorithm === 'sha256' ? null : createHash(expected.algorithm);
      let bytes = 0;
      created = true;
      await response.writeTo(createWriteStream(temp, { flags: 'wx' }), (chunk) => {
        bytes += chunk.length;
        sha256.update(chunk);
        verify?.update(chunk);
      });
      const digest = sha256.digest('hex');
      if (expected !== null) {
        const actual = verify === null ? digest : verify.digest('hex');
        if (actual !== expected.hex) {
          return fail('HTTP_CHECKSUM_MISMATCH', `http.download: ${expected.algorithm} of ${response.url} is ${actual}, expected ${expected.hex}`);
        }
      }
      await syncFile(temp);
      await rename(temp, dest);
      created = false;
      context.log(`http.download: ${bytes} bytes from ${response.url} to ${dest} (sha256 ${digest})`);
      if (!input.details) return succeed(dest);
      const details: Record<string, JsonValue> = {
        path: dest,
        bytes,
        sha256: digest,
        status: response.status,
        content_type: findHeader(response.headers, 'content-type'),
      };
      return succeed(details);
    } catch (error) {
      if (isStepyardError(error)) return failFromHttpError(error, 'http.download');
      return fail('FILE_IO_FAILED', `http.download: cannot write '${input.dest}': ${(error as Error).message}`);
    } finally {
      if (created) await rm(temp, { force: true });
    }
  },
});

function parseChecksum(text: string): { algorithm: 'sha256' | 'sha512'; hex: string } {
  const [algorithm, hex = ''] = text.split(':');
  return { algorithm: algorithm === 'sha512' ? 'sha512' : 'sha256', hex: hex.toLowerCase() };
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function findHeader(headers: Record<string, string>, name: string): string | null {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? null : (headers[key] ?? null);
}
