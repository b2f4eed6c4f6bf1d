// Does a shell.run command, as the flow author wrote it, use shell syntax? Decides the `shell` auto mode
// without ever letting a `${{ }}` value switch the shell on. spec: nodes.shell-run
import { scanTemplates } from '../expressions/template.js';

/** The first piece of shell syntax found in a command: the text that gave it away and where it starts. */
export interface ShellSyntaxFinding {
  /** What was found: an operator (`|`, `&&`, `>`, `2>&1` ...), `$(`, a backquote, `$NAME` or `${NAME}`. */
  token: string;
  /** Offset in the skeleton scanned (the command with every template replaced by one character). */
  offset: number;
}

// One character standing for a whole `${{ }}` template: a plain word character, never an operator or quote.
const TEMPLATE_STAND_IN = 'x';

// Words that are shell syntax when they stand alone and unquoted.
const OPERATOR_WORDS = new Set(['|', '||', '&&', ';', '&', '>', '>>', '<', '<<', '2>', '2>>', '&>', '2>&1', '>&2', '1>&2']);
// A redirection glued to its target (`>out.txt`, `2>/dev/null`, `&>log`, `<in`).
const REDIRECT_PREFIXES = ['>', '<', '2>', '&>'];
const NAME_START = /[A-Za-z_]/;
const VARIABLE = /^\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*\}?)/;
const DOUBLE_QUOTE_ESCAPES = new Set(['\\', '"', '$', '`', '\n']);

/**
 * Find shell syntax in a command as written in the flow. Every `${{ }}` template is first replaced by one
 * opaque word character, so text that an expression produces never counts. Then the words are scanned with
 * POSIX quoting ('…' literal; "…" where `$` and backquotes still expand; backslash escapes). Shell syntax:
 * an unquoted operator word (`|`, `||`, `&&`, `;`, `&`, `>`, `>>`, `<`, `<<`, `2>`, `2>>`, `&>`, `2>&1`,
 * `>&2`, `1>&2`), an unquoted word starting with `>`, `<`, `2>` or `&>`, an unquoted word ending in `;` or
 * `|`, or `$(`, a backquote, `$NAME` or `${NAME}` outside single quotes. `&`, `?`, `*` and `[` inside a
 * word (URLs, globs) are not. Returns the first finding by position, or undefined.
 */
export function findShellSyntax(command: string): ShellSyntaxFinding | undefined {
  return scanSkeleton(maskTemplates(command));
}

/** The command with every `${{ }}` template replaced by one word character (unchanged if a template is malformed). */
export function maskTemplates(command: string): string {
  let parts;
  try {
    parts = scanTemplates(command);
  } catch {
    // An unterminated `${{` fails template resolution before the node runs; scan the text as it is.
    return command;
  }
  return parts.map((part) => (part.kind === 'literal' ? part.text : TEMPLATE_STAND_IN)).join('');
}

interface Word {
  start: number;
  text: string;
  // Per character: true when quoted or escaped (it cannot be an operator).
  quoted: boolean[];
}

// Scan text with POSIX quote tracking; collect expansion findings on the way and check each word at its end.
function scanSkeleton(text: string): ShellSyntaxFinding | undefined {
  const findings: ShellSyntaxFinding[] = [];
  let word: Word | undefined;
  const startWord = (at: number): Word => (word ??= { start: at, text: '', quoted: [] });
  const add = (chars: string, quoted: boolean, at: number): void => {
    const current = startWord(at);
    current.text += chars;
    for (let k = 0; k < chars.length; k++) current.quoted.push(quoted);
  };
  const endWord = (): void => {
    if (word === undefined) return;
    const token = checkWord(word);
    if (token !== undefined) findings.push({ token, offset: word.start });
    word = undefined;
  };
  // A `$`, backquote or other character outside single quotes: `$$` (the shell's pid) is read as a pair.
  const readPlain = (at: number, quoted: boolean): number => {
    if (text.startsWith('$$', at)) {
      add('$$', quoted, at);
      return at + 2;
    }
    const expansion = readExpansion(text, at);
    if (expansion !== undefined) findings.push({ token: expansion, offset: at });
    add(text[at] as string, quoted, at);
    return at + 1;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      endWord();
      i += 1;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end === -1 ? text.length : end;
      startWord(i);
      add(text.slice(i + 1, stop), true, i);
      i = stop + 1;
    } else if (ch === '"') {
      startWord(i);
      i += 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && DOUBLE_QUOTE_ESCAPES.has(text[i + 1] ?? '')) {
          add(text[i + 1] as string, true, i);
          i += 2;
        } else i = readPlain(i, true);
      }
      i += 1;
    } else if (ch === '\\') {
      // A backslash-newline joins lines; any other escaped character is quoted.
      if (text[i + 1] !== '\n') add(text[i + 1] ?? '', true, i);
      i += 2;
    } else i = readPlain(i, false);
  }
  endWord();
  return findings.reduce<ShellSyntaxFinding | undefined>((first, f) => (first === undefined || f.offset < first.offset ? f : first), undefined);
}

// `$(`, a backquote, `$NAME` or `${NAME}` starting at `i`, if any.
function readExpansion(text: string, i: number): string | undefined {
  const ch = text[i];
  if (ch === '`') return '`';
  if (ch !== '$') return undefined;
  const next = text[i + 1] ?? '';
  if (next === '(') return '$(';
  if (next !== '{' && !NAME_START.test(next)) return undefined;
  return VARIABLE.exec(text.slice(i, i + 256))?.[0];
}

// The operator a word stands for, if it is one (see findShellSyntax).
function checkWord(word: Word): string | undefined {
  const isUnquoted = (from: number, length: number): boolean => word.quoted.slice(from, from + length).every((q) => !q);
  if (word.quoted.every((q) => !q) && OPERATOR_WORDS.has(word.text)) return word.text;
  for (const prefix of REDIRECT_PREFIXES) {
    if (word.text.startsWith(prefix) && isUnquoted(0, prefix.length)) return prefix;
  }
  const last = word.text.length - 1;
  const lastChar = word.text[last];
  if ((lastChar === ';' || lastChar === '|') && isUnquoted(last, 1)) return lastChar;
  return undefined;
}
