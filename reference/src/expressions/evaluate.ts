// Pure evaluator: no I/O, no clock; randomness only through options.random.
import type { JsonValue } from '../flow/types.js';
import { isStepyardError, StepyardError } from '../errors/stepyard-error.js';
import { listNames, quoteSource } from './errors.js';
import { formatWithSpec } from './format.js';
import { lookupFunction } from './functions.js';
import { DEFAULT_MAX_STEPS, MAX_ELEMENTS } from './limits.js';
import { isBlockedAttribute, lookupMethod } from './methods.js';
import { applyBinary, applyCompare, applyUnary } from './operators.js';
import { parseExpression } from './parser.js';
import { printExpression } from './printer.js';
import { indexValue, sliceValue } from './subscript.js';
import type { CallArgument, Comprehension, DictEntry, ElementExpr, EvaluateOptions, Expr, Scope, Target } from './types.js';
import {
  Callable, checkString, deduplicate, EvalContext, fail, getOwn, isDict, isPythonTruthy, renderValue, reprValue,
  listKeys, setOwn, toDictKey, toIterable, toJson, typeName, type Dict, type Value,
} from './values.js';

const PARSE_CACHE_SIZE = 1024;
const parseCache = new Map<string, Expr>();

// Parse with a small LRU cache: the engine evaluates the same expressions again and again.
function parseCached(source: string): Expr {
  const hit = parseCache.get(source);
  if (hit !== undefined) {
    parseCache.delete(source);
    parseCache.set(source, hit);
    return hit;
  }
  const expr = parseExpression(source);
  if (parseCache.size >= PARSE_CACHE_SIZE) {
    const oldest = parseCache.keys().next();
    if (!oldest.done) parseCache.delete(oldest.value);
  }
  parseCache.set(source, expr);
  return expr;
}

/** Evaluate one expression (text or AST) over a scope. Throws StepyardError with an EXPR_* code. */
export function evaluateExpression(source: string | Expr, scope: Scope, options: EvaluateOptions = {}): JsonValue {
  const text = typeof source === 'string' ? source.trim() : printExpression(source);
  // Parse errors already quote the expression.
  const expr = typeof source === 'string' ? parseCached(text) : source;
  try {
    const ctx = new EvalContext(options.maxSteps ?? DEFAULT_MAX_STEPS, options.random ?? Math.random);
    return toJson(new Evaluator(scope, ctx).evaluate(expr));
  } catch (err) {
    throw attachExpression(err, text);
  }
}

// Add the expression text to an error message; turn stack exhaustion into EXPR_LIMIT.
function attachExpression(err: unknown, text: string): unknown {
  if (isStepyardError(err)) {
    return new StepyardError(err.code, `${err.message} (in expression ${quoteSource(text)})`, {
      location: err.location,
      hint: err.hint,
    });
  }
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return new StepyardError('EXPR_LIMIT', `value nested too deeply (in expression ${quoteSource(text)})`);
  }
  return err;
}

class Evaluator {
  private readonly locals: Map<string, Value>[] = [];

  constructor(
    private readonly scope: Scope,
    private readonly ctx: EvalContext,
  ) {}

