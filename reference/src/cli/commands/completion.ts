// spec: cli.completion
// `stepyard completion bash|zsh|fish` prints a script; the script asks `stepyard __complete WORDS...` for candidates.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { basename, extname } from 'node:path';
import { StepyardError } from '../../errors/stepyard-error.js';
import { listFlowFiles, resolveFlowsDir } from '../../project/flows.js';
import { findProjectRoot } from '../../project/root.js';
import type { CommandContext, CommandInput } from '../context.js';
import { COMPLETION_SCRIPTS, type CompletionShell } from '../render/completion-scripts.js';
import { RUN_STATUS_NAMES } from './runs.js';

/** One completion candidate: the value and an optional description. */
export interface Candidate {
  value: string;
  description?: string;
}

/** What the completer needs to know about each command (from the command table). */
export interface CompletionCommand {
  name: string;
  summary: string;
  /** Positional arguments in commander syntax. */
  args: readonly string[];
  options: readonly { flags: string; description: string }[];
}

/** `stepyard completion SHELL`: prints the completion script of bash, zsh or fish. */
export async function runCompletion(input: CommandInput, ctx: CommandContext): Promise<number> {
  const shell = String(input.args[0]);
  if (!Object.hasOwn(COMPLETION_SCRIPTS, shell)) {
    throw new StepyardError('CLI_USAGE', `unknown shell '${shell}'`, { hint: 'stepyard completion bash|zsh|fish' });
  }
  ctx.stdout(COMPLETION_SCRIPTS[shell as CompletionShell]);
  return 0;
}

/** `stepyard __complete WORDS...` (hidden): one candidate per line, `VALUE<TAB>DESCRIPTION`. Never fails. */
export async function runComplete(input: CommandInput, ctx: CommandContext): Promise<number> {
  const words = Array.isArray(input.args[0]) ? (input.args[0] as unknown[]).map(String) : [];
  try {
    const { listCompletionCommands } = await import('../program.js');
    const candidates = await completeWords(words, listCompletionCommands(), ctx);
    ctx.stdout(candidates.map((c) => (c.description === undefined ? c.value : `${c.value}\t${c.description}`)).join('\n') + (candidates.length > 0 ? '\n' : ''));
  } catch {
    // Completion must never print errors into the user's command line.
  }
  return 0;
}

/** The candidates for the last word of `words` (the words after `stepyard`; the last one may be empty). */
export async function completeWords(words: readonly string[], commands: readonly CompletionCommand[], ctx: CommandContext): Promise<Candidate[]> {
  const current = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const byPrefix = (items: Candidate[]): Candidate[] => items.filter((item) => item.value.startsWith(current));
  const commandList = (): Candidate[] => [...commands.map((c) => ({ value: c.name, description: c.summary })), { value: 'help', description: 'show help for a command' }];
  if (before.length === 0) return byPrefix(commandList());
  const command = commands.find((c) => c.name === before[0]);
  if (command === undefined) return before[0] === 'help' && before.length === 1 ? byPrefix(commandList()) : [];
  const options = command.options.map(parseFlags);
  const previous = before[before.length - 1] ?? '';
  const valueOf = options.find((option) => option.takesValue && option.names.includes(previous));
  if (valueOf !== undefined) return byPrefix(await completeOptionValue(valueOf.names, current, ctx));
  if (current.startsWith('-')) {
    return byPrefix(options.flatMap((option) => option.names.filter((name) => name.startsWith('--')).map((name) => ({ value: name, description: option.description }))));
  }
  const positionals = countPositionals(before.slice(1), options);
  const arg = command.args[Math.min(positionals, command.args.length - 1)];
  if (arg === undefined || (positionals >= command.args.length && !arg.includes('...'))) return [];
  return byPrefix(await completePositional(command.name, current, ctx));
}

function parseFlags(option: { flags: string; description: string }): { names: string[]; takesValue: boolean; description: string } {
  const names = option.flags.split(/[\s,]+/).filter((part) => part.startsWith('-'));
  return { names, takesValue: /[<[]/.test(option.flags), description: option.description };
}

function countPositionals(words: readonly string[], options: readonly { names: string[]; takesValue: boolean }[]): number {
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word.startsWith('-')) {
      const option = options.find((o) => o.names.includes(word));
      if (option?.takesValue === true && !word.includes('=')) i++;
    } else count++;
  }
  return count;
}

async function completeOptionValue(names: readonly string[], current: string, ctx: CommandContext): Promise<Candidate[]> {
  if (names.includes('--flow')) return listFlowNames(ctx);
  if (names.includes('--status')) return RUN_STATUS_NAMES.map((status) => ({ value: status }));
  if (names.includes('--env-file') || names.includes('--context') || names.includes('--output')) return listFiles(current, ctx);
  return [];
}

async function completePositional(command: string, current: string, ctx: CommandContext): Promise<Candidate[]> {
  switch (command) {
    case 'run':
    case 'inspect':
      return listFlowNames(ctx);
    case 'show':
    case 'approve':
    case 'reject':
    case 'input':
    case 'cancel':
    case 'replay':
      return listRunIds(ctx);
    case 'logs':
      return [...(await listRunIds(ctx)), ...listFlowNames(ctx)];
    case 'completion':
      return Object.keys(COMPLETION_SCRIPTS).map((shell) => ({ value: shell }));
    case 'validate':
    case 'init':
      return listFiles(current, ctx);
    default:
      return [];
  }
}

/** Flow file stems of the flows directory. */
function listFlowNames(ctx: CommandContext): Candidate[] {
  const flowsDir = resolveFlowsDir({ cwd: ctx.cwd, env: ctx.env, root: findProjectRoot(ctx.cwd) });
  if (flowsDir === null) return [];
  return listFlowFiles(flowsDir).map((file) => ({ value: basename(file, extname(file)), description: 'flow' }));
}

/** The 50 newest run ids, described as `flow (status)`. Never creates the store. */
async function listRunIds(ctx: CommandContext): Promise<Candidate[]> {
  const root = findProjectRoot(ctx.cwd);
  if (root === null) return [];
  const { openHistory } = await import('./history-store.js');
  const history = await openHistory(root, { reconcile: false });
  if (history === null) return [];
  try {
    return history.store.listRuns({ limit: 50 }).map((run) => ({ value: run.id, description: `${run.flowName} (${run.status})` }));
  } finally {
    history.close();
  }
}

// Entries of the directory the partial path names; directories end in '/'.
function listFiles(current: string, ctx: CommandContext): Candidate[] {
  const slash = current.lastIndexOf('/');
  const dirPart = slash === -1 ? '' : current.slice(0, slash + 1);
  const dir = path.resolve(ctx.cwd, dirPart === '' ? '.' : dirPart);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') || current.slice(slash + 1).startsWith('.'))
    .sort()
    .map((name) => {
      let isDir = false;
      try {
        isDir = statSync(path.join(dir, name)).isDirectory();
      } catch {
        // Broken link: offer it as a file.
      }
      return { value: `${dirPart}${name}${isDir ? '/' : ''}` };
    });
}
