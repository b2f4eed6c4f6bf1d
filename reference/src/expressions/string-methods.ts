// Read-only Python str methods.
// spec: expr.methods
import type { JsonValue } from '../flow/types.js';
import { MAX_STRING_LENGTH } from './limits.js';
import { bindArguments, optionalInt, requireInt, requireString } from './arguments.js';
import type { MethodImpl } from './methods.js';
import { slicePositions } from './subscript.js';
import { charLength, checkString, fail, toChars, toIterable, typeName, type EvalContext, type KeywordArgs, type Value } from './values.js';

// Python's str.isspace / split() whitespace.
const WS = ' \t\n\r\v\f\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const WS_CLASS = `[${WS.replace(/[\]\\^-]/g, '\\$&')}]`;

function noArgs(fn: string, args: Value[], kwargs: KeywordArgs): void {
  bindArguments(fn, [], 0, args, kwargs);
}

function simple(fn: string, op: (s: string) => Value): MethodImpl<string> {
  return (self, args, kwargs, ctx) => {
    noArgs(fn, args, kwargs);
    ctx.chargeWork(self.length);
    return op(self);
  };
}

function stripper(fn: string, left: boolean, right: boolean): MethodImpl<string> {
  return (self, args, kwargs, ctx) => {
    const [chars] = bindArguments(fn, ['chars'], 0, args, kwargs);
    ctx.chargeWork(self.length);
    const set = chars === undefined || chars === null ? new Set(WS) : new Set(toChars(requireString(fn, chars)));
    const cs = toChars(self);
    let a = 0;
    let b = cs.length;
    if (left) while (a < b && set.has(cs[a] ?? '')) a += 1;
    if (right) while (b > a && set.has(cs[b - 1] ?? '')) b -= 1;
    return cs.slice(a, b).join('');
  };
}

// str.split / str.rsplit with Python's whitespace mode and maxsplit.
function splitter(fn: string, fromRight: boolean): MethodImpl<string> {
  return (self, args, kwargs, ctx) => {
    const [sepV, maxV] = bindArguments(fn, ['sep', 'maxsplit'], 0, args, kwargs);
    ctx.chargeWork(self.length);
    const max = optionalInt(fn, maxV, -1);
    const limit = max < 0 ? Infinity : max;
    if (sepV === undefined || sepV === null) {
      const words = self.split(new RegExp(`${WS_CLASS}+`)).filter((w) => w !== '');
      if (words.length - 1 <= limit) return words;
      // Re-split keeping the unsplit remainder verbatim (leading/trailing whitespace of it removed on its side).
      const re = new RegExp(`${WS_CLASS}+`, 'g');
      const trimmed = fromRight ? self.replace(new RegExp(`${WS_CLASS}+$`), '') : self.replace(new RegExp(`^${WS_CLASS}+`), '');
      return fromRight ? splitWsRight(trimmed, limit) : splitWsLeft(trimmed, limit, re);
    }
    const sep = requireString(fn, sepV);
    if (sep === '') fail('EXPR_VALUE', 'empty separator');
    const parts = self.split(sep);
    if (parts.length - 1 <= limit) return parts;
    return fromRight
      ? [parts.slice(0, parts.length - limit).join(sep), ...parts.slice(parts.length - limit)]
      : [...parts.slice(0, limit), parts.slice(limit).join(sep)];
  };
}

