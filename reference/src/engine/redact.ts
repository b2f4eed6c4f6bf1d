// Secret masking for everything persisted or logged: secret-looking keys and known secret values.
import type { JsonValue } from '../flow/types.js';

/** What replaces a secret. */
export const MASK = '***';

/** Secret values shorter than this are not masked inside text (they would mask too much). */
export const MIN_SECRET_LENGTH = 4;

// Name parts that mark a secret when they appear anywhere in the name.
const SECRET_SUBSTRINGS = ['token', 'secret', 'password', 'passwd', 'passphrase', 'credential', 'apikey', 'privatekey'];
// Name parts that mark a secret only as a whole word (`key` yes, `keyboard`/`monkey` no).
// Names that look secret by the rules below but never are.
const NOT_SECRET = /^(?:(?:max|input|output|total|prompt|completion|cached|reasoning)_?tokens|(?:old)?pwd)$/;
const SECRET_WORDS = new Set(['key', 'keys', 'auth', 'authorization', 'pwd', 'cookie', 'pat', 'dsn', 'signature']);

// isSecretName's answers so far (bounded: names come from user data).
const secretNames = new Map<string, boolean>();
const MAX_REMEMBERED_NAMES = 10_000;

/**
 * Whether a variable or input name looks secret: it contains token, secret, password, passwd,
 * passphrase, credential, api_key/apikey, private_key, or has a word key, auth, authorization, pwd,
 * cookie, pat, dsn or signature (words split on non-alphanumerics and camelCase).
 */
// spec: exec.secrets
export function isSecretName(name: string): boolean {
  // Pure, and asked for the same few keys over and over (every persisted input and output): remembered.
  const known = secretNames.get(name);
  if (known !== undefined) return known;
  const secret = looksSecret(name);
  if (secretNames.size < MAX_REMEMBERED_NAMES) secretNames.set(name, secret);
  return secret;
}

function looksSecret(name: string): boolean {
  const lower = name.toLowerCase();
  // Token counts (max_tokens, input_tokens, ...) and the shell's working directory (PWD) are not secrets.
  if (NOT_SECRET.test(lower)) return false;
  const squashed = lower.replace(/[^a-z0-9]/g, '');
  if (SECRET_SUBSTRINGS.some((part) => squashed.includes(part))) return true;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((word) => SECRET_WORDS.has(word));
}

/** Masks secrets in values and text. */
export interface Redactor {
  /** Deep copy with secret-named keys masked and secret values masked inside strings. */
  redact(value: JsonValue): JsonValue;
  /** Mask secret values inside a text (log lines, messages). */
  redactText(text: string): string;
  /** Add more secret values (e.g. learned while the run proceeds). */
  addSecrets(values: Iterable<string>): void;
}

/** The sources of secret values: env and vars entries whose names look secret. */
export interface RedactorSources {
  env?: Readonly<Record<string, string | undefined>>;
  vars?: Readonly<Record<string, JsonValue>>;
  values?: Iterable<string>;
}

/** Build a redactor from the run's env and vars. */
// spec: exec.secrets
export function createRedactor(sources: RedactorSources = {}): Redactor {
  const secrets = new Set<string>();
  let pattern: RegExp | null = null;
  const add = (value: unknown): void => {
    if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
  };
  for (const [name, value] of Object.entries(sources.env ?? {})) if (isSecretName(name)) add(value);
  for (const [name, value] of Object.entries(sources.vars ?? {})) if (isSecretName(name)) add(value);
  for (const value of sources.values ?? []) add(value);
  const rebuild = (): void => {
    const sorted = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
    pattern = sorted.length === 0 ? null : new RegExp(sorted.join('|'), 'g');
  };
  rebuild();
  const redactText = (text: string): string => (pattern === null ? text : text.replace(pattern, MASK));
  const redact = (value: JsonValue): JsonValue => {
    if (typeof value === 'string') return redactText(value);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(redact);
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretName(key) && item !== null && item !== '' ? MASK : redact(item);
    }
    return out;
  };
  return {
    redact,
    redactText,
    addSecrets(values) {
      for (const value of values) add(value);
      rebuild();
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
