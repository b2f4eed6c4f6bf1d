// Checks one command's result against its `expect` block.
import { existsSync, readFileSync } from 'node:fs';
import type { CommandResult } from './invoke.js';
import { formatMismatches, matchPattern } from './match.js';
import { normalizeText, normalizeValue, type Replacements } from './normalize.js';
import type { SchemaRegistry } from './schemas.js';
import type { Expectation } from './types.js';

/** What checking needs besides the result. */
export interface CheckContext {
  replacements: Replacements;
  schemas: SchemaRegistry;
  /** Resolves a case-relative path inside the workspace. */
  resolvePath: (relativePath: string) => string;
}

/** Every way `result` fails `expect`, as readable messages (empty when it passes). */
export function checkExpectation(expect: Expectation, result: CommandResult, ctx: CheckContext): string[] {
  const failures: string[] = [];
  if (result.timedOut) failures.push('the command timed out and was killed');
  if (expect.exit !== undefined) {
    const allowed = Array.isArray(expect.exit) ? expect.exit : [expect.exit];
    if (!allowed.includes(result.exit)) failures.push(`exit code ${result.exit}, expected ${allowed.join(' or ')}`);
  }
  const stdout = normalizeText(result.stdout, ctx.replacements);
  if (expect.stdout_empty === true && result.stdout !== '') failures.push('stdout is not empty');
  if (expect.stdout_empty === false && result.stdout === '') failures.push('stdout is empty');
  if (expect.stdout !== undefined) addMismatches(failures, 'stdout', matchPattern(expect.stdout, stdout));
  if (expect.json !== undefined || expect.schema !== undefined || expect.ndjson !== undefined) {
    failures.push(...checkJson(expect, result.stdout, ctx));
  }
  for (const [path, fileExpect] of Object.entries(expect.files ?? {})) failures.push(...checkFile(path, fileExpect, ctx));
  return failures;
}

function checkJson(expect: Expectation, rawStdout: string, ctx: CheckContext): string[] {
  const failures: string[] = [];
  const single = expect.json !== undefined || (expect.ndjson === undefined && looksLikeOneDocument(rawStdout));
  let documents: unknown[];
  try {
    documents = single ? [JSON.parse(rawStdout)] : parseJsonLines(rawStdout);
  } catch (error) {
    return [`stdout is not ${single ? 'one JSON value' : 'JSON lines'}: ${(error as Error).message}`];
  }
  const normalized = documents.map((document) => normalizeValue(document, ctx.replacements));
  if (expect.json !== undefined) addMismatches(failures, 'json', matchPattern(expect.json, normalized[0]));
  if (expect.ndjson !== undefined) addMismatches(failures, 'ndjson', matchPattern(expect.ndjson, normalized));
  if (expect.schema !== undefined) {
    for (const [index, document] of documents.entries()) {
      const errors = ctx.schemas.validate(expect.schema, document);
      const where = single ? 'stdout' : `stdout line ${index + 1}`;
      if (errors.length > 0) failures.push(`${where} does not validate against ${expect.schema}:\n  ${errors.join('\n  ')}`);
    }
  }
  return failures;
}

function checkFile(path: string, expect: { exists?: boolean; text?: unknown; json?: unknown }, ctx: CheckContext): string[] {
  const absolute = ctx.resolvePath(path);
  const exists = existsSync(absolute);
  if (expect.exists !== undefined && expect.exists !== exists) return [`${path} ${exists ? 'exists' : 'does not exist'}, expected the opposite`];
  if (!exists) return expect.text !== undefined || expect.json !== undefined ? [`${path} does not exist`] : [];
  const failures: string[] = [];
  if (expect.text !== undefined || expect.json !== undefined) {
    let text: string;
    try {
      text = readFileSync(absolute, 'utf8');
    } catch (error) {
      return [`${path} cannot be read: ${(error as Error).message}`];
    }
    if (expect.text !== undefined) addMismatches(failures, `file ${path}`, matchPattern(expect.text, normalizeText(text, ctx.replacements)));
    if (expect.json !== undefined) {
      try {
        const value = normalizeValue(JSON.parse(text), ctx.replacements);
        addMismatches(failures, `file ${path} (JSON)`, matchPattern(expect.json, value));
      } catch (error) {
        failures.push(`${path} is not JSON: ${(error as Error).message}`);
      }
    }
  }
  return failures;
}

function addMismatches(failures: string[], label: string, mismatches: ReturnType<typeof matchPattern>): void {
  if (mismatches.length > 0) failures.push(`${label} does not match:\n  ${formatMismatches(mismatches).split('\n').join('\n  ')}`);
}

function looksLikeOneDocument(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parseJsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