function splitWsLeft(s: string, limit: number, re: RegExp): string[] {
  const out: string[] = [];
  let last = 0;
  for (let m = re.exec(s); m !== null && out.length < limit; m = re.exec(s)) {
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

function splitWsRight(s: string, limit: number): string[] {
  const rev = toChars(s).reverse().join('');
  return splitWsLeft(rev, limit, new RegExp(`${WS_CLASS}+`, 'g'))
    .map((w) => toChars(w).reverse().join(''))
    .reverse();
}

// Search helpers work on code points so positions match Python's.
function search(fn: string, self: string, args: Value[], kwargs: KeywordArgs, ctx: EvalContext, last: boolean): number {
  const [subV, start, end] = bindArguments(fn, ['sub', 'start', 'end'], 1, args, kwargs);
  const sub = requireString(fn, subV);
  ctx.chargeWork(self.length);
  const chars = toChars(self);
  const positions = slicePositions(chars.length, start == null ? null : optionalInt(fn, start, 0), end == null ? null : optionalInt(fn, end, chars.length), 1);
  if (positions.length === 0) return sub === '' && (start == null || optionalInt(fn, start, 0) <= chars.length) ? chars.length : -1;
  const from = positions[0] ?? 0;
  const window = chars.slice(from, (positions[positions.length - 1] ?? 0) + 1).join('');
  const at = last ? window.lastIndexOf(sub) : window.indexOf(sub);
  return at < 0 ? -1 : from + charLength(window.slice(0, at));
}

function affix(fn: string, atStart: boolean): MethodImpl<string> {
  return (self, args, kwargs) => {
    const [v] = bindArguments(fn, ['prefix'], 1, args, kwargs);
    const options = Array.isArray(v) ? v : [v ?? null];
    return options.some((o) => {
      const text = requireString(fn, o);
      return atStart ? self.startsWith(text) : self.endsWith(text);
    });
  };
}

function tooLong(): never {
  return fail('EXPR_LIMIT', `string result longer than ${MAX_STRING_LENGTH} characters`);
}

function padder(fn: string, place: (s: string, total: number, fill: string, width: number) => string): MethodImpl<string> {
  return (self, args, kwargs) => {
    const [widthV, fillV] = bindArguments(fn, ['width', 'fillchar'], 1, args, kwargs);
    const width = requireInt(fn, widthV);
    const fill = fillV === undefined ? ' ' : requireString(fn, fillV);
    if (charLength(fill) !== 1) fail('EXPR_TYPE', `${fn}() fill character must be exactly one character long`);
    if (width > MAX_STRING_LENGTH) tooLong();
    const total = Math.max(0, width - charLength(self));
    return checkString(place(self, total, fill, width));
  };
}

function test(fn: string, re: RegExp): MethodImpl<string> {
  return simple(fn, (s) => s.length > 0 && re.test(s));
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_m, pre: string, ch: string) => pre + ch.toUpperCase());
}

function partition(fn: string, fromRight: boolean): MethodImpl<string> {
  return (self, args, kwargs) => {
    const [sepV] = bindArguments(fn, ['sep'], 1, args, kwargs);
    const sep = requireString(fn, sepV);
    if (sep === '') fail('EXPR_VALUE', 'empty separator');
    const at = fromRight ? self.lastIndexOf(sep) : self.indexOf(sep);
    if (at < 0) return fromRight ? ['', '', self] : [self, '', ''];
    return [self.slice(0, at), sep, self.slice(at + sep.length)];
  };
}

