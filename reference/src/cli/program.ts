// The command table: names, arguments, options and help text. No logic: each command's implementation lives in
// commands/<name>.ts and is imported only when that command runs, so `stepyard --version` loads almost nothing.
// Adding a command = one file in commands/ plus one entry in COMMANDS.
import { Command } from 'commander';
import type { CommandContext, CommandInput, CommandRunner } from './context.js';

/** One option of a command, in commander's flag syntax (e.g. `-o, --output <path>`). */
interface OptionSpec {
  flags: string;
  description: string;
}

/** One command of the table. */
interface CommandSpec {
  name: string;
  /** Positional arguments in commander syntax: `<required>`, `[optional]`, `[variadic...]`. */
  args: string[];
  summary: string;
  /** Longer help text shown by `stepyard <command> --help`. */
  description?: string;
  group: string;
  options: OptionSpec[];
  run: CommandRunner;
}

const JSON_OPTION: OptionSpec = { flags: '--json', description: 'print one JSON object on stdout (see spec/cli.md)' };

const COMMANDS: CommandSpec[] = [
  {
    name: 'init',
    args: ['[dir]'],
    summary: 'create a Stepyard project (default: the current directory)',
    group: 'Project',
    options: [{ flags: '-f, --force', description: 'overwrite flows/hello.yaml if it exists' }, JSON_OPTION],
    run: async (input, ctx) => (await import('./commands/init.js')).runInit(input, ctx),
  },
  {
    name: 'validate',
    args: ['[files...]'],
    summary: 'check flow files without running them',
    description: 'Checks the given flow files, or every *.yaml/*.yml in the project flows directory.\nExit 0 when every file is valid (warnings allowed), 3 when any is invalid.',
    group: 'Project',
    options: [{ flags: '--all', description: 'check every flow in the flows directory (the default with no files)' }, JSON_OPTION],
    run: async (input, ctx) => (await import('./commands/validate.js')).runValidate(input, ctx),
  },
  {
    name: 'schema',
    args: [],
    summary: 'write the JSON Schema of flow documents for editors',
    group: 'Project',
    options: [{ flags: '-o, --output <path>', description: "where to write it ('-' for stdout; default .stepyard/flow.schema.json)" }],
    run: async (input, ctx) => (await import('./commands/schema.js')).runSchema(input, ctx),
  },
  {
    name: 'eval',
    args: ['<expression>'],
    summary: 'evaluate an expression or a ${{ }} template',
    description: "Evaluates EXPRESSION. Input containing '${{' is a template; otherwise one whole expression.\nUse '--' before an expression that starts with '-'.",
    group: 'Expressions',
    options: [
      { flags: '--context <file-or-json>', description: 'names visible to the expression: a JSON object or a JSON/YAML file' },
      JSON_OPTION,
    ],
    run: async (input, ctx) => (await import('./commands/eval.js')).runEval(input, ctx),
  },
];

/** Names of every command in the table. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.map((spec) => spec.name);

/** The result slot a command action fills: commander ignores action return values. */
export interface ProgramOutcome {
  exitCode: number;
}

/**
 * Builds the commander program. Usage errors, help and version are thrown as CommanderError
 * (exitOverride) and turned into exit codes by run-cli.ts.
 */
export function buildProgram(ctx: CommandContext, version: string, outcome: ProgramOutcome): Command {
  const program = new Command('stepyard');
  program
    .description('Stepyard: a local-first automation runner')
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr, outputError: () => undefined })
    .exitOverride()
    .version(`stepyard ${version}`, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command');
  for (const spec of COMMANDS) addCommand(program, spec, ctx, outcome);
  return program;
}

function addCommand(program: Command, spec: CommandSpec, ctx: CommandContext, outcome: ProgramOutcome): void {
  const command = program.command(spec.name).summary(spec.summary).helpGroup(`${spec.group}:`);
  command.description(spec.description ?? spec.summary);
  for (const arg of spec.args) command.argument(arg);
  for (const option of spec.options) command.option(option.flags, option.description);
  command.action(async (...params: unknown[]) => {
    const self = params[params.length - 1] as Command;
    const input: CommandInput = { args: self.processedArgs, options: self.opts() };
    outcome.exitCode = await spec.run(input, ctx);
  });
}