  evaluate(expr: Expr): Value {
    this.ctx.charge();
    switch (expr.type) {
      case 'literal':
        return typeof expr.value === 'string' ? checkString(expr.value) : expr.value;
      case 'name':
        return this.lookupName(expr.name);
      case 'attribute':
        return this.getAttribute(this.evaluate(expr.object), expr.name, false);
      case 'subscript':
        return indexValue(this.evaluate(expr.object), this.evaluate(expr.index), this.ctx);
      case 'slice': {
        const obj = this.evaluate(expr.object);
        const part = (e: Expr | null): Value => (e === null ? null : this.evaluate(e));
        return sliceValue(obj, part(expr.start), part(expr.stop), part(expr.step), this.ctx);
      }
      case 'unary':
        return applyUnary(expr.op, this.evaluate(expr.operand));
      case 'binary':
        return applyBinary(expr.op, this.evaluate(expr.left), this.evaluate(expr.right), this.ctx);
      case 'logical': {
        // spec: expr.operators (and/or return the deciding operand)
        const left = this.evaluate(expr.left);
        const decided = expr.op === 'and' ? !isPythonTruthy(left) : isPythonTruthy(left);
        return decided ? left : this.evaluate(expr.right);
      }
      case 'compare':
        return this.evaluateCompare(expr.left, expr.ops, expr.comparators);
      case 'conditional':
        return isPythonTruthy(this.evaluate(expr.test)) ? this.evaluate(expr.body) : this.evaluate(expr.orelse);
      case 'list':
      case 'tuple':
        return this.evaluateElements(expr.elements);
      case 'set':
        return deduplicate(this.evaluateElements(expr.elements), this.ctx);
      case 'dict':
        return this.evaluateDict(expr.entries);
      case 'listcomp':
      case 'genexp': {
        const out: JsonValue[] = [];
        this.runComprehension(expr.generators, 0, () => out.push(toJson(this.evaluate(expr.element))));
        return out;
      }
      case 'dictcomp': {
        const out: Dict = {};
        this.runComprehension(expr.generators, 0, () => {
          const key = toDictKey(this.evaluate(expr.key));
          setOwn(out, key, toJson(this.evaluate(expr.value)));
        });
        return out;
      }
      case 'call':
        return this.evaluateCall(expr.callee, expr.args);
      case 'fstring':
        return checkString(
          expr.parts
            .map((part) => {
              if (typeof part === 'string') return part;
              const value = this.evaluate(part.expr);
              const converted = part.conversion === 'r' || part.conversion === 'a' ? reprValue(value) : part.conversion === 's' ? renderValue(value) : value;
              return part.spec === null ? renderValue(converted) : formatWithSpec(converted, part.spec);
            })
            .join(''),
        );
    }
  }

  // spec: expr.scope
  private lookupName(name: string): Value {
    for (let i = this.locals.length - 1; i >= 0; i -= 1) {
      const frame = this.locals[i];
      if (frame?.has(name)) return frame.get(name) as Value;
    }
    if (name.startsWith('_')) fail('EXPR_NOT_ALLOWED', `names starting with '_' are not accessible ('${name}')`);
    if (Object.hasOwn(this.scope, name) && this.scope[name] !== undefined) return this.scope[name] as JsonValue;
    const fn = lookupFunction(name);
    if (fn !== undefined) return fn;
    const names = [...new Set([...this.locals.flatMap((f) => [...f.keys()]), ...Object.keys(this.scope)])];
    return fail('EXPR_UNDEFINED_REFERENCE', `name '${name}' is not defined; names in scope: ${listNames(names)}`);
  }

  // spec: expr.attribute-access
  private getAttribute(obj: Value, name: string, isCall: boolean): Value {
    if (isBlockedAttribute(name)) fail('EXPR_NOT_ALLOWED', `attribute '${name}' is not accessible`);
    if (isCall) {
      const method = lookupMethod(obj, name);
      if (method !== undefined) return method;
    }
    if (isDict(obj)) {
      const value = getOwn(obj, name);
      if (value !== undefined) return value;
    }
    const method = lookupMethod(obj, name);
    if (method !== undefined) return method;
    if (isDict(obj)) {
      return fail('EXPR_KEY_NOT_FOUND', `key '${name}' does not exist; available keys: ${listKeys(obj)}`);
    }
    return fail('EXPR_KEY_NOT_FOUND', `'${typeName(obj)}' value has no attribute '${name}'`);
  }

  private evaluateCompare(leftExpr: Expr, ops: readonly Parameters<typeof applyCompare>[0][], comparators: readonly Expr[]): Value {
    let left = this.evaluate(leftExpr);
    for (let i = 0; i < ops.length; i += 1) {
      const right = this.evaluate(comparators[i] as Expr);
      if (!applyCompare(ops[i] as Parameters<typeof applyCompare>[0], left, right, this.ctx)) return false;
      left = right;
    }
    return true;
  }

