// POSIX shell-like word splitting (the subset of shlex.split used by shell.run without a shell).

/** Thrown for malformed quoting; the message names the problem. */
export class ShellWordsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellWordsError';
  }
}

const DOUBLE_QUOTE_ESCAPES = new Set(['\\', '"', '$', '`', '\n']);

/**
 * Split a command line into words like a POSIX shell, without expansion: whitespace separates
 * words; '…' is literal; "…" is literal except \\ \" \$ \` and \newline; a backslash outside
 * quotes escapes the next character. Throws ShellWordsError for an unclosed quote or a trailing
 * backslash.
 */
export function splitShellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const end = command.indexOf("'", i + 1);
      if (end === -1) throw new ShellWordsError('No closing quotation');
      word += command.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      i++;
      for (; i < command.length && command[i] !== '"'; i++) {
        const c = command[i] as string;
        const nextChar = command[i + 1];
        if (c === '\\' && nextChar !== undefined && DOUBLE_QUOTE_ESCAPES.has(nextChar)) {
          word += nextChar === '\n' ? '' : nextChar;
          i++;
        } else word += c;
      }
      if (i >= command.length) throw new ShellWordsError('No closing quotation');
    } else if (ch === '\\') {
      const nextChar = command[i + 1];
      if (nextChar === undefined) throw new ShellWordsError('No escaped character');
      if (nextChar !== '\n') word += nextChar;
      i++;
    } else word += ch;
  }
  if (inWord) words.push(word);
  return words;
}
