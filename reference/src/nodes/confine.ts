// Path confinement for nodes that touch the file system: relative to the project root, inside it unless allowed.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fail, type NodeContext, type NodeResult } from './types.js';

/** Symlink hops followed while resolving a path that does not exist yet. */
const MAX_LINK_HOPS = 40;

/** Whether `candidate` is `root` or below it (path-segment aware: /proj2 is not inside /proj). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * The real path `target` stands for, with every symlink resolved, also when the target (or some of its
 * parents) does not exist yet: the deepest existing ancestor is resolved and the rest appended. A dangling
 * symlink is followed to where it points.
 */
export function resolveRealPath(target: string, hops = 0): string {
  try {
    return realpathSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
  }
  const parent = path.dirname(target);
  if (parent === target) return target;
  let isLink = false;
  try {
    isLink = lstatSync(target).isSymbolicLink();
  } catch {
    // Does not exist at all.
  }
  if (isLink && hops < MAX_LINK_HOPS) return resolveRealPath(path.resolve(parent, readlinkSync(target)), hops + 1);
  return path.join(resolveRealPath(parent, hops), path.basename(target));
}

/** What a node passes to confinePath. */
export interface ConfineRequest {
  /** The path as written in the flow. */
  value: string;
  /** The input field it came from, e.g. `/path` (a JSON Pointer inside `with`). */
  field: string;
  allowOutsideProject: boolean;
}

/**
 * Resolve a node's path input against the project root and, unless `allowOutsideProject`, refuse a path
 * whose real location (symlinks resolved) is outside the real project root (FILE_OUTSIDE_PROJECT).
 * Returns the absolute path to use (symlinks not resolved, so outputs show what the flow wrote).
 */
// spec: nodes.confinement
export function confinePath(request: ConfineRequest, context: NodeContext, node: string): string | NodeResult {
  const absolute = path.resolve(context.projectRoot, request.value);
  if (request.allowOutsideProject) return absolute;
  let real: string;
  let root: string;
  try {
    root = realpathSync(context.projectRoot);
    real = resolveRealPath(absolute);
  } catch (error) {
    return { ...fail('FILE_IO_FAILED', `${node}: cannot resolve '${request.value}': ${(error as Error).message}`), field: request.field };
  }
  if (isInside(root, real)) return absolute;
  return {
    ...fail(
      'FILE_OUTSIDE_PROJECT',
      `${node}: '${request.value}' resolves to '${real}', outside the project directory '${root}'. Set allow_outside_project: true to allow it.`,
    ),
    field: request.field,
  };
}
