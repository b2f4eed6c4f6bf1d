// Argument binding for built-in functions and methods (positional + keyword, Python-style errors).
import { fail, isIntegral, toNumber, typeName, type KeywordArgs, type Value } from './values.js';

/**
 * Bind call arguments to named parameters. Returns one slot per parameter (undefined when not given).
 * Parameters after `required` are optional. EXPR_TYPE on too many / unknown / missing arguments.
 */
export function bindArguments(
  fn: string,
  params: readonly string[],
  required: number,
  args: readonly Value[],
  kwargs: KeywordArgs,
): (Value | undefined)[] {
  if (args.length > params.length) {
    fail('EXPR_TYPE', `${fn}() takes at most ${params.length} argument${params.length === 1 ? '' : 's'} (${args.length} given)`);
  }
  const out: (Value | undefined)[] = params.map((_, i) => args[i]);
  for (const [name, value] of kwargs) {
    const i = params.indexOf(name);
    if (i < 0) fail('EXPR_TYPE', `${fn}() got an unexpected keyword argument '${name}'`);
    if (out[i] !== undefined) fail('EXPR_TYPE', `${fn}() got multiple values for argument '${name}'`);
    out[i] = value;
  }
  for (let i = 0; i < required; i += 1) {
    if (out[i] === undefined) fail('EXPR_TYPE', `${fn}() missing required argument '${params[i] ?? '?'}'`);
  }
  return out;
}

/** Require a string argument. */
export function requireString(fn: string, v: Value | undefined): string {
  if (typeof v !== 'string') return fail('EXPR_TYPE', `${fn}() argument must be str, not '${typeName(v ?? null)}'`);
  return v;
}

/** Require an integer argument (bools count as 0/1). */
export function requireInt(fn: string, v: Value | undefined): number {
  if (v === undefined || !isIntegral(v)) return fail('EXPR_TYPE', `${fn}() argument must be an integer, not '${typeName(v ?? null)}'`);
  return toNumber(v);
}

/** An optional integer argument (None or absent → fallback). */
export function optionalInt(fn: string, v: Value | undefined, fallback: number): number {
  return v === undefined || v === null ? fallback : requireInt(fn, v);
}
