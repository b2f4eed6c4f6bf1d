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
}

/** The parsed command line of one command: positional values in declaration order, then options. */
export interface CommandInput {
  args: unknown[];
  options: Record<string, unknown>;
}

/** A command implementation; resolves to the process exit code. Failures are thrown as StepyardError. */
export type CommandRunner = (input: CommandInput, ctx: CommandContext) => Promise<number>;
