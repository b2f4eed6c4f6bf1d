// Tokenizer for the Python-like expression syntax. Pull-based so the template scanner can stop at `}}`.
import { StepyardError } from '../errors/stepyard-error.js';
import { MAX_STRING_LENGTH } from './limits.js';

/** One replacement field of an f-string, as offsets into the source. */
export interface FStringField {
  /** Offsets of the expression text. */
  start: number;
  end: number;
  conversion: 'r' | 's' | 'a' | null;
  spec: string | null;
}

/** A lexical token. `start`/`end` are offsets into the source. */
export type Token =
  | { kind: 'name'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'fstring'; pieces: (string | FStringField)[]; start: number; end: number }
  | { kind: 'op'; value: string; start: number; end: number }
  | { kind: 'eof'; start: number; end: number };

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
  'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** Whether a word is a Python keyword (not usable as a name, attribute or keyword argument). */
export function isKeyword(word: string): boolean {
  return KEYWORDS.has(word);
}

const OPERATORS = [
  '**', '//', '<<', '>>', '<=', '>=', '==', '!=', ':=', '->',
  '+', '-', '*', '/', '%', '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', '=', '!', '@', ';',
];

const ID_START = /[\p{L}\p{Nl}_]/u;
const ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u;

/** Throw an EXPR_SYNTAX error pointing at an offset of the source. */
export function throwSyntax(source: string, offset: number, message: string): never {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  throw new StepyardError('EXPR_SYNTAX', `${message} at line ${line}, column ${column}`, {
    location: { line, column },
  });
}

/** Whether a code point may start an identifier. */
export function isIdentifierStart(ch: string): boolean {
  return ID_START.test(ch);
}

/** Whether a whole string is a valid identifier. */
export function isIdentifier(text: string): boolean {
  const chars = Array.from(text);
  return chars.length > 0 && ID_START.test(chars[0] ?? '') && chars.every((c) => ID_CONTINUE.test(c));
}

/** Read the token starting at or after `pos` (whitespace and line continuations skipped). */
export function readToken(source: string, pos: number): Token {
  let i = skipSpace(source, pos);
  if (i >= source.length) return { kind: 'eof', start: i, end: i };
  const ch = source[i] ?? '';
  if (ch === '#') throwSyntax(source, i, 'comments are not allowed in expressions');
  if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) return readNumber(source, i);
  const cp = String.fromCodePoint(source.codePointAt(i) ?? 0);
  if (ID_START.test(cp)) {
    const prefixEnd = matchStringPrefix(source, i);
    if (prefixEnd !== null) return readString(source, i, prefixEnd);
    let j = i;
    while (j < source.length) {
      const c = String.fromCodePoint(source.codePointAt(j) ?? 0);
      if (!ID_CONTINUE.test(c)) break;
      j += c.length;
    }
    return { kind: 'name', value: source.slice(i, j), start: i, end: j };
  }
  if (ch === '"' || ch === "'") return readString(source, i, i);
  for (const op of OPERATORS) {
    if (source.startsWith(op, i)) return { kind: 'op', value: op, start: i, end: i + op.length };
  }
  return throwSyntax(source, i, `unexpected character '${cp}'`);
}

// Skip spaces, tabs, newlines and backslash line continuations.
function skipSpace(source: string, pos: number): number {
  let i = pos;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') i += 1;
    else if (c === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) {
      i += source[i + 1] === '\n' ? 2 : 3;
    } else break;
  }
  return i;
}