  private evaluateElements(elements: readonly ElementExpr[]): JsonValue[] {
    const out: JsonValue[] = [];
    for (const e of elements) {
      if (e.type === 'starred') {
        const items = toIterable(this.evaluate(e.value), this.ctx);
        this.ctx.chargeWork(items.length);
        out.push(...items);
      } else out.push(toJson(this.evaluate(e)));
    }
    return out;
  }

  private evaluateDict(entries: readonly DictEntry[]): Dict {
    const out: Dict = {};
    for (const entry of entries) {
      if (entry.type === 'pair') {
        const key = toDictKey(this.evaluate(entry.key));
        setOwn(out, key, toJson(this.evaluate(entry.value)));
      } else {
        const value = this.evaluate(entry.value);
        if (!isDict(value)) fail('EXPR_TYPE', `'${typeName(value)}' object is not a mapping`);
        this.ctx.chargeWork(Object.keys(value).length);
        for (const [k, v] of Object.entries(value)) setOwn(out, k, v);
      }
    }
    return out;
  }

  private runComprehension(generators: readonly Comprehension[], level: number, emit: () => void): void {
    let produced = 0;
    const frame = new Map<string, Value>();
    const loop = (i: number): void => {
      const gen = generators[i];
      if (gen === undefined) {
        produced += 1;
        if (produced > MAX_ELEMENTS) fail('EXPR_LIMIT', `comprehension produces more than ${MAX_ELEMENTS} elements`);
        emit();
        return;
      }
      for (const item of toIterable(this.evaluate(gen.iter), this.ctx)) {
        this.ctx.charge();
        bindTarget(frame, gen.target, item, this.ctx);
        if (gen.conditions.every((c) => isPythonTruthy(this.evaluate(c)))) loop(i + 1);
      }
    };
    this.locals.push(frame);
    try {
      loop(level);
    } finally {
      this.locals.pop();
    }
  }

  private evaluateCall(calleeExpr: Expr, argExprs: readonly CallArgument[]): Value {
    const callee =
      calleeExpr.type === 'attribute'
        ? this.getAttribute(this.evaluate(calleeExpr.object), calleeExpr.name, true)
        : this.evaluate(calleeExpr);
    const args: Value[] = [];
    const kwargs = new Map<string, Value>();
    const addKeyword = (name: string, value: Value): void => {
      if (kwargs.has(name)) fail('EXPR_TYPE', `keyword argument '${name}' repeated`);
      kwargs.set(name, value);
    };
    for (const arg of argExprs) {
      const value = this.evaluate(arg.value);
      if (arg.type === 'positional') args.push(value);
      else if (arg.type === 'starred') args.push(...toIterable(value, this.ctx));
      else if (arg.type === 'keyword') addKeyword(arg.name, value);
      else {
        if (!isDict(value)) fail('EXPR_TYPE', `argument after ** must be a mapping, not '${typeName(value)}'`);
        for (const [k, v] of Object.entries(value)) addKeyword(k, v);
      }
    }
    if (!(callee instanceof Callable)) return fail('EXPR_TYPE', `'${typeName(callee)}' object is not callable`);
    return callee.invoke(args, kwargs, this.ctx);
  }
}

// Bind a comprehension target, unpacking nested tuples like Python.
function bindTarget(frame: Map<string, Value>, target: Target, value: Value, ctx: EvalContext): void {
  if (target.type === 'name') {
    frame.set(target.name, value);
    return;
  }
  const items = toIterable(value, ctx);
  if (items.length !== target.elements.length) {
    fail('EXPR_VALUE', `cannot unpack ${items.length} values into ${target.elements.length} names`);
  }
  target.elements.forEach((t, i) => bindTarget(frame, t, items[i] as JsonValue, ctx));
}
