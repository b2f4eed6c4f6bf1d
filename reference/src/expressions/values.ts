// The runtime value model: JSON values plus built-in callables, with Python-like equality, ordering and rendering.
import type { JsonValue } from '../flow/types.js';
import { StepyardError } from '../errors/stepyard-error.js';
import { listNames } from './errors.js';
import { DEFAULT_MAX_STEPS, MAX_STRING_LENGTH } from './limits.js';

/** Per-evaluation state: the step budget and the random source. */
export class EvalContext {
  private steps = 0;

  constructor(
    readonly maxSteps: number = DEFAULT_MAX_STEPS,
    readonly random: () => number = Math.random,
  ) {}

  /** Spend `cost` steps of the budget; EXPR_LIMIT when it runs out. */
  // spec: expr.limits
  charge(cost = 1): void {
    this.steps += cost;
    if (this.steps > this.maxSteps) {
      throw new StepyardError('EXPR_LIMIT', `evaluation exceeded its budget of ${this.maxSteps} steps`);
    }
  }

  /** Charge for work proportional to `n` elements. */
  chargeWork(n: number): void {
    this.charge(1 + Math.floor(n / 32));
  }
}

/** Keyword arguments of a call, in order. */
export type KeywordArgs = ReadonlyMap<string, Value>;

/** A built-in function or a method bound to its receiver. */
export class Callable {
  constructor(
    readonly name: string,
    readonly invoke: (args: Value[], kwargs: KeywordArgs, ctx: EvalContext) => Value,
  ) {}
}

/** Anything an expression can compute: a JSON value or a callable. */
export type Value = JsonValue | Callable;

/** A JSON mapping. */
export type Dict = { [key: string]: JsonValue };

/** Throw an expression error (the evaluator appends the expression text). */
export function fail(code: Parameters<typeof createError>[0], message: string): never {
  throw createError(code, message);
}

function createError(code: StepyardError['code'], message: string): StepyardError {
  return new StepyardError(code, message);
}

export function isDict(v: Value): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Callable);
}

/** The Python type name of a value, for messages. */
export function typeName(v: Value): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Callable) return 'builtin_function_or_method';
  return 'dict';
}

/** Own-property read: never reaches prototype members such as `constructor` or `__proto__`. */
export function getOwn(d: Dict, key: string): JsonValue | undefined {
  return Object.hasOwn(d, key) ? d[key] : undefined;
}

/** The keys of a mapping for an error message, capped. */
export function listKeys(d: Dict): string {
  return listNames(Object.keys(d));
}

/** Own-property write that stays safe for the key `__proto__`. */
export function setOwn(d: Dict, key: string, value: JsonValue): void {
  Object.defineProperty(d, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Whether a value is a number or a bool (bools act as the ints 0 and 1, like Python). */
export function isNumeric(v: Value): v is number | boolean {
  return typeof v === 'number' || typeof v === 'boolean';
}

export function toNumber(v: number | boolean): number {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** Whether v is an integral number (or a bool). */
export function isIntegral(v: Value): v is number | boolean {
  return typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v));
}

/** Reject callables where a JSON value is required. */
export function toJson(v: Value): JsonValue {
  if (v instanceof Callable) fail('EXPR_TYPE', `function '${v.name}' is not a value (did you forget to call it?)`);
  return v;
}

/** Python truthiness (used by and/or/not/if-else and bool()). */
export function isPythonTruthy(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Callable) return true;
  return Object.keys(v).length > 0;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** A string's characters as Python sees them (code points). */
export function toChars(s: string): string[] {
  return SURROGATE.test(s) ? Array.from(s) : s.split('');
}

/** A string's length in code points. */
export function charLength(s: string): number {
  return SURROGATE.test(s) ? Array.from(s).length : s.length;
}

/** Enforce the result string limit. */
export function checkString(s: string): string {
  if (s.length > MAX_STRING_LENGTH) fail('EXPR_LIMIT', `string result longer than ${MAX_STRING_LENGTH} characters`);
  return s;
}

/** Deep equality with Python semantics (1 == 1.0 == True; lists and dicts by content). */
export function pyEquals(a: Value, b: Value, ctx: EvalContext): boolean {
  ctx.charge();
  if (isNumeric(a) && isNumeric(b)) return toNumber(a) === toNumber(b);
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a instanceof Callable || b instanceof Callable) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => pyEquals(x, b[i] as JsonValue, ctx));
  }
  if (!isDict(a) || !isDict(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && pyEquals(a[k] as JsonValue, b[k] as JsonValue, ctx));
}

