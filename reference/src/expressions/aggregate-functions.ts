// Built-ins over collections and numbers: min, max, sum, abs, round, sorted, any, all.
// spec: expr.functions
import type { JsonValue } from '../flow/types.js';
import { bindArguments, requireInt } from './arguments.js';
import { roundHalfEven } from './numbers.js';
import { applyBinary } from './operators.js';
import {
  Callable, fail, isNumeric, isPythonTruthy, pyCompare, toIterable, toJson, toNumber, typeName,
  type EvalContext, type KeywordArgs, type Value,
} from './values.js';

type Impl = (args: Value[], kwargs: KeywordArgs, ctx: EvalContext) => Value;

function keyFunction(fn: string, key: Value | undefined, ctx: EvalContext): (v: JsonValue) => Value {
  if (key === undefined || key === null) return (v) => v;
  if (!(key instanceof Callable)) return fail('EXPR_TYPE', `${fn}() key must be a function, not '${typeName(key)}'`);
  return (v) => key.invoke([v], new Map(), ctx);
}

// min() / max(): one iterable or several arguments, with key= and default=.
function extreme(fn: 'min' | 'max'): Impl {
  return (args, kwargs, ctx) => {
    const [, , key, dflt] = bindArguments(fn, ['*', '*', 'key', 'default'], 0, [], kwargs);
    if (args.length === 0) fail('EXPR_TYPE', `${fn} expected at least 1 argument, got 0`);
    if (args.length > 1 && dflt !== undefined) fail('EXPR_TYPE', `${fn}() cannot take default with multiple arguments`);
    const items = args.length === 1 ? toIterable(args[0] ?? null, ctx) : args.map(toJson);
    if (items.length === 0) {
      if (dflt !== undefined) return dflt;
      return fail('EXPR_VALUE', `${fn}() arg is an empty sequence`);
    }
    ctx.chargeWork(items.length);
    const keyOf = keyFunction(fn, key, ctx);
    let best = items[0] as JsonValue;
    let bestKey = keyOf(best);
    for (const item of items.slice(1)) {
      const k = keyOf(item);
      const c = pyCompare(k, bestKey, fn === 'min' ? '<' : '>', ctx);
      if (fn === 'min' ? c < 0 : c > 0) {
        best = item;
        bestKey = k;
      }
    }
    return best;
  };
}

/** The aggregate built-ins, merged into the function table by functions.ts. */
export const AGGREGATE_FUNCTIONS: Record<string, Impl> = {
  min: extreme('min'),
  max: extreme('max'),
  sum: (args, kwargs, ctx) => {
    const [it, start] = bindArguments('sum', ['iterable', 'start'], 1, args, kwargs);
    if (typeof start === 'string') fail('EXPR_TYPE', "sum() can't sum strings; use ''.join(seq)");
    let total: Value = start ?? 0;
    const items = toIterable(it ?? null, ctx);
    ctx.chargeWork(items.length);
    for (const item of items) {
      if (typeof item === 'string') fail('EXPR_TYPE', "sum() can't sum strings; use ''.join(seq)");
      total = applyBinary('+', total, item, ctx);
    }
    return total;
  },
  abs: (args, kwargs) => {
    const [x] = bindArguments('abs', ['x'], 1, args, kwargs);
    if (!isNumeric(x ?? null)) fail('EXPR_TYPE', `bad operand type for abs(): '${typeName(x ?? null)}'`);
    return Math.abs(toNumber(x as number));
  },
  round: (args, kwargs) => {
    const [x, nd] = bindArguments('round', ['number', 'ndigits'], 1, args, kwargs);
    if (!isNumeric(x ?? null)) fail('EXPR_TYPE', `type '${typeName(x ?? null)}' doesn't define __round__`);
    const ndigits = nd === undefined || nd === null ? 0 : requireInt('round', nd);
    return roundHalfEven(toNumber(x as number), ndigits);
  },
  sorted: (args, kwargs, ctx) => {
    const [it, key, reverse] = bindArguments('sorted', ['iterable', 'key', 'reverse'], 1, args.slice(0, 1), kwargs);
    if (args.length > 1) fail('EXPR_TYPE', 'sorted() takes 1 positional argument; pass key= and reverse= by name');
    const keyOf = keyFunction('sorted', key, ctx);
    const items = toIterable(it ?? null, ctx);
    ctx.chargeWork(items.length * Math.max(1, Math.log2(items.length + 1)));
    const keyed = items.map((v) => ({ v, k: keyOf(v) }));
    const sign = reverse !== undefined && isPythonTruthy(reverse) ? -1 : 1;
    keyed.sort((a, b) => sign * pyCompare(a.k, b.k, '<', ctx));
    return keyed.map((e) => e.v);
  },
  any: (args, kwargs, ctx) => {
    const [it] = bindArguments('any', ['iterable'], 1, args, kwargs);
    return toIterable(it ?? null, ctx).some((v) => isPythonTruthy(v));
  },
  all: (args, kwargs, ctx) => {
    const [it] = bindArguments('all', ['iterable'], 1, args, kwargs);
    return toIterable(it ?? null, ctx).every((v) => isPythonTruthy(v));
  },
};
