// Machine output (--json). One JSON value per command on stdout; keys are snake_case (spec: cli.json-output).
import type { Problem } from '../../errors/to-problem.js';

/** Serialises a command's --json result as one JSON document followed by a newline. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The --json output of a command that failed as a whole: `{"ok": false, "error": Problem}`. */
export function renderJsonFailure(problem: Problem): string {
  return renderJson({ ok: false, error: problem });
}
