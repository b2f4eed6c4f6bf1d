// Pure: turn a resolved `loop` value into the list of items to iterate.
import type { JsonValue } from '../flow/types.js';
import { evaluateExpression } from '../expressions/evaluate.js';
import { parseExpression } from '../expressions/parser.js';
import type { ElementExpr, Expr } from '../expressions/types.js';

/**
 * Normalize a resolved loop value: a list is used as is; a string is read as a literal when it is
 * one (`"[4, 5]"` → [4, 5], `"'a'"` → ['a']), else split on commas when it has one (`"a, b"` →
 * ['a', 'b']), else kept; anything that is not a list is wrapped in a one-item list.
 */
// spec: exec.loop
export function normalizeLoopItems(value: JsonValue): JsonValue[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return [value];
  const literal = parseLiteral(value);
  if (literal !== undefined) return Array.isArray(literal) ? literal : [literal];
  if (value.includes(',')) return value.split(',').map((part) => part.trim());
  return [value];
}

// A literal (numbers, strings, booleans, None, lists, tuples, dicts of literals), or undefined.
function parseLiteral(text: string): JsonValue | undefined {
  if (text.trim() === '') return undefined;
  try {
    const expr = parseExpression(text);
    if (!isLiteralExpr(expr)) return undefined;
    return evaluateExpression(expr, {});
  } catch {
    return undefined;
  }
}

function isLiteralExpr(expr: Expr): boolean {
  switch (expr.type) {
    case 'literal':
      return true;
    case 'name':
      return expr.name === 'True' || expr.name === 'False' || expr.name === 'None';
    case 'unary':
      return (expr.op === '-' || expr.op === '+') && expr.operand.type === 'literal';
    case 'list':
    case 'tuple':
    case 'set':
      return expr.elements.every(isLiteralElement);
    case 'dict':
      return expr.entries.every((entry) => entry.type === 'pair' && isLiteralExpr(entry.key) && isLiteralExpr(entry.value));
    default:
      return false;
  }
}

function isLiteralElement(element: ElementExpr): boolean {
  return element.type !== 'starred' && isLiteralExpr(element);
}
