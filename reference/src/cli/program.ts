// The command table: names, arguments, options and help text. No logic: each command's implementation lives in
// commands/<name>.ts and is imported only when that command runs, so `stepyard --version` loads almost nothing.
// Adding a command = one file in commands/ plus one entry in COMMANDS.
import { Command } from 'commander';
import type { CommandContext, CommandInput, CommandRunner } from './context.js';

/** One option of a command, in commander's flag syntax (e.g. `-o, --output <path>`). */
interface OptionSpec {
  flags: string;
  description: string;
  /** The option may be given several times; its value is then the list of values in order. */
  repeatable?: boolean;
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
  /** Not listed in help (internal commands such as `__complete`). */
  hidden?: boolean;
  run: CommandRunner;
}

const JSON_OPTION: OptionSpec = { flags: '--json', description: 'print one JSON object on stdout (see spec/cli.md)' };

/** Options shared by approve, reject and input (spec: cli.approve). */
const DECISION_OPTIONS: OptionSpec[] = [
  { flags: '--step <step>', description: 'the waiting step (an execution id or a step id) when several wait' },
  { flags: '--comment <text>', description: 'why (recorded with the decision and shown by stepyard show)' },
  { flags: '--var <name=value>', description: 'give a variable again (secret-named ones are stored masked)', repeatable: true },
  { flags: '-v, --verbose', description: 'print the outputs of the steps at the end' },
  { flags: '--detach', description: 'resume the run in the background and return at once' },
  { flags: '--json', description: 'print the run result as one JSON object at the end (see spec/cli.md)' },
];

