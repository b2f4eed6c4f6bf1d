import { ERROR_CODES, type ErrorCategory, type ErrorCode } from './codes.js';
import { isStepyardError } from './stepyard-error.js';

/** The wire shape of an error (spec/schemas/error.schema.json). Only code, category, instance and step_id are normative. */
export interface Problem {
  code: ErrorCode;
  category: ErrorCategory;
  severity: 'error' | 'warning';
  title: string;
  detail: string;
  instance?: string;
  step_id?: string;
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
  cause?: Problem | { detail: string };
}

/** Serialises any thrown value to a Problem; unknown throwables become INTERNAL. */
export function toProblem(error: unknown): Problem {
  if (!isStepyardError(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { code: 'INTERNAL', category: 'internal', severity: 'error', title: ERROR_CODES.INTERNAL.title, detail };
  }
  const problem: Problem = {
    code: error.code,
    category: error.category,
    severity: error.severity,
    title: titleOf(error.code),
    detail: error.message,
  };
  if (error.instance !== undefined) problem.instance = error.instance;
  if (error.stepId !== undefined) problem.step_id = error.stepId;
  if (error.location?.file !== undefined) problem.file = error.location.file;
  if (error.location !== undefined) {
    problem.line = error.location.line;
    problem.column = error.location.column;
  }
  if (error.hint !== undefined) problem.hint = error.hint;
  if (error.cause !== undefined) {
    problem.cause = isStepyardError(error.cause)
      ? toProblem(error.cause)
      : { detail: error.cause instanceof Error ? error.cause.message : String(error.cause) };
  }
  return problem;
}

function titleOf(code: ErrorCode): string {
  return ERROR_CODES[code].title;
}
