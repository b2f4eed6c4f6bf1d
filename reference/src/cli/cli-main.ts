// The body of the `stepyard` executable, started by main.ts (directly, or as the bundle dist/bundle/cli.mjs).
// The ONLY place that sets the process exit code (spec: cli.exit-codes), with main.ts's load-failure fallback.
import { isatty } from 'node:tty';
import { STASHED_CA_CERTS, restoreOsEnv } from '../runner/ca-env.js';
import type { CommandContext } from './context.js';

async function main(argv: string[]): Promise<number> {
  // Fast path: `stepyard --version` loads neither commander nor any command module.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    const { readStepyardVersion } = await import('./version.js');
    process.stdout.write(`stepyard ${readStepyardVersion()}\n`);
    return 0;
  }
  // isatty(0), not process.stdin.isTTY: creating process.stdin (a socket for a pipe) costs a few ms per start.
  const stdinIsTTY = isatty(0);
  const ctx: CommandContext = {
    cwd: process.cwd(),
    env: readUserEnv(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY,
    columns: process.stdout.columns,
    onSignal: subscribeToSignals,
    prompt: stdinIsTTY ? askQuestion : undefined,
    promptSecret: stdinIsTTY ? askHidden : undefined,
  };
  // `stepyard` alone on a terminal opens the interactive mode (spec: cli.interactive); elsewhere it prints help.
  if (argv.length === 0 && ctx.stdinIsTTY === true && ctx.stdoutIsTTY === true) {
    const { runInteractive } = await import('./commands/interactive.js');
    return runInteractive({ input: process.stdin, output: process.stdout }, ctx);
  }
  if (argv[0] !== 'run') {
    const { runCli } = await import('./run-cli.js');
    return runCli(argv, ctx);
  }
  // spec: exec.run-process — the run process starts while the rest of the CLI loads (see run-prestart.ts).
  const { prestartRun, discardPrestartedRun } = await import('./commands/run-prestart.js');
  prestartRun(argv, ctx);
  try {
    const { runCli } = await import('./run-cli.js');
    return await runCli(argv, ctx);
  } finally {
    discardPrestartedRun();
  }
}

// The bin launcher (bin/stepyard) moved NODE_EXTRA_CA_CERTS aside so this process starts without loading those
// certificates; commands see the environment as the user set it.
function readUserEnv(): Readonly<Record<string, string | undefined>> {
  return process.env[STASHED_CA_CERTS] === undefined ? process.env : restoreOsEnv(process.env);
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
