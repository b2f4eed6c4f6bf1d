// Parts of the grammar split out of parser.ts: subscripts, call arguments, comprehensions, string literals.
// spec: expr.grammar
import { isKeyword, readToken, throwSyntax, type FStringField } from './lexer.js';
import { genNodes, Parser } from './parser.js';
import type { CallArgument, Comprehension, Expr, FormattedValue, Target } from './types.js';

export function parseSubscript(p: Parser, object: Expr): Expr {
  const start = p.isOp(':') ? null : p.parseTest();
  if (!p.isOp(':')) {
    if (start === null) p.fail('expected a subscript');
    let index = start;
    if (p.isOp(',')) {
      const elements: Expr[] = [start];
      while (p.accept(',') && !p.isOp(']')) elements.push(p.parseTest());
      index = p.node({ type: 'tuple', elements }, ...elements);
    }
    return p.node({ type: 'subscript', object, index }, object, index);
  }
  p.next();
  const stop = p.isOp(':') || p.isOp(']') ? null : p.parseTest();
  let step: Expr | null = null;
  if (p.accept(':') && !p.isOp(']')) step = p.parseTest();
  return p.node({ type: 'slice', object, start, stop, step }, object, start, stop, step);
}

export function parseArguments(p: Parser): CallArgument[] {
  const args: CallArgument[] = [];
  let sawKeyword = false;
  let sawDoubleStar = false;
  while (!p.isOp(')')) {
    if (p.accept('**')) {
      args.push({ type: 'double-starred', value: p.parseTest() });
      sawDoubleStar = true;
    } else if (p.accept('*')) {
      if (sawDoubleStar) p.fail('iterable unpacking after keyword unpacking');
      args.push({ type: 'starred', value: p.parseTest() });
    } else {
      const t = p.peek();
      const after = readToken(p.source, t.end);
      if (t.kind === 'name' && after.kind === 'op' && after.value === '=' && !isKeyword(t.value)) {
        p.next();
        p.next();
        args.push({ type: 'keyword', name: t.value, value: p.parseTest() });
        sawKeyword = true;
      } else {
        if (sawKeyword || sawDoubleStar) p.fail('positional argument follows keyword argument');
        const value = p.parseTest();
        if (p.isName('for')) {
          const generators = parseComprehensions(p);
          if (args.length > 0 || !p.isOp(')')) p.fail('generator expression must be parenthesized');
          args.push({ type: 'positional', value: p.node({ type: 'genexp', element: value, generators }, value, ...generators.flatMap(genNodes)) });
          break;
        }
        args.push({ type: 'positional', value });
      }
    }
    if (!p.accept(',')) break;
  }
  return args;
}

/** One or more `for target in or_test (if or_test)*` clauses. */
export function parseComprehensions(p: Parser): Comprehension[] {
  const generators: Comprehension[] = [];
  while (p.isName('for') || p.isName('async')) {
    if (p.isName('async')) p.notAllowed('async comprehensions');
    p.next();
    const target = parseTargetList(p);
    p.expect('in');
    const iter = p.parseOrTest();
    const conditions: Expr[] = [];
    while (p.isName('if')) {
      p.next();
      conditions.push(p.parseOrTest());
    }
    generators.push({ target, iter, conditions });
  }
  return generators;
}

export function parseTargetList(p: Parser): Target {
  const first = parseTarget(p);
  if (!p.isOp(',')) return first;
  const elements: Target[] = [first];
  while (p.accept(',') && !p.isName('in')) elements.push(parseTarget(p));
  return { type: 'tuple', elements };
}

export function parseTarget(p: Parser): Target {
  const t = p.peek();
  if (t.kind === 'name' && !isKeyword(t.value)) {
    p.next();
    return { type: 'name', name: t.value };
  }
  if (p.isOp('(') || p.isOp('[')) {
    const close = p.isOp('(') ? ')' : ']';
    p.next();
    const elements: Target[] = [];
    return p.nest(() => {
      while (!p.isOp(close)) {
        elements.push(parseTarget(p));
        if (!p.accept(',')) break;
      }
      p.expect(close);
      return { type: 'tuple' as const, elements };
    });
  }
  return p.fail('expected a loop variable name');
}

// Adjacent string / f-string literals concatenate, like Python.
export function parseStrings(p: Parser): Expr {
  const parts: (string | FormattedValue)[] = [];
  const children: Expr[] = [];
  for (let t = p.peek(); t.kind === 'string' || t.kind === 'fstring'; t = p.peek()) {
    p.next();
    const pieces: (string | FStringField)[] = t.kind === 'string' ? [t.value] : t.pieces;
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        const last = parts.length - 1;
        if (typeof parts[last] === 'string') parts[last] += piece;
        else if (piece !== '') parts.push(piece);
      } else {
        const sub = new Parser(p.source, piece.start, piece.end, p.depth + 1);
        if (sub.peek().kind === 'eof') throwSyntax(p.source, piece.start, 'empty expression in f-string');
        const expr = sub.parseTestList();
        sub.expectEnd();
        children.push(expr);
        parts.push({ expr, conversion: piece.conversion, spec: piece.spec });
      }
    }
  }
  if (parts.every((p) => typeof p === 'string')) return p.node({ type: 'literal', value: parts.join('') });
  return p.node({ type: 'fstring', parts }, ...children);
}
