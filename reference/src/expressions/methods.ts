// Methods callable on values: read-only str, dict and list methods. Values are immutable.
// spec: expr.methods
import type { JsonValue } from '../flow/types.js';
import { bindArguments, optionalInt } from './arguments.js';
import { STRING_METHODS } from './string-methods.js';
import {
  Callable, fail, getOwn, isDict, pyEquals, toDictKey, typeName, type Dict, type EvalContext, type KeywordArgs, type Value,
} from './values.js';
import { slicePositions } from './subscript.js';

/** A method implementation: receiver, positional args, keyword args, context. */
export type MethodImpl<T> = (self: T, args: Value[], kwargs: KeywordArgs, ctx: EvalContext) => Value;

const BLOCKED = new Set(['format', 'format_map', 'mro', 'tb_frame', 'gi_frame', 'ag_frame', 'cr_frame', 'exec']);

const MUTATING = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'clear', 'sort', 'reverse', 'update', 'setdefault', 'popitem',
  'add', 'discard',
]);

/** Whether an attribute name may never be accessed (dunder / private names and Python escape hatches). */
export function isBlockedAttribute(name: string): boolean {
  return name.startsWith('_') || name.startsWith('func_') || BLOCKED.has(name);
}

function table<T>(entries: Record<string, MethodImpl<T>>): Map<string, MethodImpl<T>> {
  return new Map(Object.entries(entries));
}

const DICT_METHODS = table<Dict>({
  get: (self, args, kwargs) => {
    const [key, dflt] = bindArguments('get', ['key', 'default'], 1, args, kwargs);
    return getOwn(self, toDictKey(key ?? null)) ?? dflt ?? null;
  },
  keys: (self, args, kwargs) => {
    bindArguments('keys', [], 0, args, kwargs);
    return Object.keys(self);
  },
  values: (self, args, kwargs) => {
    bindArguments('values', [], 0, args, kwargs);
    return Object.values(self);
  },
  items: (self, args, kwargs) => {
    bindArguments('items', [], 0, args, kwargs);
    return Object.entries(self).map(([k, v]) => [k, v]);
  },
  copy: (self, args, kwargs) => {
    bindArguments('copy', [], 0, args, kwargs);
    return self;
  },
});

// Positions of a list / string range given optional start/end arguments.
function rangeOf(fn: string, len: number, start: Value | undefined, end: Value | undefined): number[] {
  return slicePositions(len, start === undefined ? null : optionalInt(fn, start, 0), end === undefined ? null : optionalInt(fn, end, len), 1);
}

const LIST_METHODS = table<JsonValue[]>({
  index: (self, args, kwargs, ctx) => {
    const [x, start, end] = bindArguments('index', ['value', 'start', 'end'], 1, args, kwargs);
    ctx.chargeWork(self.length);
    for (const i of rangeOf('index', self.length, start, end)) {
      if (pyEquals(self[i] as JsonValue, x ?? null, ctx)) return i;
    }
    return fail('EXPR_VALUE', 'value is not in list');
  },
  count: (self, args, kwargs, ctx) => {
    const [x] = bindArguments('count', ['value'], 1, args, kwargs);
    ctx.chargeWork(self.length);
    return self.filter((v) => pyEquals(v, x ?? null, ctx)).length;
  },
  copy: (self, args, kwargs) => {
    bindArguments('copy', [], 0, args, kwargs);
    return self;
  },
});

/** The bound method `name` of a value, undefined when the value has no such method. */
export function lookupMethod(obj: Value, name: string): Callable | undefined {
  if ((Array.isArray(obj) || isDict(obj)) && MUTATING.has(name)) {
    fail('EXPR_NOT_ALLOWED', `'${typeName(obj)}.${name}()' would modify a value; expression values are immutable`);
  }
  if (typeof obj === 'string') return bind(STRING_METHODS, obj, name, 'str');
  if (Array.isArray(obj)) return bind(LIST_METHODS, obj, name, 'list');
  if (isDict(obj)) return bind(DICT_METHODS, obj, name, 'dict');
  return undefined;
}

function bind<T>(methods: ReadonlyMap<string, MethodImpl<T>>, self: T, name: string, type: string): Callable | undefined {
  const impl = methods.get(name);
  if (impl === undefined) return undefined;
  return new Callable(`${type}.${name}`, (args, kwargs, ctx) => impl(self, args, kwargs, ctx));
}
