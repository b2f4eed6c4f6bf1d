import { describe, expect, it } from 'vitest';
import { findShellSyntax, maskTemplates } from './shell-syntax.js';

describe('findShellSyntax', () => {
  it.each([
    // Operators standing alone.
    ['echo a | wc -c', '|'],
    ['false || echo no', '||'],
    ['[ -d . ] && echo yes', '&&'],
    ['echo a ; echo b', ';'],
    ['sleep 1 & wait', '&'],
    ['echo hi > out.txt', '>'],
    ['echo hi >> out.txt', '>>'],
    ['wc -l < in.txt', '<'],
    ['cat << EOF', '<<'],
    ['ls nope 2> err.txt', '2>'],
    ['ls nope 2>> err.txt', '2>>'],
    ['ls nope &> all.txt', '&>'],
    ['ls nope 2>&1', '2>&1'],
    ['echo oops >&2', '>&2'],
    ['echo oops 1>&2', '1>&2'],
    // Redirections glued to their target, words ending in ; or |.
    ['echo hi >out.txt', '>'],
    ['wc -l <in.txt', '<'],
    ['ls nope 2>/dev/null', '2>'],
    ['ls nope &>all.txt', '&>'],
    ['cd /tmp; ls', ';'],
    ['echo a| wc -c', '|'],
    // Expansions outside single quotes.
    ['echo $(date)', '$('],
    ['echo "today: $(date)"', '$('],
    ['echo `date`', '`'],
    ['echo $HOME', '$HOME'],
    ['echo "${HOME}/x"', '${HOME}'],
    ['echo pre$USER_NAME.txt', '$USER_NAME'],
    // The README's backup example: the first finding by position wins.
    ['pg_dump mydb | gzip > backup-$(date +%F).sql.gz', '|'],
    ['echo $(echo x) | wc', '$('],
    // Literal text around a template still counts.
    ['echo ${{ vars.v }} | wc -c', '|'],
    ['echo hi > ${{ vars.path }}', '>'],
    ['echo ${{ vars.v }}; ls', ';'],
  ])('%s uses shell syntax (%s)', (command, token) => {
    expect(findShellSyntax(command)?.token).toBe(token);
  });

  it.each([
    ['echo a b c'],
    ['curl https://x/?a=1&b=2'],
    ['echo https://x/?a=1&b=2'],
    ['ls *.txt [ab]?.md'],
    ["echo '$HOME | x'"],
    ["echo 'a; b' \"c | d\" '$(x)'"],
    ['echo "a > b" "x && y"'],
    ['echo \\$HOME \\| \\; \\> "\\$HOME"'],
    ['find . -name x -exec rm {} \\;'],
    ["find . -exec echo {} ';'"],
    ['awk {print$5}'],
    ['echo $5 $ 10$'],
    ['echo a|b x&y x=1;y'],
    ['git log --format=%H'],
    // Whatever a template produces never counts: its text is not looked at.
    ['echo ${{ vars.v }}'],
    ['${{ vars.command }}'],
    ['echo ${{ "a | b; $(x) > y" }}'],
    ["echo ${{ steps.a.output.stdout + ' && rm -rf ~' }}"],
    // An escaped template is literal text: `$${{` gives `${{`, which is not ${NAME}.
    ['echo $${{ x }}'],
    [''],
  ])('%s does not use shell syntax', (command) => {
    expect(findShellSyntax(command)).toBeUndefined();
  });

  it('reports where the finding starts in the skeleton', () => {
    expect(findShellSyntax('echo ${{ vars.long_name }} | wc')).toEqual({ token: '|', offset: 7 });
  });

  it('scans a command with an unclosed quote up to where it ends', () => {
    expect(findShellSyntax('echo a | echo "open')?.token).toBe('|');
    expect(findShellSyntax("echo 'open | x")).toBeUndefined();
  });

  it('joins a backslash-newline like the shell does', () => {
    expect(findShellSyntax('echo a \\\n| wc -c')?.token).toBe('|');
    expect(findShellSyntax('echo a\\\nb')).toBeUndefined();
  });
});

describe('maskTemplates', () => {
  it.each([
    ['echo ${{ vars.v }}', 'echo x'],
    ['a${{ 1 }}b${{ "}}" }}c', 'axbxc'],
    ['keep $${{ x }}', 'keep ${{ x }}'],
    ['no template', 'no template'],
    ['broken ${{ x', 'broken ${{ x'],
  ])('%s → %s', (command, skeleton) => {
    expect(maskTemplates(command)).toBe(skeleton);
  });
});
