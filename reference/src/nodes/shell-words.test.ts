import { describe, expect, it } from 'vitest';
import { ShellWordsError, splitShellWords } from './shell-words.js';

describe('splitShellWords', () => {
  it.each([
    ['echo a b', ['echo', 'a', 'b']],
    ['  echo   spaced\tout  ', ['echo', 'spaced', 'out']],
    ["echo 'a b' c", ['echo', 'a b', 'c']],
    ['echo "a b" c', ['echo', 'a b', 'c']],
    ['echo "say \\"hi\\"" \\$HOME', ['echo', 'say "hi"', '$HOME']],
    ['echo "a\\nb"', ['echo', 'a\\nb']],
    ["echo 'it''s'", ['echo', 'its']],
    ['echo a" b "c', ['echo', 'a b c']],
    ['echo a | wc -c', ['echo', 'a', '|', 'wc', '-c']],
    ['echo ""', ['echo', '']],
    ['echo a\\ b', ['echo', 'a b']],
    ['', []],
  ])('%j → %j', (command, words) => {
    expect(splitShellWords(command)).toEqual(words);
  });

  it.each(['echo "open', "echo 'open", 'echo trailing\\'])('%j is malformed', (command) => {
    expect(() => splitShellWords(command)).toThrow(ShellWordsError);
  });
});
