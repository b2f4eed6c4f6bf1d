// The run environment and variables: dotenv parsing and precedence (pure; the runner reads files).
import type { JsonValue } from '../flow/types.js';

/**
 * Parse dotenv text: one KEY=VALUE per line; blank lines and `#` comments skipped; lines without
 * `=` skipped; an `export ` prefix is allowed; key and value trimmed, then surrounding `"` and
 * then `'` characters stripped from the value. No escapes, no interpolation, no multi-line values.
 */
// spec: exec.env
export function parseDotenv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq === -1) continue;
    let key = line.slice(0, eq).trim();
    if (key.startsWith('export ')) key = key.slice('export '.length).trim();
    if (key === '') continue;
    const value = stripChars(stripChars(line.slice(eq + 1).trim(), '"'), "'");
    values[key] = value;
  }
  return values;
}

// Python str.strip(chars) for a single character.
function stripChars(text: string, char: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === char) start++;
  while (end > start && text[end - 1] === char) end--;
  return text.slice(start, end);
}

/** Inputs of the run environment, highest precedence first. */
export interface RunEnvSources {
  /** The run process environment, already including the project `.env` (which never overrides it). */
  processEnv: Readonly<Record<string, string | undefined>>;
  /** The flow's `env:` mapping. */
  flowEnv: Readonly<Record<string, string>>;
  /** Parsed `dotenv:` files in the order written; for duplicate keys the first file wins. */
  dotenvFiles: readonly Readonly<Record<string, string>>[];
}

/** Precedence: process env > flow `env:` > `dotenv:` files (first file first). */
// spec: exec.env
export function mergeRunEnv(sources: RunEnvSources): Record<string, string> {
  const env: Record<string, string> = {};
  for (let i = sources.dotenvFiles.length - 1; i >= 0; i--) Object.assign(env, sources.dotenvFiles[i]);
  Object.assign(env, sources.flowEnv);
  for (const [key, value] of Object.entries(sources.processEnv)) if (value !== undefined) env[key] = value;
  return env;
}

/** Merge the project `.env` under the OS environment (the OS always wins). */
// spec: exec.env
export function mergeProjectDotenv(
  osEnv: Readonly<Record<string, string | undefined>>,
  projectDotenv: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = { ...projectDotenv };
  for (const [key, value] of Object.entries(osEnv)) if (value !== undefined) env[key] = value;
  return env;
}

/** `vars` = `--env-file` values overridden by `--var` values (spec: exec.vars). */
// spec: exec.vars
export function mergeVars(
  envFileValues: Readonly<Record<string, string>> = {},
  cliVars: Readonly<Record<string, JsonValue>> = {},
): Record<string, JsonValue> {
  return { ...envFileValues, ...cliVars };
}
