// file.write: write text to a file (parents created, overwritten), relative to the project directory.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { confinePath } from './confine.js';
import { failFromFsError } from './file-errors.js';
import { laxBoolean } from './lax.js';
import { encodeText, isWritableEncoding, SUPPORTED_ENCODINGS } from './text-encoding.js';
import { defineNode, succeed } from './types.js';

const FileWriteInput = z.object({
  path: z.string().min(1).describe('file to write, relative to the project directory'),
  content: z.string().describe('the text to write (a string; numbers are not converted)'),
  encoding: z
    .string()
    .refine(isWritableEncoding, `unknown encoding; use one of ${SUPPORTED_ENCODINGS.join(', ')}`)
    .prefault('utf-8')
    .describe(`text encoding: ${SUPPORTED_ENCODINGS.join(', ')}`),
  allow_outside_project: laxBoolean().prefault(false).describe('allow a path outside the project directory'),
});

/** file.write: output = the absolute path written. An existing file is replaced. */
// spec: nodes.file
export const fileWriteNode = defineNode({
  name: 'file.write',
  description: 'Write text to a file (parent directories created); the absolute path is the output.',
  input: FileWriteInput,
  output: z.string().describe('absolute path of the file'),
  example: { path: 'reports/summary.md', content: '# Summary\n' },
  async run(input, context) {
    const target = confinePath({ value: input.path, field: '/path', allowOutsideProject: input.allow_outside_project }, context, 'file.write');
    if (typeof target !== 'string') return target;
    try {
      const bytes = encodeText(input.content, input.encoding);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes);
      return succeed(target);
    } catch (error) {
      return failFromFsError(error, 'file.write', input.path);
    }
  },
});
