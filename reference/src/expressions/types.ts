// Shared shapes of the expression language: the AST, template parts, scope and evaluation options.
import type { JsonValue } from '../flow/types.js';

export type { JsonValue };

/** The names visible to an expression (steps, env, vars, trigger, item, index, visits, ...). */
export type Scope = Readonly<Record<string, JsonValue>>;

/** Knobs of one evaluation. Evaluation is otherwise pure: no I/O, no clock. */
export interface EvaluateOptions {
  /** Source of randomness for `rand()` / `randint(n)`; returns a float in [0, 1). Default Math.random. */
  random?: () => number;
  /** Evaluation step budget; exceeding it raises EXPR_LIMIT. Default 100,000. */
  maxSteps?: number;
}

/** One piece of a string scanned for `${{ }}` templates. */
export type TemplatePart =
  | { kind: 'literal'; text: string }
  | {
      kind: 'expression';
      /** The expression text between `${{` and `}}`, trimmed. */
      source: string;
      /** The whole template text including `${{` and `}}`, as written. */
      raw: string;
      /** 0-based offset of `${{` in the scanned text. */
      offset: number;
    };

/** Binary arithmetic / bitwise operators. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<<' | '>>' | '&' | '|' | '^';

/** Comparison operators (chainable). */
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

/** Unary operators. */
export type UnaryOperator = '-' | '+' | 'not' | '~';

/** A literal scalar. Numbers are IEEE doubles; `isFloat` keeps `1.0` apart from `1` for printing/rendering. */
export interface LiteralExpr {
  type: 'literal';
  value: null | boolean | number | string;
  /** True for float literals such as `1.0` or `1e3`; absent/false for ints and non-numbers. */
  isFloat?: boolean;
}

/** An element of a list/tuple/set literal or a positional call argument: plain or `*spread`. */
export type ElementExpr = Expr | { type: 'starred'; value: Expr };

/** An entry of a dict literal: `key: value` or `**spread`. */
export type DictEntry = { type: 'pair'; key: Expr; value: Expr } | { type: 'double-starred'; value: Expr };

/** A call argument. */
export type CallArgument =
  | { type: 'positional'; value: Expr }
  | { type: 'starred'; value: Expr }
  | { type: 'keyword'; name: string; value: Expr }
  | { type: 'double-starred'; value: Expr };

/** A comprehension loop target: a name, or a (possibly nested) tuple of targets. */
export type Target = { type: 'name'; name: string } | { type: 'tuple'; elements: Target[] };

/** One `for target in iter if cond...` clause of a comprehension. */
export interface Comprehension {
  target: Target;
  iter: Expr;
  conditions: Expr[];
}

/** One replacement field of an f-string. */
export interface FormattedValue {
  expr: Expr;
  /** `!r`, `!s` or `!a`; null when absent. */
  conversion: 'r' | 's' | 'a' | null;
  /** Format spec after `:` (literal text only), null when absent. */
  spec: string | null;
}

/** The expression AST. */
export type Expr =
  | LiteralExpr
  | { type: 'name'; name: string }
  | { type: 'attribute'; object: Expr; name: string }
  | { type: 'subscript'; object: Expr; index: Expr }
  | { type: 'slice'; object: Expr; start: Expr | null; stop: Expr | null; step: Expr | null }
  | { type: 'unary'; op: UnaryOperator; operand: Expr }
  | { type: 'binary'; op: BinaryOperator; left: Expr; right: Expr }
  | { type: 'logical'; op: 'and' | 'or'; left: Expr; right: Expr }
  | { type: 'compare'; left: Expr; ops: CompareOperator[]; comparators: Expr[] }
  | { type: 'conditional'; test: Expr; body: Expr; orelse: Expr }
  | { type: 'list'; elements: ElementExpr[] }
  | { type: 'tuple'; elements: ElementExpr[] }
  | { type: 'set'; elements: ElementExpr[] }
  | { type: 'dict'; entries: DictEntry[] }
  | { type: 'listcomp'; element: Expr; generators: Comprehension[] }
  | { type: 'genexp'; element: Expr; generators: Comprehension[] }
  | { type: 'dictcomp'; key: Expr; value: Expr; generators: Comprehension[] }
  | { type: 'call'; callee: Expr; args: CallArgument[] }
  | { type: 'fstring'; parts: (string | FormattedValue)[] };
