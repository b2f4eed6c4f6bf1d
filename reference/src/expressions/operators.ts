// Arithmetic, bitwise, unary and comparison operators with Python semantics.
// spec: expr.operators
import type { JsonValue } from '../flow/types.js';
import { MAX_ELEMENTS, MAX_POWER, MAX_SHIFT, MAX_STRING_LENGTH } from './limits.js';
import type { BinaryOperator, CompareOperator, UnaryOperator } from './types.js';
import {
  Callable, checkString, fail, isDict, isIntegral, isNumeric, isPythonTruthy, pyCompare, pyEquals,
  toDictKey, toNumber, typeName, type EvalContext, type Value,
} from './values.js';

function unsupported(op: string, a: Value, b: Value): never {
  return fail('EXPR_TYPE', `unsupported operand types for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** Reject non-finite arithmetic results (JSON cannot carry them). */
function finite(n: number): number {
  if (!Number.isFinite(n)) fail('EXPR_LIMIT', 'numeric result out of range');
  return n === 0 ? 0 : n;
}

/** Python's modulo: the result takes the sign of the divisor. */
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

function repeat(seq: string | JsonValue[], times: number, ctx: EvalContext): Value {
  const n = Math.max(0, times);
  if (seq.length === 0 || n === 0) return typeof seq === 'string' ? '' : [];
  if (typeof seq === 'string') {
    if (seq.length * n > MAX_STRING_LENGTH) fail('EXPR_LIMIT', `string result longer than ${MAX_STRING_LENGTH} characters`);
    ctx.chargeWork(seq.length * n);
    return seq.repeat(n);
  }
  if (seq.length * n > MAX_ELEMENTS) fail('EXPR_LIMIT', `list repetition would produce more than ${MAX_ELEMENTS} elements`);
  ctx.chargeWork(seq.length * n);
  const out: JsonValue[] = [];
  for (let i = 0; i < n; i += 1) out.push(...seq);
  return out;
}

function toBig(v: number | boolean, op: string, other: Value): bigint {
  if (!isIntegral(v)) unsupported(op, v, other);
  return BigInt(toNumber(v));
}

function fromBig(n: bigint): number {
  return finite(Number(n));
}

/** Apply a binary operator. */
export function applyBinary(op: BinaryOperator, a: Value, b: Value, ctx: EvalContext): Value {
  if (isNumeric(a) && isNumeric(b)) return numeric(op, a, b);
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') {
        ctx.chargeWork(a.length + b.length);
        return checkString(a + b);
      }
      if (Array.isArray(a) && Array.isArray(b)) {
        ctx.chargeWork(a.length + b.length);
        return [...a, ...b];
      }
      return unsupported(op, a, b);
    case '*':
      if ((typeof a === 'string' || Array.isArray(a)) && isIntegral(b)) return repeat(a, toNumber(b), ctx);
      if ((typeof b === 'string' || Array.isArray(b)) && isIntegral(a)) return repeat(b, toNumber(a), ctx);
      return unsupported(op, a, b);
    case '%':
      if (typeof a === 'string') return fail('EXPR_NOT_ALLOWED', "'%' string formatting is not supported; use an f-string");
      return unsupported(op, a, b);
    case '|':
      if (isDict(a) && isDict(b)) return { ...a, ...b };
      return unsupported(op, a, b);
    default:
      return unsupported(op, a, b);
  }
}

function numeric(op: BinaryOperator, a: number | boolean, b: number | boolean): Value {
  const x = toNumber(a);
  const y = toNumber(b);
  const bothBool = typeof a === 'boolean' && typeof b === 'boolean';
  switch (op) {
    case '+':
      return finite(x + y);
    case '-':
      return finite(x - y);
    case '*':
      return finite(x * y);
    case '/':
      if (y === 0) fail('EXPR_ZERO_DIVISION', 'division by zero');
      return finite(x / y);
    case '//':
      if (y === 0) fail('EXPR_ZERO_DIVISION', 'integer division by zero');
      return finite(Math.floor(x / y));
    case '%':
      if (y === 0) fail('EXPR_ZERO_DIVISION', 'modulo by zero');
      return finite(pyMod(x, y));
    case '**':
      return power(x, y);
    case '<<':
    case '>>': {
      const count = toBig(b, op, a);
      if (count < 0n) fail('EXPR_VALUE', 'negative shift count');
      if (count > BigInt(MAX_SHIFT)) fail('EXPR_LIMIT', `shift count larger than ${MAX_SHIFT}`);
      const base = toBig(a, op, b);
      return fromBig(op === '<<' ? base << count : base >> count);
    }
    case '&':
    case '|':
    case '^': {
      const l = toBig(a, op, b);
      const r = toBig(b, op, a);
      const n = op === '&' ? l & r : op === '|' ? l | r : l ^ r;
      return bothBool ? n !== 0n : fromBig(n);
    }
  }
}

function power(x: number, y: number): number {
  if (Math.abs(x) > MAX_POWER || Math.abs(y) > MAX_POWER) fail('EXPR_LIMIT', `refusing to evaluate ${x} ** ${y}`);
  if (x === 0 && y < 0) fail('EXPR_ZERO_DIVISION', '0 cannot be raised to a negative power');
  if (x < 0 && !Number.isInteger(y)) fail('EXPR_VALUE', 'a negative number raised to a fractional power is complex');
  return finite(x ** y);
}

/** Apply a unary operator. */
export function applyUnary(op: UnaryOperator, v: Value): Value {
  if (op === 'not') return !isPythonTruthy(v);
  if (!isNumeric(v)) return fail('EXPR_TYPE', `bad operand type for unary ${op}: '${typeName(v)}'`);
  const n = toNumber(v);
  if (op === '-') return n === 0 ? 0 : -n;
  if (op === '+') return n;
  if (!isIntegral(v)) return fail('EXPR_TYPE', `bad operand type for unary ~: '${typeName(v)}'`);
  return -n - 1;
}

/** Python `in`: substring, list membership, or mapping key. */
export function applyContains(container: Value, item: Value, ctx: EvalContext): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') fail('EXPR_TYPE', `'in <string>' requires a string as left operand, not '${typeName(item)}'`);
    ctx.chargeWork(container.length);
    return container.includes(item);
  }
  if (Array.isArray(container)) {
    ctx.chargeWork(container.length);
    return container.some((x) => pyEquals(x, item, ctx));
  }
  if (isDict(container)) return Object.hasOwn(container, toDictKey(item));
  return fail('EXPR_TYPE', `argument of type '${typeName(container)}' is not iterable`);
}

// `is` compares scalars by value (bool is never an int here) and containers by identity.
function isSame(a: Value, b: Value): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  return a === b || (a instanceof Callable && b instanceof Callable && a.name === b.name);
}

/** Apply one comparison operator. */
// spec: expr.comparisons
export function applyCompare(op: CompareOperator, a: Value, b: Value, ctx: EvalContext): boolean {
  switch (op) {
    case '==':
      return pyEquals(a, b, ctx);
    case '!=':
      return !pyEquals(a, b, ctx);
    case '<':
      return pyCompare(a, b, op, ctx) < 0;
    case '<=':
      return pyCompare(a, b, op, ctx) <= 0;
    case '>':
      return pyCompare(a, b, op, ctx) > 0;
    case '>=':
      return pyCompare(a, b, op, ctx) >= 0;
    case 'in':
      return applyContains(b, a, ctx);
    case 'not in':
      return !applyContains(b, a, ctx);
    case 'is':
      return isSame(a, b);
    case 'is not':
      return !isSame(a, b);
  }
}
