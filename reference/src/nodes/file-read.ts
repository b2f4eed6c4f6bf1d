// file.read: the text of a file, relative to the project directory.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { confinePath } from './confine.js';
import { failFromFsError } from './file-errors.js';
import { laxBoolean } from './lax.js';
import { decodeText, isReadableEncoding } from './text-encoding.js';
import { defineNode, succeed } from './types.js';

const FileReadInput = z.object({
  path: z.string().min(1).describe('file to read, relative to the project directory'),
  encoding: z.string().refine(isReadableEncoding, 'unknown encoding').prefault('utf-8').describe('text encoding (Python names: utf-8, latin-1, ascii, utf-16 ...)'),
  allow_outside_project: laxBoolean().prefault(false).describe('allow a path outside the project directory'),
});

/** file.read: output = the file's whole text, unchanged (no trimming, line endings kept). */
// spec: nodes.file
export const fileReadNode = defineNode({
  name: 'file.read',
  description: 'Read a text file; its content is the output.',
  input: FileReadInput,
  output: z.string().describe('the file content'),
  example: { path: 'notes/today.txt' },
  async run(input, context) {
    const target = confinePath({ value: input.path, field: '/path', allowOutsideProject: input.allow_outside_project }, context, 'file.read');
    if (typeof target !== 'string') return target;
    try {
      return succeed(decodeText(await readFile(target), input.encoding));
    } catch (error) {
      return failFromFsError(error, 'file.read', input.path);
    }
  },
});
