import { describe, expect, it } from 'vitest';
import { isIdentifier, readToken, type Token } from './lexer.js';

function tokens(source: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  for (;;) {
    const tok = readToken(source, pos);
    out.push(tok);
    if (tok.kind === 'eof') return out;
    pos = tok.end;
  }
}

function values(source: string): unknown[] {
  return tokens(source).map((t) => (t.kind === 'eof' ? 'EOF' : t.kind === 'fstring' ? t.pieces : t.value));
}

describe('readToken', () => {
  const cases: [string, unknown[]][] = [
    ['a.b', ['a', '.', 'b', 'EOF']],
    ['x**-2//3', ['x', '**', '-', 2, '//', 3, 'EOF']],
    ['a<=b!=c', ['a', '<=', 'b', '!=', 'c', 'EOF']],
    ['1_000 0xFF 0o7 0b11 1.5e-3 .25 5.', [1000, 255, 7, 3, 0.0015, 0.25, 5, 'EOF']],
    ["'a\\tb' \"c\\\"d\" r'\\d+'", ['a\tb', 'c"d', '\\d+', 'EOF']],
    ["'\\101\\x42\\u0043\\U0001F600\\q'", ['ABC😀\\q', 'EOF']],
    ["'''a\nb'''", ['a\nb', 'EOF']],
    ['a \\\n + b', ['a', '+', 'b', 'EOF']],
    ['é_1 + ñ', ['é_1', '+', 'ñ', 'EOF']],
    ["f'a{b}c'", [['a', { start: 4, end: 5, conversion: null, spec: null }, 'c'], 'EOF']],
    ["f'{x!r:>3}'", [[{ start: 3, end: 4, conversion: 'r', spec: '>3' }], 'EOF']],
    ["f'{{}}'", [['{}'], 'EOF']],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(values(source)).toEqual(expected);
  });

  it.each([["'abc"], ["'a\nb'"], ['1__0'], ['0x'], ['1e'], ['#'], ['?'], ["f'{x!z}'"], ["f'{x:{y}}'"], ["'\\x4'"], ["'\\N{DASH}'"]])(
    'rejects %j with EXPR_SYNTAX',
    (source) => {
      expect(() => values(source)).toThrow(expect.objectContaining({ code: 'EXPR_SYNTAX' }));
    },
  );

  it('recognises identifiers', () => {
    expect([isIdentifier('a_1'), isIdentifier('1a'), isIdentifier(''), isIdentifier('é')]).toEqual([true, false, false, true]);
  });
});
