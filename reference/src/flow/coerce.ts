// The original's lax scalar coercions (pydantic "lax" mode) for boolean, integer and number fields.
// schema.ts describes the accepted inputs with these patterns; normalize.ts converts with these functions.

const TRUE_WORDS = ['1', 'on', 't', 'true', 'y', 'yes'];
const FALSE_WORDS = ['0', 'off', 'f', 'false', 'n', 'no'];

/** Case-insensitive pattern of the strings a boolean field accepts ("yes", "Off", "1", ...). */
export const LAX_BOOLEAN_PATTERN = `^(?:${[...TRUE_WORDS, ...FALSE_WORDS].map(caseInsensitive).join('|')})$`;
/** Pattern of the strings an integer field accepts ("3", " -2 "). */
export const LAX_INTEGER_PATTERN = '^\\s*[-+]?[0-9]+\\s*$';
/** Pattern of the strings a non-negative integer field accepts. */
export const LAX_NON_NEGATIVE_INTEGER_PATTERN = '^\\s*\\+?[0-9]+\\s*$';
/** Pattern of the strings a non-negative number field accepts ("0.5", "2", "1e3"). */
export const LAX_NON_NEGATIVE_NUMBER_PATTERN = '^\\s*\\+?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?\\s*$';

/** A lax boolean: true/false, 0/1, or one of the words above in any case; undefined when not one. */
export function coerceBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value !== 'string') return undefined;
  const word = value.toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return undefined;
}

/** A lax integer: an integral number, a boolean (true → 1) or an integer string; undefined otherwise. */
export function coerceInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && new RegExp(LAX_INTEGER_PATTERN).test(value)) return Number.parseInt(value.trim(), 10);
  return undefined;
}

/** A lax number: a finite number, a boolean or a numeric string; undefined otherwise. */
export function coerceNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*$/.test(value)) {
    return Number(value.trim());
  }
  return undefined;
}

function caseInsensitive(word: string): string {
  return [...word].map((char) => (/[a-z]/.test(char) ? `[${char}${char.toUpperCase()}]` : char)).join('');
}
