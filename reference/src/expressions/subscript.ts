// Subscripts and slices of lists, strings and mappings.
import type { JsonValue } from '../flow/types.js';
import {
  charLength, fail, getOwn, isDict, isIntegral, listKeys, toChars, toDictKey, toNumber, typeName,
  type EvalContext, type Value,
} from './values.js';

/** `obj[index]`: mapping key, or list / string position (negative counts from the end). */
// spec: expr.attribute-access
export function indexValue(obj: Value, index: Value, ctx: EvalContext): Value {
  if (isDict(obj)) {
    const key = toDictKey(index);
    const value = getOwn(obj, key);
    if (value === undefined) fail('EXPR_KEY_NOT_FOUND', `key '${key}' does not exist; available keys: ${listKeys(obj)}`);
    return value;
  }
  if (typeof obj !== 'string' && !Array.isArray(obj)) {
    return fail('EXPR_TYPE', `'${typeName(obj)}' object is not subscriptable`);
  }
  if (!isIntegral(index)) {
    return fail('EXPR_TYPE', `${typeName(obj)} indices must be integers, not '${typeName(index)}'`);
  }
  const items: readonly JsonValue[] = typeof obj === 'string' ? toCharsCharged(obj, ctx) : obj;
  const raw = toNumber(index);
  const i = raw < 0 ? raw + items.length : raw;
  if (i < 0 || i >= items.length) {
    return fail('EXPR_INDEX_OUT_OF_RANGE', `${typeName(obj)} index ${raw} out of range (length ${items.length})`);
  }
  return items[i] as JsonValue;
}

function toCharsCharged(s: string, ctx: EvalContext): string[] {
  ctx.chargeWork(s.length);
  return toChars(s);
}

function sliceBound(v: Value, name: string): number | null {
  if (v === null) return null;
  if (!isIntegral(v)) return fail('EXPR_TYPE', `slice ${name} must be an integer or None, not '${typeName(v)}'`);
  return toNumber(v);
}

/** The positions a Python slice selects in a sequence of length `len`. */
export function slicePositions(len: number, startV: number | null, stopV: number | null, stepV: number | null): number[] {
  const step = stepV ?? 1;
  if (step === 0) fail('EXPR_VALUE', 'slice step cannot be zero');
  const clamp = (v: number | null, dflt: number, lo: number, hi: number): number => {
    if (v === null) return dflt;
    const x = v < 0 ? v + len : v;
    return Math.min(Math.max(x, lo), hi);
  };
  const out: number[] = [];
  if (step > 0) {
    const start = clamp(startV, 0, 0, len);
    const stop = clamp(stopV, len, 0, len);
    for (let i = start; i < stop; i += step) out.push(i);
  } else {
    const start = clamp(startV, len - 1, -1, len - 1);
    const stop = clamp(stopV, -1, -1, len - 1);
    for (let i = start; i > stop; i += step) out.push(i);
  }
  return out;
}

/** `obj[start:stop:step]` on a list or string. */
export function sliceValue(obj: Value, start: Value, stop: Value, step: Value, ctx: EvalContext): Value {
  if (typeof obj !== 'string' && !Array.isArray(obj)) {
    return fail('EXPR_TYPE', `'${typeName(obj)}' object is not sliceable`);
  }
  const len = typeof obj === 'string' ? charLength(obj) : obj.length;
  ctx.chargeWork(len);
  const positions = slicePositions(len, sliceBound(start, 'start'), sliceBound(stop, 'stop'), sliceBound(step, 'step'));
  if (typeof obj === 'string') {
    const chars = toChars(obj);
    return positions.map((i) => chars[i]).join('');
  }
  return positions.map((i) => obj[i] as JsonValue);
}