function compareCodePoints(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return x.length - y.length;
}

/** Python ordering: numbers with numbers, strings with strings, lists lexicographically; else EXPR_TYPE. */
export function pyCompare(a: Value, b: Value, op: string, ctx: EvalContext): number {
  ctx.charge();
  if (isNumeric(a) && isNumeric(b)) return toNumber(a) - toNumber(b);
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
      const x = a[i] as JsonValue;
      const y = b[i] as JsonValue;
      if (!pyEquals(x, y, ctx)) return pyCompare(x, y, op, ctx);
    }
    return a.length - b.length;
  }
  return fail('EXPR_TYPE', `'${op}' is not supported between '${typeName(a)}' and '${typeName(b)}'`);
}

/** Render a number like Python's str(): integral values without ".0", floats in shortest repr. */
// spec: expr.interpolation
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return Object.is(n, -0) ? '0' : BigInt(n).toString();
  const js = String(n);
  const m = /^(-?)(\d+(?:\.\d+)?)e([+-]\d+)$/.exec(js);
  const exp = m ? Number(m[3]) : 0;
  if (m === null) {
    // Plain notation from JS; Python switches to exponent form below 1e-4.
    const abs = Math.abs(n);
    if (abs >= 1e-4) return js;
    const [mant, e] = n.toExponential().split('e');
    return `${mant}e-${String(Math.abs(Number(e))).padStart(2, '0')}`;
  }
  if (exp >= 16 || exp < -4) return `${m[1]}${m[2]}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return js;
}

/** Python str() of a value, with lists and dicts rendered as compact JSON. */
// spec: expr.interpolation
export function renderValue(v: Value): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  if (v instanceof Callable) return `<built-in function ${v.name}>`;
  return checkString(JSON.stringify(v));
}

/** Python repr(): strings quoted, everything else as renderValue. */
export function reprValue(v: Value): string {
  if (typeof v !== 'string') return renderValue(v);
  const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
  const body = v
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
  return `${quote}${body}${quote}`;
}

/** The string key a scalar stands for in a mapping (non-string keys are rendered with str()). */
export function toDictKey(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return renderValue(v);
  return fail('EXPR_TYPE', `unhashable type: '${typeName(v)}'`);
}

/** Iterate a value like Python's iter(): list items, string characters, dict keys. */
export function toIterable(v: Value, ctx: EvalContext): JsonValue[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') {
    ctx.chargeWork(v.length);
    return toChars(v);
  }
  if (isDict(v)) return Object.keys(v);
  return fail('EXPR_TYPE', `'${typeName(v)}' object is not iterable`);
}

/** Remove duplicates (set semantics, first occurrence wins); only scalars are hashable. */
export function deduplicate(items: readonly JsonValue[], ctx: EvalContext): JsonValue[] {
  ctx.chargeWork(items.length);
  const seen = new Set<string>();
  const out: JsonValue[] = [];
  for (const item of items) {
    let key: string;
    if (item === null) key = 'None';
    else if (typeof item === 'boolean') key = `n:${item ? 1 : 0}`;
    else if (typeof item === 'number') key = `n:${item}`;
    else if (typeof item === 'string') key = `s:${item}`;
    else return fail('EXPR_TYPE', `unhashable type: '${typeName(item)}'`);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}
