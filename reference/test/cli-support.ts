// Shared helpers of the cli-*.test.ts files: spawn the BUILT CLI (reference/dist) in temp directories.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** The repository root. */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The built executable (npm run build / the root pretest script produce it). */
export const CLI = join(REPO, 'reference', 'dist', 'cli', 'main.js');

/** What one CLI invocation produced. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `stepyard ...args` in `cwd` with a clean environment (no STEPYARD_* from the caller). */
export function runStepyard(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('STEPYARD_')));
  const result = spawnSync(process.execPath, ['--', CLI, ...args], { cwd, env: { ...base, NO_COLOR: '1', ...env }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory (real path); remember to remove it with removeTempDir. */
export function makeTempDir(prefix = 'stepyard-cli-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/** Removes a temp directory made by makeTempDir. */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Validates a value against a schema of spec/schemas by file name; returns ajv's errors (empty when valid). */
export function validateAgainstSpecSchema(schemaFile: string, value: unknown): string[] {
  const validate = specSchemas().getSchema(`https://stepyard.dev/schemas/${schemaFile}`);
  if (validate === undefined) throw new Error(`schema ${schemaFile} not found`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

let registry: Ajv2020 | undefined;

function specSchemas(): Ajv2020 {
  if (registry !== undefined) return registry;
  registry = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const dir = join(REPO, 'spec', 'schemas');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    registry.addSchema(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object);
  }
  return registry;
}
