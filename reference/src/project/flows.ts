// Where a project's flows live and how a flow reference on the command line names a file (spec: cli.flow-resolution).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname, join, resolve } from 'node:path';
import { StepyardError } from '../errors/stepyard-error.js';

/** Extensions of flow files. Only these count; `hello.bak` never matches `hello`. */
export const FLOW_EXTENSIONS = ['.yaml', '.yml'] as const;

/** Inputs to flows-directory resolution. */
export interface FlowsDirOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The project root, or null outside a project. */
  root: string | null;
}

/** `$STEPYARD_FLOWS_DIR` (resolved against cwd) when set and non-empty, else `<root>/flows`; null outside a project. */
export function resolveFlowsDir(options: FlowsDirOptions): string | null {
  const fromEnv = options.env.STEPYARD_FLOWS_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(options.cwd, fromEnv);
  return options.root === null ? null : join(options.root, 'flows');
}

/** Absolute paths of the *.yaml / *.yml files directly in `dir`, sorted by file name; [] when `dir` is missing. */
export function listFlowFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => isFlowFileName(name) && isFile(join(dir, name)))
    .sort(compareCodeUnits)
    .map((name) => join(dir, name));
}

/**
 * Resolves a flow reference to an absolute file path. A reference containing a path separator or ending in
 * .yaml/.yml is a path (relative to cwd; a bare file name is also looked up in the flows directory). Any other
 * reference is a name: `<name>.yaml`, then `<name>.yml` in the flows directory, then the first file (by name)
 * whose top-level `name` equals it. Throws FLOW_NOT_FOUND.
 */
export function resolveFlowReference(reference: string, options: { cwd: string; flowsDir: string | null }): string {
  const candidates = isPathLike(reference)
    ? pathCandidates(reference, options)
    : FLOW_EXTENSIONS.flatMap((ext) => (options.flowsDir === null ? [] : [join(options.flowsDir, reference + ext)]));
  const found = candidates.find(isFile);
  if (found !== undefined) return found;
  if (!isPathLike(reference) && options.flowsDir !== null) {
    const byName = listFlowFiles(options.flowsDir).find((file) => readFlowName(file) === reference);
    if (byName !== undefined) return byName;
  }
  throw new StepyardError('FLOW_NOT_FOUND', `flow '${reference}' not found`, { hint: describeAvailable(options.flowsDir) });
}

function isPathLike(reference: string): boolean {
  return reference.includes('/') || reference.includes('\\') || isFlowFileName(reference);
}

function pathCandidates(reference: string, options: { cwd: string; flowsDir: string | null }): string[] {
  const direct = resolve(options.cwd, reference);
  const bare = basename(reference) === reference;
  return bare && options.flowsDir !== null ? [direct, join(options.flowsDir, reference)] : [direct];
}

function isFlowFileName(name: string): boolean {
  return (FLOW_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

// The top-level `name` of a flow file, or null when it cannot be read or parsed (such files are skipped).
function readFlowName(file: string): string | null {
  try {
    // yaml is loaded only when a name lookup needs it: `stepyard run <stem>` must not pay for it.
    const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
    const document = parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof document !== 'object' || document === null) return null;
    const name = (document as Record<string, unknown>).name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

function describeAvailable(flowsDir: string | null): string {
  if (flowsDir === null) return "run 'stepyard init' to create a project, or pass the path of a flow file";
  const names = listFlowFiles(flowsDir).map((file) => basename(file, extname(file)));
  if (names.length === 0) return `no flow files in ${flowsDir}`;
  const shown = names.slice(0, 10).join(', ');
  return `available flows: ${shown}${names.length > 10 ? ', ...' : ''}`;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
