#!/usr/bin/env node
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
  };
  const { runCli } = await import('./run-cli.js');
  return runCli(argv, ctx);
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
