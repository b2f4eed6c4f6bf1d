import { ERROR_CODES, type ErrorCategory, type ErrorCode } from './codes.js';

const BRAND = Symbol.for('stepyard.error');

/** Where in a source file a problem is. Lines and columns are 1-based. */
export interface SourceLocation {
  file?: string | undefined;
  line: number;
  column: number;
}

/** Options accepted by every StepyardError. */
export interface StepyardErrorOptions {
  /** JSON Pointer into the flow document, e.g. "/steps/2/with/url". */
  instance?: string | undefined;
  stepId?: string | undefined;
  location?: SourceLocation | undefined;
  /** How to fix it, in one sentence. Not normative. */
  hint?: string | undefined;
  retryable?: boolean | undefined;
  severity?: 'error' | 'warning' | undefined;
  cause?: unknown;
}

/**
 * The one error type of Stepyard. Failure is data: `code`, `category` and `instance` are the
 * contract; the message text is not normative.
 */
export class StepyardError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly instance: string | undefined;
  readonly stepId: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;
  readonly retryable: boolean;
  readonly severity: 'error' | 'warning';
  readonly [BRAND] = true;

  constructor(code: ErrorCode, message: string, options: StepyardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StepyardError';
    this.code = code;
    this.category = ERROR_CODES[code].category;
    this.instance = options.instance;
    this.stepId = options.stepId;
    this.location = options.location;
    this.hint = options.hint;
    this.retryable = options.retryable ?? false;
    this.severity = options.severity ?? 'error';
  }
}

/** Brand check that works across realms and for errors rebuilt from another process's data. */
export function isStepyardError(value: unknown): value is StepyardError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
