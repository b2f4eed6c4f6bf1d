// The built-in function table: the original's int, float, str, rand, randint, list, tuple, dict, set,
// plus len, bool, min, max, sum, abs, round, sorted, any, all, range, enumerate and zip.
// spec: expr.functions
import type { JsonValue } from '../flow/types.js';
import { AGGREGATE_FUNCTIONS } from './aggregate-functions.js';
import { bindArguments, requireInt } from './arguments.js';
import { MAX_ELEMENTS } from './limits.js';
import { parseFloatText, parseIntText } from './numbers.js';
import {
  Callable, charLength, deduplicate, fail, isDict, isNumeric, isPythonTruthy, renderValue, setOwn, toDictKey, toIterable, toNumber,
  typeName, type Dict, type EvalContext, type KeywordArgs, type Value,
} from './values.js';

type Impl = (args: Value[], kwargs: KeywordArgs, ctx: EvalContext) => Value;

function toInt(args: Value[], kwargs: KeywordArgs): Value {
  const [x, baseV] = bindArguments('int', ['x', 'base'], 0, args, kwargs);
  if (x === undefined) return 0;
  if (baseV !== undefined) {
    if (typeof x !== 'string') fail('EXPR_TYPE', "int() can't convert non-string with explicit base");
    return parseIntText(x, requireInt('int', baseV));
  }
  if (typeof x === 'string') return parseIntText(x, 10);
  if (isNumeric(x)) return Math.trunc(toNumber(x)) || 0;
  return fail('EXPR_TYPE', `int() argument must be a string or a number, not '${typeName(x)}'`);
}

function toFloat(args: Value[], kwargs: KeywordArgs): Value {
  const [x] = bindArguments('float', ['x'], 0, args, kwargs);
  if (x === undefined) return 0;
  if (typeof x === 'string') return parseFloatText(x);
  if (isNumeric(x)) return toNumber(x);
  return fail('EXPR_TYPE', `float() argument must be a string or a number, not '${typeName(x)}'`);
}

function toDict(args: Value[], kwargs: KeywordArgs, ctx: EvalContext): Value {
  if (args.length > 1) fail('EXPR_TYPE', `dict expected at most 1 argument, got ${args.length}`);
  const out: Dict = {};
  const source = args[0];
  if (source !== undefined) {
    if (isDict(source)) {
      for (const [k, v] of Object.entries(source)) setOwn(out, k, v);
    } else {
      toIterable(source, ctx).forEach((pair, i) => {
        const kv = typeof pair === 'string' || Array.isArray(pair) ? toIterable(pair, ctx) : null;
        if (kv === null || kv.length !== 2) fail('EXPR_VALUE', `dictionary update sequence element #${i} is not a pair`);
        setOwn(out, toDictKey(kv[0] as JsonValue), kv[1] as JsonValue);
      });
    }
  }
  for (const [k, v] of kwargs) setOwn(out, k, v as JsonValue);
  return out;
}

function length(args: Value[], kwargs: KeywordArgs): Value {
  const [x] = bindArguments('len', ['obj'], 1, args, kwargs);
  if (typeof x === 'string') return charLength(x);
  if (Array.isArray(x)) return x.length;
  if (x !== undefined && isDict(x)) return Object.keys(x).length;
  return fail('EXPR_TYPE', `object of type '${typeName(x ?? null)}' has no len()`);
}

function randint(args: Value[], kwargs: KeywordArgs, ctx: EvalContext): Value {
  const [a, b] = bindArguments('randint', ['a', 'b'], 1, args, kwargs);
  if (b === undefined) {
    // The original's one-argument form: an int in [0, a).
    if (!isNumeric(a ?? null)) fail('EXPR_TYPE', 'randint() argument must be a number');
    return Math.trunc(ctx.random() * toNumber(a as number)) || 0;
  }
  const lo = requireInt('randint', a);
  const hi = requireInt('randint', b);
  if (hi < lo) fail('EXPR_VALUE', `empty range for randint(${lo}, ${hi})`);
  return lo + Math.floor(ctx.random() * (hi - lo + 1));
}

function range(args: Value[], kwargs: KeywordArgs, ctx: EvalContext): Value {
  const [a, b, c] = bindArguments('range', ['start', 'stop', 'step'], 1, args, kwargs);
  const start = b === undefined ? 0 : requireInt('range', a);
  const stop = b === undefined ? requireInt('range', a) : requireInt('range', b);
  const step = c === undefined ? 1 : requireInt('range', c);
  if (step === 0) fail('EXPR_VALUE', 'range() arg 3 must not be zero');
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > MAX_ELEMENTS) fail('EXPR_LIMIT', `range() would produce more than ${MAX_ELEMENTS} elements`);
  ctx.chargeWork(count);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

function enumerate(args: Value[], kwargs: KeywordArgs, ctx: EvalContext): Value {
  const [it, startV] = bindArguments('enumerate', ['iterable', 'start'], 1, args, kwargs);
  const start = startV === undefined ? 0 : requireInt('enumerate', startV);
  const items = toIterable(it ?? null, ctx);
  ctx.chargeWork(items.length);
  return items.map((x, i) => [start + i, x]);
}

function zip(args: Value[], kwargs: KeywordArgs, ctx: EvalContext): Value {
  bindArguments('zip', [], 0, [], kwargs);
  const lists = args.map((a) => toIterable(a, ctx));
  if (lists.length === 0) return [];
  const n = Math.min(...lists.map((l) => l.length));
  ctx.chargeWork(n * lists.length);
  return Array.from({ length: n }, (_, i) => lists.map((l) => l[i] as JsonValue));
}

const IMPLEMENTATIONS: Record<string, Impl> = {
  int: toInt,
  float: toFloat,
  str: (args, kwargs) => {
    const [x] = bindArguments('str', ['object'], 0, args, kwargs);
    return x === undefined ? '' : renderValue(x);
  },
  bool: (args, kwargs) => {
    const [x] = bindArguments('bool', ['x'], 0, args, kwargs);
    return x === undefined ? false : isPythonTruthy(x);
  },
  list: (args, kwargs, ctx) => {
    const [x] = bindArguments('list', ['iterable'], 0, args, kwargs);
    return x === undefined ? [] : [...toIterable(x, ctx)];
  },
  tuple: (args, kwargs, ctx) => {
    const [x] = bindArguments('tuple', ['iterable'], 0, args, kwargs);
    return x === undefined ? [] : [...toIterable(x, ctx)];
  },
  set: (args, kwargs, ctx) => {
    const [x] = bindArguments('set', ['iterable'], 0, args, kwargs);
    return x === undefined ? [] : deduplicate(toIterable(x, ctx), ctx);
  },
  dict: toDict,
  len: length,
  rand: (args, kwargs, ctx) => {
    bindArguments('rand', [], 0, args, kwargs);
    return ctx.random();
  },
  randint,
  range,
  enumerate,
  zip,
  ...AGGREGATE_FUNCTIONS,
};

const FUNCTIONS = new Map(Object.entries(IMPLEMENTATIONS).map(([name, impl]) => [name, new Callable(name, impl)]));

/** The built-in function named `name`, or undefined. Own entries only. */
export function lookupFunction(name: string): Callable | undefined {
  return FUNCTIONS.get(name);
}

/** Names of all built-in functions (for documentation and messages). */
export function listFunctionNames(): string[] {
  return [...FUNCTIONS.keys()].sort();
}
