// Project root discovery (spec: cli.project-root). Finding no project is an error, never a reason to create one.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { StepyardError } from '../errors/stepyard-error.js';

/** The directory whose presence marks a project root. */
export const PROJECT_MARKER = '.stepyard';

/** The nearest directory, starting at `start` and walking up, that holds a `.stepyard` directory; null if none. */
export function findProjectRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (isDirectory(join(dir, PROJECT_MARKER))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Like findProjectRoot, but outside a project throws PROJECT_NOT_FOUND (exit 4). */
export function requireProjectRoot(start: string): string {
  const root = findProjectRoot(start);
  if (root !== null) return root;
  throw new StepyardError('PROJECT_NOT_FOUND', `no Stepyard project in ${resolve(start)} or any parent directory`, {
    hint: "run 'stepyard init' to create one here, or change into a project directory",
  });
}

/** Whether `path` exists and is a directory (following symlinks). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
