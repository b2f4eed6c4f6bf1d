// Recursive-descent parser: expression text → Expr, following Python's expression grammar.
// spec: expr.grammar
import { isStepyardError, StepyardError } from '../errors/stepyard-error.js';
import { quoteSource } from './errors.js';
import { isKeyword, readToken, throwSyntax, type Token } from './lexer.js';
import { MAX_AST_DEPTH, MAX_NESTING, MAX_SOURCE_LENGTH } from './limits.js';
import { parseDisplay, parseParenthesized } from './parser-displays.js';
import { parseArguments, parseStrings, parseSubscript } from './parser-parts.js';
import type { BinaryOperator, CompareOperator, Comprehension, Expr } from './types.js';

const depthOf = new WeakMap<object, number>();

/** Parse one expression. Throws StepyardError EXPR_SYNTAX / EXPR_LIMIT (and EXPR_NOT_ALLOWED for lambda, `:=`). */
export function parseExpression(source: string): Expr {
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new StepyardError('EXPR_LIMIT', `expression longer than ${MAX_SOURCE_LENGTH} characters`);
  }
  try {
    const parser = new Parser(source, 0, source.length, 0);
    if (parser.peek().kind === 'eof') throwSyntax(source, 0, 'empty expression');
    const expr = parser.parseTestList();
    parser.expectEnd();
    return expr;
  } catch (err) {
    const error = toLimitError(err);
    if (!isStepyardError(error)) throw error;
    throw new StepyardError(error.code, `${error.message} (in expression ${quoteSource(source)})`, {
      location: error.location,
      hint: error.hint,
    });
  }
}

/** Stack exhaustion (e.g. thousands of nested f-strings) becomes EXPR_LIMIT; anything else is returned as is. */
export function toLimitError(err: unknown): unknown {
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return new StepyardError('EXPR_LIMIT', 'expression nested too deeply');
  }
  return err;
}

/** The parser state over one source range. Exported for the display helpers only. */
export class Parser {
  private token: Token;

  constructor(
    readonly source: string,
    start: number,
    private readonly end: number,
    private nesting: number,
  ) {
    this.token = this.read(start);
  }

  private read(pos: number): Token {
    const tok = readToken(this.source, pos);
    if (tok.start >= this.end) return { kind: 'eof', start: this.end, end: this.end };
    if (tok.end > this.end) throwSyntax(this.source, tok.start, 'unexpected end of expression');
    return tok;
  }

  /** Current nesting level (f-string fields parse one level deeper). */
  get depth(): number {
    return this.nesting;
  }

  peek(): Token {
    return this.token;
  }

  next(): Token {
    const tok = this.token;
    this.token = this.read(tok.end);
    return tok;
  }

  isOp(value: string): boolean {
    return this.token.kind === 'op' && this.token.value === value;
  }

  isName(value: string): boolean {
    return this.token.kind === 'name' && this.token.value === value;
  }

  accept(value: string): boolean {
    if (this.isOp(value) || this.isName(value)) {
      this.next();
      return true;
    }
    return false;
  }

  expect(value: string): void {
    if (!this.accept(value)) this.fail(`expected '${value}'`);
  }

  expectEnd(): void {
    if (this.token.kind !== 'eof') this.fail('unexpected token');
  }

  fail(message: string): never {
    const tok = this.token;
    const shown = tok.kind === 'eof' ? 'end of expression' : `'${this.source.slice(tok.start, tok.end)}'`;
    return throwSyntax(this.source, tok.start, `${message}, found ${shown}`);
  }

  notAllowed(what: string): never {
    throw new StepyardError('EXPR_NOT_ALLOWED', `${what} is not allowed in expressions`);
  }

  /** Attach a depth to a node built from children, enforcing MAX_AST_DEPTH. */
  node<T extends Expr>(expr: T, ...children: (object | null | undefined)[]): T {
    let depth = 0;
    for (const child of children) if (child) depth = Math.max(depth, depthOf.get(child) ?? 1);
    if (depth + 1 > MAX_AST_DEPTH) {
      throw new StepyardError('EXPR_LIMIT', `expression nested deeper than ${MAX_AST_DEPTH} levels`);
    }
    depthOf.set(expr, depth + 1);
    return expr;
  }

  /** Run fn one nesting level deeper, enforcing MAX_NESTING. */
  nest<T>(fn: () => T): T {
    this.nesting += 1;
    if (this.nesting > MAX_NESTING) {
      throw new StepyardError('EXPR_LIMIT', `expression nested deeper than ${MAX_NESTING} levels`);
    }
    try {
      return fn();
    } finally {
      this.nesting -= 1;
    }
  }

  /** `test (',' test)* [',']` → a tuple when a comma appears. */
  parseTestList(): Expr {
    const first = this.parseTest();
    if (!this.isOp(',')) return first;
    const elements: Expr[] = [first];
    while (this.accept(',')) {
      if (this.atExpressionEnd()) break;
      elements.push(this.parseTest());
    }
    return this.node({ type: 'tuple', elements }, ...elements);
  }

  atExpressionEnd(): boolean {
    const t = this.token;
    return t.kind === 'eof' || (t.kind === 'op' && [')', ']', '}', ':', '='].includes(t.value));
  }

  /** `or_test ['if' or_test 'else' test]`; lambda is refused. */
  parseTest(): Expr {
    if (this.isName('lambda')) this.notAllowed('lambda');
    const body = this.parseOrTest();
    if (this.isOp(':=')) this.notAllowed("the ':=' operator");
    if (!this.isName('if')) return body;
    this.next();
    const test = this.parseOrTest();
    this.expect('else');
    const orelse = this.nest(() => this.parseTest());
    return this.node({ type: 'conditional', test, body, orelse }, test, body, orelse);
  }

