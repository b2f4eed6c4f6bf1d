// Process exit codes of the `stepyard` command. Mirrored from spec/cli.md (cli.exit-codes); a test checks they agree.

/** spec: cli.exit-codes */
export const EXIT_CODES = {
  /** Success; a valid document; a run that completed or is suspended waiting for a person. */
  ok: 0,
  /** A run finished `failed`, an expression raised an error, or a file could not be written. */
  failed: 1,
  /** Command-line usage error. */
  usage: 2,
  /** A flow document is invalid (found before any step ran); also EXPR_SYNTAX in `eval`. */
  invalid: 3,
  /** A project, flow or run was not found. */
  notFound: 4,
  /** The state does not allow the operation (e.g. the run is already finished, the store is locked). */
  conflict: 5,
  /** An optional feature is not supported by this implementation. */
  unsupported: 33,
  /** Internal error: a bug in Stepyard. */
  internal: 70,
} as const;

/** One of the exit codes above. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
