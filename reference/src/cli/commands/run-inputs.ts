// `stepyard run` inputs: --var K=V and --env-file F become the run's vars (spec: cli.run, exec.vars).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDotenv } from '../../engine/env.js';
import { StepyardError } from '../../errors/stepyard-error.js';
import type { JsonValue } from '../../flow/types.js';

/** `--var` values in order: `k=v` → "v" (split on the first '='; nothing trimmed); a bare `flag` → true. */
// spec: cli.run
export function parseVarOptions(values: readonly string[]): Record<string, JsonValue> {
  const vars: Record<string, JsonValue> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const key = eq === -1 ? value : value.slice(0, eq);
    if (key === '') throw new StepyardError('CLI_USAGE', `--var '${value}' has no name`, { hint: 'write --var NAME=VALUE' });
    vars[key] = eq === -1 ? true : value.slice(eq + 1);
  }
  return vars;
}

/** The values of `--env-file` files (dotenv rules; later files override earlier ones). A missing file is a usage error. */
// spec: cli.run
export function readEnvFiles(files: readonly string[], cwd: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, file), 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new StepyardError('CLI_USAGE', `--env-file '${file}' cannot be read (${reason})`, { hint: 'pass the path of an existing dotenv file' });
    }
    Object.assign(values, parseDotenv(text));
  }
  return values;
}

/** An option given as a list (repeatable options) or absent. */
export function optionList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}
