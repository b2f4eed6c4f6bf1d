// Parsing of bracketed displays: (tuples / genexps), [lists / listcomps], {dicts / sets / dictcomps}.
// spec: expr.grammar
import { genNodes, type Parser } from './parser.js';
import { parseComprehensions } from './parser-parts.js';
import type { DictEntry, ElementExpr, Expr } from './types.js';

function elementChild(e: ElementExpr): Expr {
  return e.type === 'starred' ? e.value : e;
}

// One element of a list/tuple/set display: `*x` or a test.
function parseElement(p: Parser): ElementExpr {
  if (p.accept('*')) return { type: 'starred', value: p.parseOrTest() };
  return p.parseTest();
}

/** `( ... )`: empty tuple, parenthesized expression, tuple, or generator expression. */
export function parseParenthesized(p: Parser): Expr {
  p.expect('(');
  if (p.accept(')')) return p.node({ type: 'tuple', elements: [] });
  const first = parseElement(p);
  if (first.type !== 'starred' && p.isName('for')) {
    const generators = parseComprehensions(p);
    p.expect(')');
    return p.node({ type: 'genexp', element: first, generators }, first, ...generators.flatMap(genNodes));
  }
  if (p.accept(')')) {
    if (first.type === 'starred') p.fail('cannot use starred expression here');
    return first;
  }
  const elements = [first];
  p.expect(',');
  while (!p.isOp(')')) {
    elements.push(parseElement(p));
    if (!p.accept(',')) break;
  }
  p.expect(')');
  return p.node({ type: 'tuple', elements }, ...elements.map(elementChild));
}

/** `[ ... ]` list or list comprehension; `{ ... }` dict, set or dict comprehension. */
export function parseDisplay(p: Parser): Expr {
  if (p.accept('[')) {
    if (p.accept(']')) return p.node({ type: 'list', elements: [] });
    const first = parseElement(p);
    if (first.type !== 'starred' && p.isName('for')) {
      const generators = parseComprehensions(p);
      p.expect(']');
      return p.node({ type: 'listcomp', element: first, generators }, first, ...generators.flatMap(genNodes));
    }
    const elements = parseRest(p, first, ']');
    return p.node({ type: 'list', elements }, ...elements.map(elementChild));
  }
  p.expect('{');
  if (p.accept('}')) return p.node({ type: 'dict', entries: [] });
  if (p.accept('**')) return parseDictRest(p, { type: 'double-starred', value: p.parseOrTest() });
  const first = parseElement(p);
  if (first.type !== 'starred' && p.accept(':')) {
    const value = p.parseTest();
    if (p.isName('for')) {
      const generators = parseComprehensions(p);
      p.expect('}');
      return p.node({ type: 'dictcomp', key: first, value, generators }, first, value, ...generators.flatMap(genNodes));
    }
    return parseDictRest(p, { type: 'pair', key: first, value });
  }
  if (first.type !== 'starred' && p.isName('for')) p.notAllowed('a set comprehension');
  const elements = parseRest(p, first, '}');
  return p.node({ type: 'set', elements }, ...elements.map(elementChild));
}

function parseRest(p: Parser, first: ElementExpr, close: string): ElementExpr[] {
  const elements = [first];
  while (p.accept(',')) {
    if (p.isOp(close)) break;
    elements.push(parseElement(p));
  }
  p.expect(close);
  return elements;
}

function parseDictRest(p: Parser, first: DictEntry): Expr {
  const entries = [first];
  while (p.accept(',')) {
    if (p.isOp('}')) break;
    if (p.accept('**')) {
      entries.push({ type: 'double-starred', value: p.parseOrTest() });
      continue;
    }
    const key = p.parseTest();
    p.expect(':');
    entries.push({ type: 'pair', key, value: p.parseTest() });
  }
  p.expect('}');
  const children = entries.flatMap((e) => (e.type === 'pair' ? [e.key, e.value] : [e.value]));
  return p.node({ type: 'dict', entries }, ...children);
}
