// Runs one command line: parse, dispatch, and turn every failure into an exit code and rendered output.
import { CommanderError } from 'commander';
import { ERROR_CODES } from '../errors/codes.js';
import { StepyardError, isStepyardError } from '../errors/stepyard-error.js';
import { toProblem } from '../errors/to-problem.js';
import type { CommandContext } from './context.js';
import { EXIT_CODES } from './exit-codes.js';
import { COMMAND_NAMES, buildProgram, type ProgramOutcome } from './program.js';
import { formatInternalError, formatProblem } from './render/error.js';
import { renderJsonFailure } from './render/json.js';
import { describeVersions, readStepyardVersion } from './version.js';

/** Runs `stepyard <argv...>` and resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const json = wantsJson(argv);
  const outcome: ProgramOutcome = { exitCode: EXIT_CODES.ok };
  try {
    const program = buildProgram(ctx, readStepyardVersion(), outcome);
    await program.parseAsync([...argv], { from: 'user' });
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return handleCommanderError(error, argv, ctx, json);
    return reportFailure(error, ctx, json);
  }
}

/** Prints a failure that ended a command and returns its exit code (spec: cli.exit-codes, errors.internal). */
export function reportFailure(error: unknown, ctx: CommandContext, json: boolean): number {
  if (isStepyardError(error) && error.code !== 'INTERNAL') {
    const problem = toProblem(error);
    if (json) ctx.stdout(renderJsonFailure(problem));
    else ctx.stderr(formatProblem(problem));
    return exitCodeOf(error);
  }
  if (json) ctx.stdout(renderJsonFailure(toProblem(isStepyardError(error) ? error : internalError(error))));
  ctx.stderr(formatInternalError(error, describeVersions()));
  return EXIT_CODES.internal;
}

/** The exit code a StepyardError ends a command with: its catalogue entry's `exit`, never 0. */
export function exitCodeOf(error: StepyardError): number {
  const exit = ERROR_CODES[error.code].exit;
  return exit === EXIT_CODES.ok ? EXIT_CODES.failed : exit;
}

// --json anywhere before `--` asks for machine output, also for usage errors.
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

function handleCommanderError(error: CommanderError, argv: readonly string[], ctx: CommandContext, json: boolean): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_CODES.ok;
  // `help [command]` exits 0; `stepyard` with no command printed the help on stderr and is a usage error.
  if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  const message = error.message.replace(/^error:\s*/, '');
  const command = argv.find((arg) => !arg.startsWith('-'));
  const hint = command !== undefined && COMMAND_NAMES.includes(command) ? `run 'stepyard ${command} --help'` : "run 'stepyard --help'";
  const usage = new StepyardError('CLI_USAGE', message, { hint });
  return reportFailure(usage, ctx, json);
}

function internalError(error: unknown): StepyardError {
  const message = error instanceof Error ? error.message : String(error);
  return new StepyardError('INTERNAL', `this is a bug in Stepyard: ${message}`, { cause: error });
}
