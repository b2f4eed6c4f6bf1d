// What the history commands need to know about a flow file: its name (as runs record it), description, validity.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'yaml';
import { StepyardError } from '../../errors/stepyard-error.js';
import { loadFlowFile, type LoadResult } from '../../flow/load.js';
import { BUILTIN_NODE_NAMES } from '../../nodes/catalogue.js';
import { resolveFlowReference, resolveFlowsDir } from '../../project/flows.js';
import type { CommandContext } from '../context.js';

/** A flow file as the history commands show it. */
export interface FlowInfo {
  file: string;
  /** The flow's `name` as its runs record it (the file stem when the file has no usable name). */
  name: string;
  description: string | null;
  trigger: string | null;
  load: LoadResult;
}

/** Loads a flow file fully (all checks) and names it even when it is invalid. */
export function readFlowInfo(file: string): FlowInfo {
  const load = loadFlowFile(file, { knownNodes: BUILTIN_NODE_NAMES });
  if (load.ok) {
    return { file, name: load.flow.name, description: load.flow.description, trigger: load.flow.trigger?.uses ?? null, load };
  }
  const raw = readRawTopLevel(file);
  const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : basename(file, extname(file));
  return { file, name, description: typeof raw.description === 'string' ? raw.description : null, trigger: null, load };
}

/**
 * The flow name a `--flow F` / `logs F` filter means: when F resolves to a flow file (stem, `name:` or path),
 * that file's flow name; otherwise F itself (runs of deleted flows stay reachable by name).
 */
export function resolveFlowName(reference: string, ctx: CommandContext, root: string): string {
  const flowsDir = resolveFlowsDir({ cwd: ctx.cwd, env: ctx.env, root });
  try {
    return readFlowInfo(resolveFlowReference(reference, { cwd: ctx.cwd, flowsDir })).name;
  } catch (error) {
    if (error instanceof StepyardError && error.code === 'FLOW_NOT_FOUND') return reference;
    throw error;
  }
}

function readRawTopLevel(file: string): Record<string, unknown> {
  try {
    const value = parse(readFileSync(file, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
