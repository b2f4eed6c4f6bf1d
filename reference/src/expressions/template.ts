// `${{ }}` templates inside strings: scanning, whole-value resolution and interpolation.
import type { JsonValue } from '../flow/types.js';
import { StepyardError } from '../errors/stepyard-error.js';
import { evaluateExpression } from './evaluate.js';
import { readToken } from './lexer.js';
import { toLimitError } from './parser.js';
import type { EvaluateOptions, Scope, TemplatePart } from './types.js';
import { checkString, renderValue, setOwn, type Dict } from './values.js';

const OPEN = '${{';
const ESCAPED_OPEN = '$${{';

// Find the offset just past the `}}` that closes a template whose body starts at `bodyStart`.
// The lexer walks the body, so `}}` inside string literals or nested brackets does not end it.
function findClose(text: string, templateStart: number, bodyStart: number): number {
  let depth = 0;
  let pos = bodyStart;
  for (;;) {
    let tok;
    try {
      tok = readToken(text, pos);
    } catch (err) {
      if (err instanceof StepyardError) {
        throw new StepyardError('EXPR_SYNTAX', `${err.message} in template starting at offset ${templateStart}`, {
          location: err.location,
        });
      }
      throw err;
    }
    if (tok.kind === 'eof') {
      throw new StepyardError('EXPR_SYNTAX', `unterminated template: '\${{' at offset ${templateStart} has no closing '}}'`, {
        location: locate(text, templateStart),
      });
    }
    if (tok.kind === 'op') {
      if (tok.value === '(' || tok.value === '[' || tok.value === '{') depth += 1;
      else if (tok.value === ')' || tok.value === ']') depth = Math.max(0, depth - 1);
      else if (tok.value === '}') {
        if (depth === 0 && text[tok.end] === '}') return tok.end + 1;
        depth = Math.max(0, depth - 1);
      }
    }
    pos = tok.end;
  }
}

function findCloseGuarded(text: string, start: number): number {
  try {
    return findClose(text, start, start + OPEN.length);
  } catch (err) {
    throw toLimitError(err);
  }
}

function locate(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * Split text into literal and expression parts without evaluating. `$${{` is an escape for a
 * literal `${{`. Throws EXPR_SYNTAX for an unterminated `${{`.
 */
// spec: expr.templates
export function scanTemplates(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    // spec: expr.escaping
    if (text.startsWith(ESCAPED_OPEN, i)) {
      literal += OPEN;
      i += ESCAPED_OPEN.length;
    } else if (text.startsWith(OPEN, i)) {
      const end = findCloseGuarded(text, i);
      if (literal !== '') parts.push({ kind: 'literal', text: literal });
      literal = '';
      const raw = text.slice(i, end);
      parts.push({ kind: 'expression', source: raw.slice(OPEN.length, -2).trim(), raw, offset: i });
      i = end;
    } else {
      literal += text[i];
      i += 1;
    }
  }
  if (literal !== '') parts.push({ kind: 'literal', text: literal });
  return parts;
}

/** Whether text contains a `${{` template (an escaped `$${{` does not count). Never throws. */
export function hasTemplate(text: string): boolean {
  let i = text.indexOf(OPEN);
  if (i < 0) return false;
  i = Math.max(0, i - 1);
  while (i < text.length) {
    if (text.startsWith(ESCAPED_OPEN, i)) i += ESCAPED_OPEN.length;
    else if (text.startsWith(OPEN, i)) return true;
    else i += 1;
  }
  return false;
}

function resolveString(text: string, scope: Scope, options: EvaluateOptions): JsonValue {
  if (!text.includes(OPEN)) return text;
  // spec: expr.templates (a value that is exactly one template keeps its native type)
  const trimmed = text.trim();
  const whole = scanTemplates(trimmed);
  const only = whole[0];
  if (whole.length === 1 && only?.kind === 'expression') return evaluateTemplate(only.source, scope, options);
  // spec: expr.interpolation
  let out = '';
  for (const part of scanTemplates(text)) {
    out += part.kind === 'literal' ? part.text : renderValue(evaluateTemplate(part.source, scope, options));
    checkString(out);
  }
  return out;
}

function evaluateTemplate(source: string, scope: Scope, options: EvaluateOptions): JsonValue {
  if (source === '') throw new StepyardError('EXPR_SYNTAX', "empty template '${{ }}'", { location: { line: 1, column: 1 } });
  return evaluateExpression(source, scope, options);
}

/**
 * Resolve templates recursively: strings are resolved, mapping values (never keys) and list items
 * recursively, every other value returned unchanged.
 */
export function resolveTemplates(value: unknown, scope: Scope, options: EvaluateOptions = {}): JsonValue {
  if (typeof value === 'string') return resolveString(value, scope, options);
  if (Array.isArray(value)) return value.map((v) => resolveTemplates(v, scope, options));
  if (typeof value === 'object' && value !== null) {
    const out: Dict = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, resolveTemplates(v, scope, options));
    return out;
  }
  if (value === undefined) return null;
  return value as JsonValue;
}
