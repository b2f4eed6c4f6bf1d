// Expr → canonical expression text, with the fewest parentheses that keep the tree intact.
import type { CallArgument, Comprehension, DictEntry, ElementExpr, Expr, FormattedValue, Target } from './types.js';

// Precedence levels, loosest first (Python's table).
const P_TUPLE = 0;
const P_TEST = 1; // conditional
const P_OR = 2;
const P_AND = 3;
const P_NOT = 4;
const P_CMP = 5;
const BINARY_PRECEDENCE: Record<string, number> = {
  '|': 6, '^': 7, '&': 8, '<<': 9, '>>': 9, '+': 10, '-': 10, '*': 11, '/': 11, '//': 11, '%': 11,
};
const P_UNARY = 12;
const P_POWER = 13;
const P_PRIMARY = 14;
const P_ATOM = 15;

/** Print an expression so that parseExpression(printExpression(e)) deep-equals e. */
export function printExpression(expr: Expr): string {
  return print(expr, P_TUPLE);
}

function precedenceOf(expr: Expr): number {
  switch (expr.type) {
    case 'tuple':
      return P_ATOM; // always printed with parentheses
    case 'conditional':
      return P_TEST;
    case 'logical':
      return expr.op === 'or' ? P_OR : P_AND;
    case 'unary':
      return expr.op === 'not' ? P_NOT : P_UNARY;
    case 'compare':
      return P_CMP;
    case 'binary':
      return expr.op === '**' ? P_POWER : (BINARY_PRECEDENCE[expr.op] ?? P_PRIMARY);
    case 'attribute':
    case 'subscript':
    case 'slice':
    case 'call':
      return P_PRIMARY;
    default:
      return P_ATOM;
  }
}

// Print `expr` in a position that needs at least precedence `min`.
function print(expr: Expr, min: number): string {
  const text = printBare(expr);
  return precedenceOf(expr) < min ? `(${text})` : text;
}

function printBare(expr: Expr): string {
  switch (expr.type) {
    case 'literal':
      return printLiteral(expr.value);
    case 'name':
      return expr.name;
    case 'attribute': {
      const obj = print(expr.object, P_PRIMARY);
      const needsParens = expr.object.type === 'literal' && typeof expr.object.value === 'number';
      return `${needsParens ? `(${obj})` : obj}.${expr.name}`;
    }
    case 'subscript':
      return `${print(expr.object, P_PRIMARY)}[${print(expr.index, P_TEST)}]`;
    case 'slice': {
      const part = (e: Expr | null): string => (e === null ? '' : print(e, P_TEST));
      const step = expr.step === null ? '' : `:${part(expr.step)}`;
      return `${print(expr.object, P_PRIMARY)}[${part(expr.start)}:${part(expr.stop)}${step}]`;
    }
    case 'unary':
      return expr.op === 'not' ? `not ${print(expr.operand, P_NOT)}` : `${expr.op}${print(expr.operand, P_UNARY)}`;
    case 'binary': {
      if (expr.op === '**') return `${print(expr.left, P_PRIMARY)} ** ${print(expr.right, P_UNARY)}`;
      const p = BINARY_PRECEDENCE[expr.op] ?? P_PRIMARY;
      return `${print(expr.left, p)} ${expr.op} ${print(expr.right, p + 1)}`;
    }
    case 'logical': {
      const p = precedenceOf(expr);
      return `${print(expr.left, p)} ${expr.op} ${print(expr.right, p + 1)}`;
    }
    case 'compare': {
      let out = print(expr.left, P_CMP + 1);
      expr.ops.forEach((op, i) => {
        const right = expr.comparators[i];
        if (right) out += ` ${op} ${print(right, P_CMP + 1)}`;
      });
      return out;
    }
    case 'conditional':
      return `${print(expr.body, P_OR)} if ${print(expr.test, P_OR)} else ${print(expr.orelse, P_TEST)}`;
    case 'tuple':
      if (expr.elements.length === 1) return `(${printElement(expr.elements[0] as ElementExpr)},)`;
      return `(${expr.elements.map(printElement).join(', ')})`;
    case 'list':
      return `[${expr.elements.map(printElement).join(', ')}]`;
    case 'set':
      return expr.elements.length === 0 ? 'set()' : `{${expr.elements.map(printElement).join(', ')}}`;
    case 'dict':
      return `{${expr.entries.map(printEntry).join(', ')}}`;
    case 'listcomp':
      return `[${print(expr.element, P_TEST)}${printGenerators(expr.generators)}]`;
    case 'genexp':
      return `(${print(expr.element, P_TEST)}${printGenerators(expr.generators)})`;
    case 'dictcomp':
      return `{${print(expr.key, P_TEST)}: ${print(expr.value, P_TEST)}${printGenerators(expr.generators)}}`;
    case 'call':
      return `${print(expr.callee, P_PRIMARY)}(${expr.args.map(printArgument).join(', ')})`;
    case 'fstring':
      return `f'${expr.parts.map(printFStringPart).join('')}'`;
  }
}

function printLiteral(value: null | boolean | number | string): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  return `'${escapeString(value)}'`;
}

/** Escape text for a single-quoted Python string literal. */
export function escapeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] ?? '';
    const code = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + text[i + 1];
        i += 1;
      } else out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out;
}

function printElement(e: ElementExpr): string {
  return e.type === 'starred' ? `*${print(e.value, P_OR + 4)}` : print(e, P_TEST);
}

function printEntry(e: DictEntry): string {
  return e.type === 'pair' ? `${print(e.key, P_TEST)}: ${print(e.value, P_TEST)}` : `**${print(e.value, P_OR + 4)}`;
}

function printArgument(a: CallArgument): string {
  switch (a.type) {
    case 'positional':
      return print(a.value, P_TEST);
    case 'starred':
      return `*${print(a.value, P_TEST)}`;
    case 'keyword':
      return `${a.name}=${print(a.value, P_TEST)}`;
    case 'double-starred':
      return `**${print(a.value, P_TEST)}`;
  }
}

function printTarget(t: Target): string {
  if (t.type === 'name') return t.name;
  if (t.elements.length === 1) return `(${printTarget(t.elements[0] as Target)},)`;
  return `(${t.elements.map(printTarget).join(', ')})`;
}

function printGenerators(gens: Comprehension[]): string {
  return gens
    .map((g) => {
      const conds = g.conditions.map((c) => ` if ${print(c, P_OR)}`).join('');
      return ` for ${printTarget(g.target)} in ${print(g.iter, P_OR)}${conds}`;
    })
    .join('');
}

function printFStringPart(part: string | FormattedValue): string {
  if (typeof part === 'string') return escapeString(part).replace(/\{/g, '{{').replace(/\}/g, '}}');
  const inner = print(part.expr, P_TEST);
  // A leading '{' would read as an escaped '{{', so pad with a space.
  const padded = inner.startsWith('{') ? ` ${inner}` : inner;
  const conv = part.conversion === null ? '' : `!${part.conversion}`;
  const spec = part.spec === null ? '' : `:${part.spec}`;
  return `{${padded}${conv}${spec}}`;
}
