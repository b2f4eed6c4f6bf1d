// The format-spec mini-language of f-string fields (`f'{x:>8.2f}'`), a practical subset of Python's.
// spec: expr.literals
import { MAX_STRING_LENGTH } from './limits.js';
import { charLength, fail, isIntegral, renderValue, toNumber, typeName, type Value } from './values.js';

const SPEC = /^(?:([\s\S])?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/u;

interface Spec {
  fill: string;
  align: string | undefined;
  sign: string;
  alternate: boolean;
  width: number;
  grouping: string | undefined;
  precision: number | undefined;
  type: string | undefined;
}

function parseSpec(text: string): Spec {
  const m = SPEC.exec(text);
  if (m === null) return fail('EXPR_VALUE', `invalid format specifier '${text}'`);
  const zero = m[5] !== undefined;
  const width = m[6] === undefined ? 0 : Number(m[6]);
  if (width > MAX_STRING_LENGTH) fail('EXPR_LIMIT', `format width larger than ${MAX_STRING_LENGTH}`);
  const precision = m[8] === undefined ? undefined : Number(m[8]);
  if (precision !== undefined && precision > 100) fail('EXPR_LIMIT', 'format precision larger than 100');
  return {
    fill: m[1] ?? (zero && m[2] === undefined ? '0' : ' '),
    align: m[2] ?? (zero ? '=' : undefined),
    sign: m[3] ?? '-',
    alternate: m[4] !== undefined,
    width,
    grouping: m[7],
    precision,
    type: m[9],
  };
}

/** Format a value with a Python format spec. */
export function formatWithSpec(value: Value, specText: string): string {
  if (specText === '') return renderValue(value);
  const spec = parseSpec(specText);
  if (typeof value === 'string') {
    if (spec.type !== undefined && spec.type !== 's') fail('EXPR_VALUE', `unknown format code '${spec.type}' for a str value`);
    if (spec.align === '=' || spec.sign !== '-' || spec.grouping !== undefined) fail('EXPR_VALUE', `invalid format specifier '${specText}' for a str value`);
    const text = spec.precision === undefined ? value : Array.from(value).slice(0, spec.precision).join('');
    return pad(text, spec, '<');
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    if (spec.type === 's') fail('EXPR_VALUE', `unknown format code 's' for a ${typeName(value)} value`);
    return formatNumberSpec(toNumber(value), spec, isIntegral(value));
  }
  return fail('EXPR_TYPE', `unsupported format string passed to ${typeName(value)}`);
}

function pad(body: string, spec: Spec, defaultAlign: string, signPart = ''): string {
  const len = charLength(signPart + body);
  const total = Math.max(0, spec.width - len);
  const align = spec.align ?? defaultAlign;
  const fill = (n: number): string => spec.fill.repeat(n);
  if (align === '<') return signPart + body + fill(total);
  if (align === '>') return fill(total) + signPart + body;
  if (align === '=') return signPart + fill(total) + body;
  const left = Math.floor(total / 2);
  return fill(left) + signPart + body + fill(total - left);
}

function group(digits: string, sep: string, size: number): string {
  const [int = '', frac] = digits.split('.');
  const grouped = int.replace(new RegExp(`\\B(?=(\\w{${size}})+(?!\\w))`, 'g'), sep);
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function fixExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function general(x: number, precision: number | undefined, alternate: boolean): string {
  const p = precision === undefined ? 6 : Math.max(precision, 1);
  if (x === 0) return alternate ? `0.${'0'.repeat(p - 1)}` : '0';
  const exp = Number(x.toExponential(p - 1).split('e')[1]);
  let out = exp >= -4 && exp < p ? x.toFixed(p - 1 - exp) : fixExponent(x.toExponential(p - 1));
  if (!alternate) out = out.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
  return out;
}

function formatNumberSpec(n: number, spec: Spec, integral: boolean): string {
  const type = spec.type;
  const abs = Math.abs(n);
  let body: string;
  let prefix = '';
  switch (type) {
    case undefined:
    case 'n':
    case 'd':
      if ((type === 'd' || (type === 'n' && spec.precision === undefined)) && !integral) {
        fail('EXPR_VALUE', `unknown format code '${type}' for a float value`);
      }
      body = integral && spec.precision === undefined ? BigInt(abs).toString() : general(abs, spec.precision, spec.alternate);
      if (type === undefined && !integral && spec.precision === undefined) body = renderValue(abs);
      break;
    case 'f':
    case 'F':
      body = abs.toFixed(spec.precision ?? 6);
      break;
    case 'e':
    case 'E':
      body = fixExponent(abs.toExponential(spec.precision ?? 6));
      break;
    case 'g':
    case 'G':
      body = general(abs, spec.precision, spec.alternate);
      break;
    case '%':
      body = `${(abs * 100).toFixed(spec.precision ?? 6)}%`;
      break;
    case 'c':
      if (!integral || n < 0 || n > 0x10ffff) fail('EXPR_VALUE', "'c' format needs an integer code point");
      return pad(String.fromCodePoint(n), spec, '<');
    default: {
      if (!integral) fail('EXPR_VALUE', `unknown format code '${type}' for a float value`);
      const radix = type === 'x' || type === 'X' ? 16 : type === 'o' ? 8 : 2;
      body = BigInt(abs).toString(radix);
      if (spec.alternate) prefix = type === 'o' ? '0o' : type === 'b' ? '0b' : '0x';
      if (type === 'X') {
        body = body.toUpperCase();
        prefix = prefix.toUpperCase();
      }
      if (spec.grouping !== undefined) body = group(body, spec.grouping, 4);
      return pad(body, spec, '>', signOf(n, spec) + prefix);
    }
  }
  if (type === 'E' || type === 'G' || type === 'F') body = body.toUpperCase();
  if (spec.grouping !== undefined) body = group(body, spec.grouping, 3);
  return pad(body, spec, '>', signOf(n, spec));
}

function signOf(n: number, spec: Spec): string {
  if (n < 0) return '-';
  return spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
}
