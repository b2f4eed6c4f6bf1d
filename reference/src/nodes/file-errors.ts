// File-system errors of the file nodes as stable codes.
import { EncodingError } from './text-encoding.js';
import { fail, type NodeResult } from './types.js';

/** FILE_NOT_FOUND for a missing path, FILE_IO_FAILED for every other file-system or encoding problem. */
// spec: nodes.file
export function failFromFsError(error: unknown, node: string, shown: string): NodeResult {
  if (error instanceof EncodingError) return fail('FILE_IO_FAILED', `${node}: '${shown}': ${error.message}`);
  const err = error as NodeJS.ErrnoException;
  if (typeof err?.code !== 'string') throw error;
  if (err.code === 'ENOENT') return fail('FILE_NOT_FOUND', `${node}: '${shown}' does not exist`);
  const reason =
    err.code === 'ENOTDIR' ? 'not a directory' : err.code === 'EISDIR' ? 'is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
  return fail('FILE_IO_FAILED', `${node}: '${shown}': ${reason} (${err.code})`);
}
