// What a command implementation receives. Commands never touch `process` directly: main.ts builds this.

/** Where a command reads and writes. */
export interface CommandContext {
  /** Absolute working directory. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Writes text to standard output (the command's result). */
  stdout: (text: string) => void;
  /** Writes text to standard error (diagnostics and progress). */
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (live views, colours); absent = not a terminal. */
  stdoutIsTTY?: boolean;
  /** Whether stdin is a terminal (confirmation prompts); absent = not a terminal. */
  stdinIsTTY?: boolean;
  /** Terminal width, when stdout is a terminal. */
  columns?: number;
  /** Receive SIGINT/SIGTERM while the command runs (the default exit is suppressed); returns the unsubscribe. */
  onSignal?: (handler: (signal: NodeJS.Signals) => void) => () => void;
  /** Ask the user one question on the terminal and resolve to the answer line; absent when there is no terminal. */
  prompt?: (question: string) => Promise<string>;
  /** Like `prompt`, without echoing what is typed (secret answers); absent when there is no terminal. */
  promptSecret?: (question: string) => Promise<string>;
}

/** The parsed command line of one command: positional values in declaration order, then options. */
export interface CommandInput {
  args: unknown[];
  options: Record<string, unknown>;
}

/** A command implementation; resolves to the process exit code. Failures are thrown as StepyardError. */
export type CommandRunner = (input: CommandInput, ctx: CommandContext) => Promise<number>;
