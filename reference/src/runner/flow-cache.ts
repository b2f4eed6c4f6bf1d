// The run process's cache of validated flows: `.stepyard/cache/flows/<hash of the path>.json` holds the
// FlowDocument of the last successful load of a flow file, with the key it was made under. The key covers
// everything the load depends on: the file's text, the known node names and the loading code itself (the
// identity of the built file this module runs from). A hit skips YAML parsing and validation, which cost about
// 0.1-0.2 ms per step of a long flow on every run. Only successful loads are cached; errors are always found
// afresh. Any problem with the cache (missing, corrupt, unwritable) means a normal load.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { StepyardError } from '../errors/stepyard-error.js';
import { loadFlowText, readFlowText, type LoadOptions, type LoadResult } from '../flow/load.js';
import type { FlowDocument } from '../flow/types.js';
import { STATE_DIR } from '../storage/paths.js';

/** A load as the run process needs it: the flow, or every error. Warnings are not kept. */
export type RunFlowLoad = { ok: true; flow: FlowDocument; cached: boolean } | { ok: false; errors: StepyardError[] };

/** Options of loadFlowForRun. */
export interface FlowCacheOptions extends LoadOptions {
  /** The project root (the cache lives in its .stepyard/); null disables the cache. */
  projectRoot: string | null;
  /** The identity of the loading code; null (the default off the built files) disables the cache. */
  codeIdentity?: string | null;
}

interface CacheEntry {
  key: string;
  flow: FlowDocument;
}

/**
 * Load and validate the flow file at `file` for a run, through the cache when it can be used.
 * A file that cannot be read gives FLOW_FILE_UNREADABLE, as loadFlowFile does.
 */
// spec: flow.validation — the cached document is the one a full load of the same text gave.
export function loadFlowForRun(file: string, options: FlowCacheOptions): RunFlowLoad {
  const read = readFlowText(file);
  if (!read.ok) return { ok: false, errors: [read.error] };
  const text = read.text;
  const identity = options.codeIdentity === undefined ? readCodeIdentity() : options.codeIdentity;
  const entryFile = options.projectRoot === null || identity === null ? null : cacheFileOf(options.projectRoot, file);
  const key = entryFile === null ? null : cacheKey(identity as string, options, text);
  if (entryFile !== null && key !== null) {
    const hit = readEntry(entryFile, key);
    if (hit !== null) return { ok: true, flow: hit, cached: true };
  }
  const loaded: LoadResult = loadFlowText(text, file, options);
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  if (entryFile !== null && key !== null) writeEntry(entryFile, { key, flow: loaded.flow });
  return { ok: true, flow: loaded.flow, cached: false };
}

/** The cache file of a flow file: one per flow path, so the cache never holds more files than there are flows. */
export function cacheFileOf(projectRoot: string, flowFile: string): string {
  const name = createHash('sha256').update(path.resolve(flowFile)).digest('hex').slice(0, 32);
  return path.join(projectRoot, STATE_DIR, 'cache', 'flows', `${name}.json`);
}

function cacheKey(identity: string, options: LoadOptions, text: string): string {
  const nodes = options.knownNodes === undefined ? '*' : options.knownNodes.join(',');
  const inputs = options.checkInputs === undefined ? 'no-input-checks' : 'input-checks';
  return createHash('sha256').update(`${identity}\n${nodes}\n${inputs}\n`).update(text).digest('hex');
}

function readEntry(file: string, key: string): FlowDocument | null {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheEntry>;
    return entry.key === key && typeof entry.flow === 'object' && entry.flow !== null ? entry.flow : null;
  } catch {
    return null;
  }
}

// Written only when JSON gives back exactly this document (no NaN, Infinity or -0 in `with:` values, say).
function writeEntry(file: string, entry: CacheEntry): void {
  try {
    const text = JSON.stringify(entry);
    if (!isDeepStrictEqual((JSON.parse(text) as CacheEntry).flow, entry.flow)) return;
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written is no cache.
  }
}

// The built file this module runs from (the run bundle, or dist/runner/flow-cache.js): its size and mtime change
// whenever the code is built again. Off the built files (sources run through tsx) there is no cache.
function readCodeIdentity(): string | null {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts')) return null;
  try {
    const stats = statSync(self);
    return `${self}:${stats.size}:${stats.mtimeMs}`;
  } catch {
    return null;
  }
}
