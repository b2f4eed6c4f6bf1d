// spec: cli.interactive
// `stepyard` with no command on a terminal: a small REPL that runs commands in-process.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { listFlowFiles, resolveFlowsDir } from '../../project/flows.js';
import { PROJECT_MARKER, findProjectRoot } from '../../project/root.js';
import type { CommandContext } from '../context.js';
import { readStepyardVersion } from '../version.js';

/** The prompt of the interactive mode. */
export const PROMPT = 'stepyard ❯ ';

/** Short names accepted as the first word (as in the original's REPL). */
export const ALIASES: Readonly<Record<string, string>> = { r: 'run', s: 'status', ls: 'status', l: 'logs' };

/** Words that leave the interactive mode. */
export const EXIT_WORDS: ReadonlySet<string> = new Set(['q', 'quit', 'e', 'exit']);

/** File (inside .stepyard/ of a project) holding the entered lines; never created outside a project. */
export const HISTORY_FILE = 'repl-history';

/** The streams of the interactive mode (the terminal, or streams in tests). */
export interface InteractiveStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  output: NodeJS.WritableStream;
}

/** Runs the REPL until `exit`, Ctrl+D or the end of input. Resolves to 0. */
export async function runInteractive(streams: InteractiveStreams, ctx: CommandContext): Promise<number> {
  const root = findProjectRoot(ctx.cwd);
  const historyPath = root === null ? null : path.join(root, PROJECT_MARKER, HISTORY_FILE);
  const terminal = streams.input.isTTY === true;
  const rl = createInterface({
    input: streams.input,
    output: streams.output,
    prompt: PROMPT,
    terminal,
    history: readHistory(historyPath),
    historySize: 500,
    removeHistoryDuplicates: true,
    completer: (line: string, callback: (error: Error | null, result: [string[], string]) => void) => {
      completeLine(line, ctx).then((result) => callback(null, result), () => callback(null, [[], line]));
    },
  });
  streams.output.write(banner(root, ctx));
  // Ctrl+C at the prompt clears the line instead of leaving (Ctrl+D or `exit` leave).
  rl.on('SIGINT', () => {
    streams.output.write('^C\n');
    rl.write(null, { ctrl: true, name: 'u' });
    rl.prompt();
  });
  rl.prompt();
  for await (const line of readLines(rl)) {
    const words = splitWords(line);
    const first = words[0];
    if (first === undefined) {
      rl.prompt();
      continue;
    }
    if (historyPath !== null) appendHistory(historyPath, line);
    if (EXIT_WORDS.has(first)) break;
    const argv = first === 'help' ? ['help', ...words.slice(1)] : [ALIASES[first] ?? first, ...words.slice(1)];
    await runInProcess(argv, rl, streams, ctx);
    rl.prompt();
  }
  rl.close();
  streams.output.write('Goodbye!\n');
  return 0;
}

// One command, run as if typed after `stepyard`. The terminal leaves raw mode so Ctrl+C reaches the command.
async function runInProcess(argv: string[], rl: Interface, streams: InteractiveStreams, ctx: CommandContext): Promise<void> {
  rl.pause();
  const raw = streams.input.isTTY === true && typeof streams.input.setRawMode === 'function';
  if (raw) streams.input.setRawMode?.(false);
  // Keep the REPL alive on Ctrl+C while a command runs (a running `run` cancels its run on it).
  const unsubscribe = ctx.onSignal?.(() => undefined);
  try {
    const { runCli } = await import('../run-cli.js');
    const code = await runCli(argv, ctx);
    if (code !== 0) streams.output.write(`(exit ${code})\n`);
  } finally {
    unsubscribe?.();
    if (raw) streams.input.setRawMode?.(true);
    rl.resume();
  }
}

// Lines from readline as an async iterable that ends on close (Ctrl+D, end of input).
async function* readLines(rl: Interface): AsyncGenerator<string> {
  const queue: string[] = [];
  let closed = false;
  let wake: (() => void) | null = null;
  rl.on('line', (line) => {
    queue.push(line);
    wake?.();
  });
  rl.on('close', () => {
    closed = true;
    wake?.();
  });
  for (;;) {
    const next = queue.shift();
    if (next !== undefined) {
      yield next;
      continue;
    }
    if (closed) return;
    await new Promise<void>((resolve) => {
      wake = () => {
        wake = null;
        resolve();
      };
    });
  }
}

/** Splits a command line into words: whitespace separates; '...' and "..." quote; a backslash escapes one character. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quote !== null) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

async function completeLine(line: string, ctx: CommandContext): Promise<[string[], string]> {
  const words = splitWords(line);
  if (line === '' || /\s$/.test(line)) words.push('');
  if (words.length > 0) words[0] = ALIASES[words[0] as string] ?? (words[0] as string);
  const { completeWords } = await import('./completion.js');
  const { listCompletionCommands } = await import('../program.js');
  const current = words[words.length - 1] ?? '';
  const candidates = await completeWords(words, listCompletionCommands(), ctx);
  return [candidates.map((candidate) => candidate.value), current];
}

function banner(root: string | null, ctx: CommandContext): string {
  const lines = [`Stepyard ${readStepyardVersion()} interactive mode. Type 'help' for commands, 'exit' or Ctrl+D to leave.`];
  if (root === null) lines.push("No project here: 'init' creates one.");
  else {
    const flowsDir = resolveFlowsDir({ cwd: ctx.cwd, env: ctx.env, root });
    const count = flowsDir === null ? 0 : listFlowFiles(flowsDir).length;
    lines.push(`Project ${root} · ${count} flow${count === 1 ? '' : 's'}. Try: run hello · status · logs · show`);
  }
  return `${lines.join('\n')}\n`;
}

function readHistory(file: string | null): string[] {
  if (file === null || !existsSync(file)) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').reverse().slice(0, 500);
  } catch {
    return [];
  }
}

function appendHistory(file: string, line: string): void {
  try {
    appendFileSync(file, `${line.replace(/\n/g, ' ')}\n`);
  } catch {
    // History is a convenience.
  }
}
