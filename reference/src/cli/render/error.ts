// Human rendering of problems: code first, then location, then the message; the hint on its own line.
import type { Problem } from '../../errors/to-problem.js';

/** `FILE:LINE:COL`, `FILE`, or '' when the problem has no location. */
export function formatLocation(problem: Pick<Problem, 'file' | 'line' | 'column'>): string {
  if (problem.file === undefined) return '';
  if (problem.line === undefined) return problem.file;
  return `${problem.file}:${problem.line}:${problem.column ?? 1}`;
}

/**
 * One problem as text: `CODE file:line:col message`, then `  hint: ...` when there is a hint.
 * Every line is prefixed by `indent`.
 */
export function formatProblem(problem: Problem, indent = ''): string {
  const location = formatLocation(problem);
  const label = problem.severity === 'warning' ? `${problem.code} (warning)` : problem.code;
  const head = [label, location, problem.detail].filter((part) => part !== '').join(' ');
  const lines = [`${indent}${head}`];
  if (problem.hint !== undefined && problem.hint !== '') lines.push(`${indent}  hint: ${problem.hint}`);
  return `${lines.join('\n')}\n`;
}

/** The text printed for an unknown throwable: it is always a bug in Stepyard (spec: errors.internal). */
export function formatInternalError(error: unknown, versions: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack !== undefined ? error.stack : message;
  return [
    `INTERNAL this is a bug in Stepyard: ${message}`,
    `  ${versions}`,
    '  Please report it with the command you ran and the details below.',
    '',
    stack,
    '',
  ].join('\n');
}
