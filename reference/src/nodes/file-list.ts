// file.list: the entry names of a directory, relative to the project directory.
import { readdir } from 'node:fs/promises';
import { z } from 'zod';
import { confinePath } from './confine.js';
import { failFromFsError } from './file-errors.js';
import { laxBoolean } from './lax.js';
import { defineNode, succeed } from './types.js';

const FileListInput = z.object({
  path: z.string().min(1).describe('directory to list, relative to the project directory'),
  allow_outside_project: laxBoolean().prefault(false).describe('allow a path outside the project directory'),
});

/** file.list: output = the names of the directory's entries (files, directories, links), sorted, not recursive. */
// spec: nodes.file
export const fileListNode = defineNode({
  name: 'file.list',
  description: 'List the entry names of a directory (sorted, not recursive).',
  input: FileListInput,
  output: z.array(z.string()).describe('entry names, sorted by code point'),
  example: { path: 'reports' },
  async run(input, context) {
    const target = confinePath({ value: input.path, field: '/path', allowOutsideProject: input.allow_outside_project }, context, 'file.list');
    if (typeof target !== 'string') return target;
    try {
      const names = await readdir(target);
      return succeed(names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    } catch (error) {
      return failFromFsError(error, 'file.list', input.path);
    }
  },
});
