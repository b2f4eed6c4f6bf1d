// Number parsing and rounding with Python's rules (int(), float(), round()).
import { fail } from './values.js';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** int(text, base): Python's integer literal rules (sign, underscores, 0x/0o/0b prefixes for base 0/16/8/2). */
export function parseIntText(text: string, base: number): number {
  if (base !== 0 && (base < 2 || base > 36)) fail('EXPR_VALUE', 'int() base must be >= 2 and <= 36, or 0');
  const invalid = (): never => fail('EXPR_VALUE', `invalid literal for int() with base ${base}: '${text}'`);
  let s = text.trim().toLowerCase();
  let sign = 1n;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1n;
    s = s.slice(1);
  }
  let radix = base;
  const prefix = /^0([xob])/.exec(s);
  const prefixRadix: Record<string, number> = { x: 16, o: 8, b: 2 };
  if (prefix && (base === 0 || prefixRadix[prefix[1] ?? ''] === base)) {
    radix = prefixRadix[prefix[1] ?? ''] ?? 10;
    s = s.slice(2).replace(/^_/, '');
  } else if (base === 0) {
    radix = 10;
    if (/^0+[1-9]/.test(s.replace(/_/g, ''))) invalid();
  }
  if (s === '' || s.startsWith('_') || s.endsWith('_') || s.includes('__')) invalid();
  let n = 0n;
  for (const ch of s.replace(/_/g, '')) {
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= radix) invalid();
    n = n * BigInt(radix) + BigInt(d);
    if (n > 10n ** 400n) fail('EXPR_LIMIT', 'integer literal too large');
  }
  const value = Number(sign * n);
  if (!Number.isFinite(value)) fail('EXPR_LIMIT', 'integer too large');
  return value === 0 ? 0 : value;
}

/** float(text): decimal float syntax; inf/nan are refused (JSON cannot carry them). */
export function parseFloatText(text: string): number {
  const s = text.trim();
  if (/^[+-]?(inf|infinity|nan)$/i.test(s)) fail('EXPR_VALUE', `float('${text}') is not a finite number`);
  const ok = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/.test(s);
  if (!ok) fail('EXPR_VALUE', `could not convert string to float: '${text}'`);
  const value = Number(s.replace(/_/g, ''));
  if (!Number.isFinite(value)) fail('EXPR_LIMIT', 'float value out of range');
  return value === 0 ? 0 : value;
}

// The exact binary value of a finite double as mantissa * 2^exponent.
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const rawExp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  if (rawExp === 0) return { mantissa: sign * frac, exponent: -1074 };
  return { mantissa: sign * (frac | (1n << 52n)), exponent: rawExp - 1075 };
}

/** round(x, ndigits): exact, half to even, like Python. */
export function roundHalfEven(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  if (ndigits > 400) return x;
  if (ndigits < -400) return 0;
  const { mantissa, exponent } = decompose(x);
  let num = mantissa * (exponent > 0 ? 2n ** BigInt(exponent) : 1n);
  let den = exponent < 0 ? 2n ** BigInt(-exponent) : 1n;
  if (ndigits >= 0) num *= 10n ** BigInt(ndigits);
  else den *= 10n ** BigInt(-ndigits);
  const negative = num < 0n;
  const absNum = negative ? -num : num;
  let q = absNum / den;
  const twice = (absNum % den) * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  const scaled = negative ? -q : q;
  const result = Number(`${scaled}e${-ndigits}`);
  if (!Number.isFinite(result)) fail('EXPR_LIMIT', 'rounded value out of range');
  return result === 0 ? 0 : result;
}
