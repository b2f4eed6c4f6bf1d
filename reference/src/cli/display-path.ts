import { isAbsolute, relative, sep } from 'node:path';

/** A path as shown to the user and in --json output: relative to cwd with '/' separators, absolute when elsewhere. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  if (isAbsolute(rel)) return path;
  return sep === '/' ? rel : rel.split(sep).join('/');
}
