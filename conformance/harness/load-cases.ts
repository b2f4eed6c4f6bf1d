// Finds and loads case files: YAML, schema-checked (case.schema.json), id equal to the path.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import type { CaseCommand, ConformanceCase } from './types.js';

/** A case file that could not be loaded. */
export interface CaseLoadProblem {
  path: string;
  message: string;
}

/** Every *.yaml / *.yml file under `casesDir`, as '/'-separated paths relative to it, sorted. */
export function findCaseFiles(casesDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), rel);
      else if (/\.ya?ml$/.test(entry.name)) found.push(rel);
    }
  };
  walk(casesDir, '');
  return found.sort();
}

/** The id a case file must carry: its path under cases/ without extension, '/' replaced by '.'. */
export function caseIdFromPath(relativePath: string): string {
  return relativePath.replace(/\.ya?ml$/, '').split('/').join('.');
}

/** Loads every case under `casesDir`, validating each against the case schema at `schemaPath`. */
export function loadCases(casesDir: string, schemaPath: string): { cases: ConformanceCase[]; problems: CaseLoadProblem[] } {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  const cases: ConformanceCase[] = [];
  const problems: CaseLoadProblem[] = [];
  for (const path of findCaseFiles(casesDir)) {
    let data: unknown;
    try {
      data = parse(readFileSync(join(casesDir, path), 'utf8'));
    } catch (error) {
      problems.push({ path, message: `not valid YAML: ${(error as Error).message}` });
      continue;
    }
    if (!validate(data)) {
      const details = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
      problems.push({ path, message: `does not match case.schema.json: ${details.join('; ')}` });
      continue;
    }
    const loaded = toCase(data as RawCase, path);
    if (loaded.id !== caseIdFromPath(path)) {
      problems.push({ path, message: `id '${loaded.id}' does not match its path (expected '${caseIdFromPath(path)}')` });
      continue;
    }
    cases.push(loaded);
  }
  return { cases, problems };
}

interface RawCase {
  id: string;
  description: string;
  spec: string[];
  features?: string[];
  project?: boolean;
  files?: Record<string, string>;
  flow?: Record<string, unknown> | string;
  flow_file?: string;
  env?: Record<string, string>;
  cwd?: string;
  servers?: ConformanceCase['servers'];
  invoke?: string[];
  stdin?: string;
  expect?: CaseCommand['expect'];
  sequence?: CaseCommand[];
}

function toCase(raw: RawCase, path: string): ConformanceCase {
  const single: CaseCommand[] =
    raw.invoke !== undefined && raw.expect !== undefined
      ? [{ invoke: raw.invoke, expect: raw.expect, ...(raw.stdin === undefined ? {} : { stdin: raw.stdin }) }]
      : [];
  const loaded: ConformanceCase = {
    id: raw.id,
    description: raw.description,
    spec: raw.spec,
    features: raw.features ?? [],
    project: raw.project !== false,
    files: raw.files ?? {},
    flowFile: raw.flow_file ?? 'case.yaml',
    env: raw.env ?? {},
    servers: raw.servers ?? {},
    commands: raw.sequence ?? single,
    path,
  };
  if (raw.flow !== undefined) loaded.flow = raw.flow;
  if (raw.cwd !== undefined) loaded.cwd = raw.cwd;
  return loaded;
}