const COMMANDS: CommandSpec[] = [
  {
    name: 'run',
    args: ['<flow>'],
    summary: 'run a flow and show its steps as they run',
    description:
      'Runs FLOW (a file stem, a flow name or a path) in its own process and shows its steps live.\n' +
      'Exit 0 completed or waiting, 1 failed or cancelled, 3 invalid flow, 4 flow not found. Ctrl+C cancels the run.',
    group: 'Runs',
    options: [
      { flags: '--var <name=value>', description: "set a variable (vars.NAME); a bare '--var NAME' sets it to true", repeatable: true },
      { flags: '--env-file <file>', description: 'read variables from a dotenv file (--var wins)', repeatable: true },
      { flags: '--dry-run', description: 'print the plan without running anything' },
      { flags: '-v, --verbose', description: 'print the outputs of the steps at the end' },
      { flags: '--no-logs', description: 'do not show the log lines of the steps while the run proceeds (they are still written)' },
      { flags: '--json', description: 'print the run result as one JSON object at the end (see spec/cli.md)' },
      { flags: '--events', description: 'print the engine events as NDJSON while the run proceeds' },
    ],
    run: async (input, ctx) => (await import('./commands/run.js')).runRun(input, ctx),
  },
  {
    name: 'status',
    args: [],
    summary: 'show every flow of the project with its last run',
    group: 'Runs',
    options: [JSON_OPTION],
    run: async (input, ctx) => (await import('./commands/status.js')).runStatus(input, ctx),
  },
  {
    name: 'runs',
    args: [],
    summary: 'list runs, newest first',
    group: 'Runs',
    options: [
      { flags: '--flow <flow>', description: 'only runs of this flow' },
      { flags: '--status <status>', description: 'only runs with this status (comma-separated list allowed)' },
      { flags: '--limit <n>', description: 'at most N runs (default 20; 0 = all)' },
      JSON_OPTION,
    ],
    run: async (input, ctx) => (await import('./commands/runs.js')).runRuns(input, ctx),
  },
  {
    name: 'show',
    args: ['[run]'],
    summary: 'show a run with its steps, inputs, outputs and errors (default: the latest run)',
    description: 'Shows RUN (a run id or a unique prefix of one), or the latest run.',
    group: 'Runs',
    options: [JSON_OPTION],
    run: async (input, ctx) => (await import('./commands/show.js')).runShow(input, ctx),
  },
  {
    name: 'logs',
    args: ['[run-or-flow]'],
    summary: "print a run's log (default: the latest run)",
    description: 'Prints the log of a run (a run id or prefix), of the latest run of a flow, or of the latest run.',
    group: 'Runs',
    options: [
      { flags: '-f, --follow', description: 'keep printing new lines until the run ends' },
      { flags: '-s, --search <query>', description: 'case-insensitive search (all run logs unless a run or flow is given)' },
      { flags: '-n, --lines <n>', description: 'only the last N lines (or matches)' },
      JSON_OPTION,
    ],
    run: async (input, ctx) => (await import('./commands/logs.js')).runLogs(input, ctx),
  },
  {
    name: 'approvals',
    args: [],
    summary: 'list the steps waiting for approval or input (on a terminal: approve, reject or postpone each)',
    group: 'Approvals',
    options: [JSON_OPTION],
    run: async (input, ctx) => (await import('./commands/approvals.js')).runApprovals(input, ctx),
  },
  {
    name: 'approve',
    args: ['<run>'],
    summary: 'approve what a run waits for and resume it',
    description:
      'Approves the waiting step of RUN (a run id or a unique prefix) and resumes the run in a new run process, ' +
      'showing it like `stepyard run`. Exit 0 completed or waiting again, 1 failed or cancelled, 4 unknown run, ' +
      '5 the run is not waiting for approval (or another command resumed it first).',
    group: 'Approvals',
    options: DECISION_OPTIONS,
    run: async (input, ctx) => (await import('./commands/approve.js')).runApprove(input, ctx),
  },
  {
    name: 'reject',
    args: ['<run>'],
    summary: 'reject what a run waits for: the step fails with APPROVAL_REJECTED',
    description: 'Rejects the waiting step of RUN; the run resumes and the step fails (the run fails unless continue_on_error).',
    group: 'Approvals',
    options: DECISION_OPTIONS,
    run: async (input, ctx) => (await import('./commands/reject.js')).runReject(input, ctx),
  },
  {
    name: 'input',
    args: ['<run>'],
    summary: 'answer the input a run waits for and resume it',
    description:
      'Answers the waiting human.input step of RUN and resumes the run. The answer is checked against the ' +
      "step's type and choices (INPUT_VALUE_INVALID, exit 2). Without --value on a terminal, asks for it.",
    group: 'Approvals',
    options: [
      { flags: '--value <value>', description: 'the answer as text (typed as the input declares: number, boolean, ...)' },
      { flags: '--json-value <json>', description: 'the answer as a JSON value' },
      ...DECISION_OPTIONS,
    ],
    run: async (input, ctx) => (await import('./commands/input.js')).runInput(input, ctx),
  },
  {
    name: 'cancel',
    args: ['<run>'],
    summary: 'cancel a queued, waiting or running run',
    group: 'Approvals',
    options: [{ flags: '--comment <text>', description: 'why (recorded with the cancel)' }, JSON_OPTION],
    run: async (input, ctx) => (await import('./commands/cancel.js')).runCancel(input, ctx),
  },
  {
    name: 'replay',
    args: ['<run>'],
    summary: 'run a flow again from a step, reusing the outputs of the steps before it',
    description:
      'Creates a new run (trigger replay) that reuses what RUN recorded before STEP and runs STEP and what follows ' +
      'in its own process. Exit codes as `run`; 4 unknown run or step.',
    group: 'Runs',
    options: [
      { flags: '--from-step <step>', description: 'the top-level step to run again (required)' },
      { flags: '--var <name=value>', description: 'override a variable of the replayed run', repeatable: true },
      { flags: '-v, --verbose', description: 'print the outputs of the steps at the end' },
      { flags: '--detach', description: 'start the run in the background and return at once' },
      JSON_OPTION,
    ],
    run: async (input, ctx) => (await import('./commands/replay.js')).runReplay(input, ctx),
  },
  {
    name: 'clear',
    args: [],
    summary: 'delete finished runs and their logs (never active runs)',
    group: 'Runs',
    options: [
      { flags: '--flow <flow>', description: 'only runs of this flow' },
      { flags: '--keep <n>', description: 'keep the newest N finished runs of each flow' },
      { flags: '-f, --force', description: 'do not ask for confirmation (required when not on a terminal)' },
      JSON_OPTION,
    ],
    run: async (input, ctx) => (await import('./commands/clear.js')).runClear(input, ctx),
  },
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
    name: 'tools',
    args: ['<action>', '[name]'],
    summary: 'list the nodes there are, or show one node: tools list | tools show NAME',
    description: 'tools list: every node with its origin and input/output JSON Schemas.\ntools show NAME: its inputs (type, default, required), its output and an example step.',
    group: 'Project',
    options: [JSON_OPTION],
    run: async (input, ctx) => (await import('./commands/tools.js')).runTools(input, ctx),
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
  {
    name: 'inspect',
    args: ['<flow>'],
    summary: 'print a flow file with line numbers and its steps',
    group: 'Project',
    options: [JSON_OPTION],
    run: async (input, ctx) => (await import('./commands/inspect.js')).runInspect(input, ctx),
  },
  {
    name: 'completion',
    args: ['<shell>'],
    summary: 'print a shell completion script (bash, zsh or fish)',
    description: 'Prints the completion script of SHELL. Example: source <(stepyard completion bash)',
    group: 'Utilities',
    options: [],
    run: async (input, ctx) => (await import('./commands/completion.js')).runCompletion(input, ctx),
  },
  {
    name: '__complete',
    args: ['[words...]'],
    summary: 'print completion candidates (used by the completion scripts)',
    group: 'Utilities',
    options: [],
    hidden: true,
    run: async (input, ctx) => (await import('./commands/completion.js')).runComplete(input, ctx),
  },
];

/** Names of every command in the table. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.map((spec) => spec.name);

/** The visible commands with their arguments and options, for shell completion. */
export function listCompletionCommands(): { name: string; summary: string; args: string[]; options: OptionSpec[] }[] {
  return COMMANDS.filter((spec) => spec.hidden !== true).map((spec) => ({
    name: spec.name,
    summary: spec.summary,
    args: spec.args,
    options: [...spec.options, { flags: '-h, --help', description: 'show help' }],
  }));
}

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
  const command = program.command(spec.name, { hidden: spec.hidden === true }).summary(spec.summary).helpGroup(`${spec.group}:`);
  command.description(spec.description ?? spec.summary);
  for (const arg of spec.args) command.argument(arg);
  for (const option of spec.options) {
    if (option.repeatable === true) command.option(option.flags, option.description, (value: string, previous: string[]) => [...previous, value], [] as string[]);
    else command.option(option.flags, option.description);
  }
  command.action(async (...params: unknown[]) => {
    const self = params[params.length - 1] as Command;
    const input: CommandInput = { args: self.processedArgs, options: self.opts() };
    outcome.exitCode = await spec.run(input, ctx);
  });
}