/** The str method table. */
export const STRING_METHODS: ReadonlyMap<string, MethodImpl<string>> = new Map<string, MethodImpl<string>>([
  ['upper', simple('upper', (s) => s.toUpperCase())],
  ['lower', simple('lower', (s) => s.toLowerCase())],
  ['casefold', simple('casefold', (s) => s.toLowerCase())],
  ['swapcase', simple('swapcase', (s) => toChars(s).map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''))],
  ['title', simple('title', titleCase)],
  ['capitalize', simple('capitalize', (s) => { const [first = '', ...rest] = toChars(s); return first.toUpperCase() + rest.join('').toLowerCase(); })],
  ['strip', stripper('strip', true, true)],
  ['lstrip', stripper('lstrip', true, false)],
  ['rstrip', stripper('rstrip', false, true)],
  ['split', splitter('split', false)],
  ['rsplit', splitter('rsplit', true)],
  ['splitlines', (self, args, kwargs, ctx) => {
    const [keep] = bindArguments('splitlines', ['keepends'], 0, args, kwargs);
    ctx.chargeWork(self.length);
    const lines = self.match(/[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]|$)/g) ?? [];
    const nonEmpty = lines.filter((l) => l !== '');
    return keep === true ? nonEmpty : nonEmpty.map((l) => l.replace(/(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])$/, ''));
  }],
  ['replace', (self, args, kwargs, ctx) => {
    const [oldV, newV, countV] = bindArguments('replace', ['old', 'new', 'count'], 2, args, kwargs);
    const old = requireString('replace', oldV);
    const rep = requireString('replace', newV);
    const count = optionalInt('replace', countV, -1);
    ctx.chargeWork(self.length);
    if (old === '') {
      const chars = toChars(self);
      const limit = count < 0 ? chars.length + 1 : Math.min(count, chars.length + 1);
      if (self.length + limit * rep.length > MAX_STRING_LENGTH) tooLong();
      let out = '';
      for (let i = 0; i <= chars.length; i += 1) out += (i < limit ? rep : '') + (chars[i] ?? '');
      return out;
    }
    const parts = self.split(old);
    const occurrences = parts.length - 1;
    const limit = count < 0 ? occurrences : Math.min(count, occurrences);
    if (self.length + limit * (rep.length - old.length) > MAX_STRING_LENGTH) tooLong();
    const head = parts.slice(0, limit + 1).join(rep);
    return limit < occurrences ? head + old + parts.slice(limit + 1).join(old) : head;
  }],
  ['startswith', affix('startswith', true)],
  ['endswith', affix('endswith', false)],
  ['join', (self, args, kwargs, ctx) => {
    const [it] = bindArguments('join', ['iterable'], 1, args, kwargs);
    const items = toIterable(it ?? null, ctx);
    ctx.chargeWork(items.length);
    const strings = items.map((x: JsonValue, i) => (typeof x === 'string' ? x : fail('EXPR_TYPE', `sequence item ${i}: expected str instance, '${typeName(x)}' found`)));
    return checkString(strings.join(self));
  }],
  ['find', (self, args, kwargs, ctx) => search('find', self, args, kwargs, ctx, false)],
  ['rfind', (self, args, kwargs, ctx) => search('rfind', self, args, kwargs, ctx, true)],
  ['index', (self, args, kwargs, ctx) => {
    const i = search('index', self, args, kwargs, ctx, false);
    return i < 0 ? fail('EXPR_VALUE', 'substring not found') : i;
  }],
  ['rindex', (self, args, kwargs, ctx) => {
    const i = search('rindex', self, args, kwargs, ctx, true);
    return i < 0 ? fail('EXPR_VALUE', 'substring not found') : i;
  }],
  ['count', (self, args, kwargs, ctx) => {
    const [subV] = bindArguments('count', ['sub'], 1, args, kwargs);
    const sub = requireString('count', subV);
    ctx.chargeWork(self.length);
    return sub === '' ? charLength(self) + 1 : self.split(sub).length - 1;
  }],
  ['isdigit', test('isdigit', /^\p{Nd}+$/u)],
  ['isdecimal', test('isdecimal', /^\p{Nd}+$/u)],
  ['isnumeric', test('isnumeric', /^\p{N}+$/u)],
  ['isalpha', test('isalpha', /^\p{L}+$/u)],
  ['isalnum', test('isalnum', /^[\p{L}\p{N}]+$/u)],
  ['isspace', test('isspace', new RegExp(`^${WS_CLASS}+$`))],
  ['isupper', simple('isupper', (s) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s))],
  ['islower', simple('islower', (s) => /\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s))],
  ['istitle', simple('istitle', (s) => /\p{L}/u.test(s) && titleCase(s) === s)],
  ['zfill', (self, args, kwargs) => {
    const [w] = bindArguments('zfill', ['width'], 1, args, kwargs);
    const width = requireInt('zfill', w);
    if (width > MAX_STRING_LENGTH) tooLong();
    const sign = /^[+-]/.test(self) ? self[0] ?? '' : '';
    const body = self.slice(sign.length);
    return checkString(sign + '0'.repeat(Math.max(0, width - charLength(self))) + body);
  }],
  ['center', padder('center', (s, total, fill, width) => {
    const left = Math.floor(total / 2) + (total & width & 1);
    return fill.repeat(left) + s + fill.repeat(total - left);
  })],
  ['ljust', padder('ljust', (s, total, fill) => s + fill.repeat(total))],
  ['rjust', padder('rjust', (s, total, fill) => fill.repeat(total) + s)],
  ['partition', partition('partition', false)],
  ['rpartition', partition('rpartition', true)],
  ['removeprefix', (self, args, kwargs) => {
    const [p] = bindArguments('removeprefix', ['prefix'], 1, args, kwargs);
    const prefix = requireString('removeprefix', p);
    return prefix !== '' && self.startsWith(prefix) ? self.slice(prefix.length) : self;
  }],
  ['removesuffix', (self, args, kwargs) => {
    const [p] = bindArguments('removesuffix', ['suffix'], 1, args, kwargs);
    const suffix = requireString('removesuffix', p);
    return suffix !== '' && self.endsWith(suffix) ? self.slice(0, self.length - suffix.length) : self;
  }],
]);