  parseOrTest(): Expr {
    let left = this.parseAndTest();
    while (this.accept('or')) {
      const right = this.parseAndTest();
      left = this.node({ type: 'logical', op: 'or', left, right }, left, right);
    }
    return left;
  }

  private parseAndTest(): Expr {
    let left = this.parseNotTest();
    while (this.accept('and')) {
      const right = this.parseNotTest();
      left = this.node({ type: 'logical', op: 'and', left, right }, left, right);
    }
    return left;
  }

  private parseNotTest(): Expr {
    if (!this.isName('not')) return this.parseComparison();
    this.next();
    return this.nest(() => {
      const operand = this.parseNotTest();
      return this.node({ type: 'unary', op: 'not', operand }, operand);
    });
  }

  private parseComparison(): Expr {
    const left = this.parseBinary(0);
    const ops: CompareOperator[] = [];
    const comparators: Expr[] = [];
    for (;;) {
      const op = this.readCompareOp();
      if (op === null) break;
      ops.push(op);
      comparators.push(this.parseBinary(0));
    }
    if (ops.length === 0) return left;
    return this.node({ type: 'compare', left, ops, comparators }, left, ...comparators);
  }

  private readCompareOp(): CompareOperator | null {
    const t = this.token;
    if (t.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.value)) {
      this.next();
      return t.value as CompareOperator;
    }
    if (this.isName('in')) {
      this.next();
      return 'in';
    }
    if (this.isName('is')) {
      this.next();
      return this.accept('not') ? 'is not' : 'is';
    }
    if (this.isName('not')) {
      const after = readToken(this.source, t.end);
      if (after.kind === 'name' && after.value === 'in' && after.start < this.end) {
        this.next();
        this.next();
        return 'not in';
      }
    }
    return null;
  }

  // Binary operators by precedence level, loosest first.
  private static readonly LEVELS: readonly (readonly BinaryOperator[])[] = [
    ['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%'],
  ];

  private parseBinary(level: number): Expr {
    const ops = Parser.LEVELS[level];
    if (ops === undefined) return this.parseFactor();
    let left = this.parseBinary(level + 1);
    for (;;) {
      const t = this.token;
      if (t.kind === 'op' && t.value === '@') this.notAllowed("the '@' operator");
      if (t.kind !== 'op' || !(ops as readonly string[]).includes(t.value)) return left;
      this.next();
      const right = this.parseBinary(level + 1);
      left = this.node({ type: 'binary', op: t.value as BinaryOperator, left, right }, left, right);
    }
  }

  private parseFactor(): Expr {
    const t = this.token;
    if (t.kind === 'op' && (t.value === '-' || t.value === '+' || t.value === '~')) {
      this.next();
      return this.nest(() => {
        const operand = this.parseFactor();
        return this.node({ type: 'unary', op: t.value as '-' | '+' | '~', operand }, operand);
      });
    }
    if (this.isName('await')) this.notAllowed('await');
    const base = this.parsePrimary();
    if (!this.accept('**')) return base;
    const exponent = this.nest(() => this.parseFactor());
    return this.node({ type: 'binary', op: '**', left: base, right: exponent }, base, exponent);
  }

  private parsePrimary(): Expr {
    let expr = this.parseAtom();
    for (;;) {
      if (this.accept('.')) {
        const t = this.token;
        if (t.kind !== 'name' || isKeyword(t.value)) this.fail('expected an attribute name');
        this.next();
        expr = this.node({ type: 'attribute', object: expr, name: t.value }, expr);
      } else if (this.isOp('[')) {
        this.next();
        expr = this.nest(() => parseSubscript(this, expr));
        this.expect(']');
      } else if (this.isOp('(')) {
        this.next();
        const callee = expr;
        const args = this.nest(() => parseArguments(this));
        this.expect(')');
        expr = this.node({ type: 'call', callee, args }, callee, ...args.map((a) => a.value));
      } else {
        return expr;
      }
    }
  }

  private parseAtom(): Expr {
    const t = this.token;
    switch (t.kind) {
      case 'number':
        this.next();
        return this.node({ type: 'literal', value: t.value });
      case 'string':
      case 'fstring':
        return parseStrings(this);
      case 'name':
        return this.parseNameAtom(t.value);
      case 'op':
        if (t.value === '(') return this.nest(() => parseParenthesized(this));
        if (t.value === '[' || t.value === '{') return this.nest(() => parseDisplay(this));
        return this.fail('unexpected token');
      default:
        return this.fail('unexpected end of expression');
    }
  }

  private parseNameAtom(name: string): Expr {
    const literals: Record<string, null | boolean> = { True: true, False: false, None: null, true: true, false: false, null: null };
    this.next();
    // spec: expr.literals (lowercase true/false/null are literals too)
    if (Object.hasOwn(literals, name)) return this.node({ type: 'literal', value: literals[name] ?? null });
    if (name === 'yield') this.notAllowed('yield');
    if (isKeyword(name)) throwSyntax(this.source, this.token.start, `unexpected keyword '${name}'`);
    return this.node({ type: 'name', name });
  }

}

/** The expressions of a comprehension clause, for depth accounting. */
export function genNodes(gen: Comprehension): Expr[] {
  return [gen.iter, ...gen.conditions];
}
