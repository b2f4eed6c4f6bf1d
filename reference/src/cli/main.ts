#!/usr/bin/env -S node --
// The `stepyard` executable. The ONLY place that sets the process exit code (spec: cli.exit-codes).
import type { CommandContext } from './context.js';

async function main(argv: string[]): Promise<number> {
  // Fast path: `stepyard --version` loads neither commander nor any command module.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    const { readStepyardVersion } = await import('./version.js');
    process.stdout.write(`stepyard ${readStepyardVersion()}\n`);
    return 0;
  }
  const ctx: CommandContext = {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    columns: process.stdout.columns,
    onSignal: subscribeToSignals,
    prompt: process.stdin.isTTY === true ? askQuestion : undefined,
    promptSecret: process.stdin.isTTY === true ? askHidden : undefined,
  };
  // `stepyard` alone on a terminal opens the interactive mode (spec: cli.interactive); elsewhere it prints help.
  if (argv.length === 0 && ctx.stdinIsTTY === true && ctx.stdoutIsTTY === true) {
    const { runInteractive } = await import('./commands/interactive.js');
    return runInteractive({ input: process.stdin, output: process.stdout }, ctx);
  }
  const { runCli } = await import('./run-cli.js');
  return runCli(argv, ctx);
}

// While at least one handler is subscribed, SIGINT/SIGTERM go to the handlers instead of ending the process.
function subscribeToSignals(handler: (signal: NodeJS.Signals) => void): () => void {
  const listener = (signal: NodeJS.Signals): void => handler(signal);
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}

async function askHidden(question: string): Promise<string> {
  const { askHiddenQuestion } = await import('./render/prompt-secret.js');
  return askHiddenQuestion(process.stdin, process.stderr, question);
}

async function askQuestion(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // runCli never throws; reaching this means the CLI itself failed to load.
    process.stderr.write(`INTERNAL this is a bug in Stepyard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
