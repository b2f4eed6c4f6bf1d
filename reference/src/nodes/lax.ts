// Lax input types: the coercions flows written for the original rely on (a YAML "yes" for a boolean,
// a quoted "30" for a number). Strings stay strict: a number is never a string. spec: nodes.input-validation
import { z } from 'zod';

const TRUE_WORDS = ['true', 'yes', 'on', 't', 'y', '1'];
const FALSE_WORDS = ['false', 'no', 'off', 'f', 'n', '0'];

// A case-insensitive alternation written with character classes, so the exported JSON Schema pattern
// (which has no flags) accepts exactly what the zod regex accepts.
function caseInsensitivePattern(words: readonly string[]): RegExp {
  const alternatives = words.map((word) =>
    [...word].map((char) => (char.toLowerCase() === char.toUpperCase() ? char : `[${char.toLowerCase()}${char.toUpperCase()}]`)).join(''),
  );
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

const BOOLEAN_WORD = caseInsensitivePattern([...TRUE_WORDS, ...FALSE_WORDS]);
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const NUMBER_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * A boolean that also accepts true/false, yes/no, on/off, t/f, y/n, 1/0 as strings (any case) and the
 * numbers 0 and 1.
 */
export function laxBoolean() {
  return z
    .union([z.boolean(), z.string().regex(BOOLEAN_WORD), z.literal(0), z.literal(1)], {
      error: 'expected a boolean (true/false, yes/no, on/off, 1/0)',
    })
    .transform((value) => (typeof value === 'string' ? TRUE_WORDS.includes(value.toLowerCase()) : value === true || value === 1))
    .meta({ 'x-lax': 'boolean' });
}

/** An integer that also accepts an integer written as a string ("42") and a boolean (1/0). */
export function laxInteger() {
  return z
    .union([z.number().int(), z.string().regex(INTEGER_TEXT), z.boolean()], { error: 'expected an integer' })
    .transform((value) => (typeof value === 'boolean' ? Number(value) : typeof value === 'string' ? Number.parseInt(value.trim(), 10) : value))
    .meta({ 'x-lax': 'integer' });
}

/** A number that also accepts a number written as a string ("1.5") and a boolean (1/0). */
export function laxNumber() {
  return z
    .union([z.number(), z.string().regex(NUMBER_TEXT), z.boolean()], { error: 'expected a number' })
    .transform((value) => (typeof value === 'boolean' ? Number(value) : typeof value === 'string' ? Number(value.trim()) : value))
    .meta({ 'x-lax': 'number' });
}

/** A positive number of seconds (lax) with a default, for request timeouts (spec: nodes.timeouts). */
export function timeoutSeconds(defaultSeconds: number) {
  return laxNumber()
    .pipe(z.number().positive('timeout must be greater than 0').max(86_400 * 365, 'timeout is too large'))
    .prefault(defaultSeconds)
    .describe('seconds to wait at most for the connection, the response, or the next part of the body');
}

/** A mapping of names to strings; numbers and booleans are turned into strings (header and env values). */
export function stringMap() {
  return z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .transform((map) => Object.fromEntries(Object.entries(map).map(([key, value]) => [key, String(value)])) as Record<string, string>);
}
