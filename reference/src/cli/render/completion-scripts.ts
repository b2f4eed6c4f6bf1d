// Shell completion scripts. Each one asks `stepyard __complete -- WORDS...` (spec: cli.completion) for candidates:
// one per line, `VALUE<TAB>DESCRIPTION`, the last word being the one under the cursor (possibly empty).

/** Shells `stepyard completion` supports. */
export type CompletionShell = 'bash' | 'zsh' | 'fish';

const BASH = `# bash completion for stepyard. Load it with:
#   source <(stepyard completion bash)
# or save it as ~/.local/share/bash-completion/completions/stepyard
_stepyard() {
  local cur=\${COMP_WORDS[COMP_CWORD]}
  local line
  COMPREPLY=()
  while IFS= read -r line; do
    line=\${line%%$'\\t'*}
    [[ -n $line && $line == "$cur"* ]] && COMPREPLY+=("$line")
  done < <(command stepyard __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  if [[ \${#COMPREPLY[@]} -eq 1 && \${COMPREPLY[0]} == */ ]]; then
    compopt -o nospace 2>/dev/null
  fi
}
complete -F _stepyard stepyard
`;

const ZSH = `#compdef stepyard
# zsh completion for stepyard. Load it with:
#   source <(stepyard completion zsh)
# or save it as _stepyard in a directory of $fpath.
_stepyard() {
  local -a lines described
  local line value desc
  lines=("\${(@f)$(command stepyard __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  for line in "\${lines[@]}"; do
    [[ -z $line ]] && continue
    value=\${line%%$'\\t'*}
    desc=''
    [[ $line == *$'\\t'* ]] && desc=\${line#*$'\\t'}
    described+=("\${value//:/\\\\:}\${desc:+:$desc}")
  done
  (( \${#described} )) && _describe -t values stepyard described
}
if [[ "$funcstack[1]" == "_stepyard" ]]; then
  _stepyard "$@"
else
  compdef _stepyard stepyard
fi
`;

const FISH = `# fish completion for stepyard. Load it with:
#   stepyard completion fish | source
# or save it as ~/.config/fish/completions/stepyard.fish
function __stepyard_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l current (commandline -ct)
    command stepyard __complete -- $words "$current" 2>/dev/null
end
complete -c stepyard -f -a '(__stepyard_complete)'
`;

/** The completion script of each shell. */
export const COMPLETION_SCRIPTS: Readonly<Record<CompletionShell, string>> = { bash: BASH, zsh: ZSH, fish: FISH };