// If a string prefix (r, b, f, u, rb, fr, ...) followed by a quote starts at i, return the quote offset.
function matchStringPrefix(source: string, i: number): number | null {
  const m = /^([rRbBfFuU]|[rR][bBfF]|[bBfF][rR])["']/.exec(source.slice(i, i + 3));
  return m ? i + (m[1]?.length ?? 0) : null;
}

function readNumber(source: string, start: number): Token {
  const rest = source.slice(start);
  const m =
    /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:[0-9](?:_?[0-9])*)?\.?(?:[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?)/.exec(
      rest,
    );
  const text = m?.[0] ?? '';
  const end = start + text.length;
  const next = source[end] ?? '';
  if (text === '' || text === '.') throwSyntax(source, start, 'invalid number');
  if (/[jJ]/.test(next)) throwSyntax(source, end, 'complex numbers are not supported');
  if (/[\p{L}\p{Nd}_]/u.test(next)) throwSyntax(source, start, `invalid number '${text}${next}'`);
  const clean = text.replace(/_/g, '');
  let value: number;
  if (/^0[xXoObB]/.test(clean)) {
    value = Number(BigInt(clean));
  } else {
    if (/^0[0-9]+$/.test(clean) && /[1-9]/.test(clean)) throwSyntax(source, start, 'leading zeros in decimal integer literals are not permitted');
    value = Number(clean);
  }
  if (!Number.isFinite(value)) throwSyntax(source, start, 'number literal is too large');
  return { kind: 'number', value, start, end };
}

function readString(source: string, start: number, quoteAt: number): Token {
  const prefix = source.slice(start, quoteAt).toLowerCase();
  if (prefix.includes('b')) throwSyntax(source, start, 'bytes literals are not supported');
  const raw = prefix.includes('r');
  const quote = source[quoteAt] ?? "'";
  const triple = source.startsWith(quote.repeat(3), quoteAt);
  const delim = triple ? quote.repeat(3) : quote;
  const bodyStart = quoteAt + delim.length;
  if (prefix.includes('f')) return readFString(source, start, bodyStart, delim, raw);
  let i = bodyStart;
  let out = '';
  for (;;) {
    if (i >= source.length) throwSyntax(source, start, 'unterminated string literal');
    if (source.startsWith(delim, i)) break;
    const c = source[i] ?? '';
    if (!triple && c === '\n') throwSyntax(source, start, 'unterminated string literal');
    if (c === '\\') {
      const [text, next] = readEscape(source, i, raw);
      out += text;
      i = next;
    } else {
      out += c;
      i += 1;
    }
    if (out.length > MAX_STRING_LENGTH) throwLimit();
  }
  return { kind: 'string', value: out, start, end: i + delim.length };
}

function throwLimit(): never {
  throw new StepyardError('EXPR_LIMIT', `string literal longer than ${MAX_STRING_LENGTH} characters`);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

// Decode one backslash escape at i; returns [text, next offset].
function readEscape(source: string, i: number, raw: boolean): [string, number] {
  const c = source[i + 1];
  if (c === undefined) throwSyntax(source, i, 'unterminated string literal');
  if (raw) return [`\\${c}`, i + 2];
  if (c === '\r' && source[i + 2] === '\n') return ['', i + 3];
  if (Object.hasOwn(SIMPLE_ESCAPES, c)) return [SIMPLE_ESCAPES[c] ?? '', i + 2];
  const hexLen = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (hexLen > 0) {
    const hex = source.slice(i + 2, i + 2 + hexLen);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) throwSyntax(source, i, `truncated \\${c} escape`);
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) throwSyntax(source, i, 'illegal Unicode character');
    return [String.fromCodePoint(code), i + 2 + hexLen];
  }
  const oct = /^[0-7]{1,3}/.exec(source.slice(i + 1, i + 4));
  if (oct) return [String.fromCodePoint(parseInt(oct[0], 8)), i + 1 + oct[0].length];
  if (c === 'N') throwSyntax(source, i, '\\N{...} escapes are not supported');
  return [`\\${c}`, i + 2];
}

// Read an f-string body: literal pieces (with {{ }} unescaped) and replacement fields.
function readFString(source: string, start: number, bodyStart: number, delim: string, raw: boolean): Token {
  const pieces: (string | FStringField)[] = [];
  let text = '';
  let i = bodyStart;
  for (;;) {
    if (i >= source.length) throwSyntax(source, start, 'unterminated f-string');
    if (source.startsWith(delim, i)) break;
    const c = source[i] ?? '';
    if (delim.length === 1 && c === '\n') throwSyntax(source, start, 'unterminated f-string');
    if (c === '{' && source[i + 1] === '{') { text += '{'; i += 2; continue; }
    if (c === '}' && source[i + 1] === '}') { text += '}'; i += 2; continue; }
    if (c === '}') throwSyntax(source, i, "single '}' is not allowed in an f-string");
    if (c === '\\') {
      const [t, next] = readEscape(source, i, raw);
      text += t;
      i = next;
      continue;
    }
    if (c === '{') {
      if (text !== '') pieces.push(text);
      text = '';
      const field = readField(source, i + 1);
      pieces.push(field.field);
      i = field.next;
      continue;
    }
    text += c;
    i += 1;
    if (text.length > MAX_STRING_LENGTH) throwLimit();
  }
  if (text !== '') pieces.push(text);
  return { kind: 'fstring', pieces, start, end: i + delim.length };
}

// Read `expr[!conv][:spec]}` of an f-string replacement field starting after `{`.
function readField(source: string, exprStart: number): { field: FStringField; next: number } {
  let depth = 0;
  let pos = exprStart;
  let tok = readToken(source, pos);
  for (;;) {
    if (tok.kind === 'eof') throwSyntax(source, exprStart, 'unterminated f-string replacement field');
    if (tok.kind === 'op') {
      const v = tok.value;
      if (depth === 0 && (v === '}' || v === '!' || v === ':')) break;
      if (v === '(' || v === '[' || v === '{') depth += 1;
      else if (v === ')' || v === ']' || v === '}') depth -= 1;
    }
    pos = tok.end;
    tok = readToken(source, pos);
  }
  const end = tok.start;
  let conversion: FStringField['conversion'] = null;
  let spec: string | null = null;
  let i = tok.end;
  if (tok.kind === 'op' && tok.value === '!') {
    const conv = source[i];
    if (conv !== 'r' && conv !== 's' && conv !== 'a') throwSyntax(source, i, "f-string conversion must be 'r', 's' or 'a'");
    conversion = conv;
    i += 1;
    if (source[i] === ':') {
      i += 1;
    } else if (source[i] !== '}') throwSyntax(source, i, "expected '}' in f-string");
    else return { field: { start: exprStart, end, conversion, spec }, next: i + 1 };
  } else if (tok.kind === 'op' && tok.value === '}') {
    return { field: { start: exprStart, end, conversion, spec }, next: i };
  }
  const close = source.indexOf('}', i);
  const nested = source.indexOf('{', i);
  if (close < 0) throwSyntax(source, i, 'unterminated f-string format spec');
  if (nested >= 0 && nested < close) throwSyntax(source, nested, 'nested fields in f-string format specs are not supported');
  spec = source.slice(i, close);
  if (/[\n'"\\]/.test(spec)) throwSyntax(source, i, 'invalid character in f-string format spec');
  return { field: { start: exprStart, end, conversion, spec }, next: close + 1 };
}
