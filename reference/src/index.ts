// The programmatic API of Stepyard. Explicit named re-exports only: what is not listed here is internal.

// Errors: failure is data (spec/errors.md).
export { ERROR_CODES, isErrorCode } from './errors/codes.js';
export type { ErrorCategory, ErrorCode } from './errors/codes.js';
export { StepyardError, isStepyardError } from './errors/stepyard-error.js';
export type { SourceLocation, StepyardErrorOptions } from './errors/stepyard-error.js';
export { toProblem } from './errors/to-problem.js';
export type { Problem } from './errors/to-problem.js';

// Expressions: ${{ }} parsing and evaluation (spec/expressions.md).
export { parseExpression } from './expressions/parser.js';
export { printExpression } from './expressions/printer.js';
export { evaluateExpression } from './expressions/evaluate.js';
export { hasTemplate, resolveTemplates, scanTemplates } from './expressions/template.js';
export { isTruthy } from './expressions/truthiness.js';
export type { EvaluateOptions, Expr, Scope, TemplatePart } from './expressions/types.js';

// Flow documents: loading and validation (spec/flow-document.md).
export { loadFlowFile, loadFlowText } from './flow/load.js';
export type { LoadOptions, LoadResult } from './flow/load.js';
export { buildFlowJsonSchema } from './flow/schema.js';
export type { FlowDocument, JsonValue, RetrySpec, StepSpec, TriggerSpec } from './flow/types.js';
export { BUILTIN_NODE_NAMES } from './nodes/catalogue.js';
export type { BuiltinNodeName } from './nodes/catalogue.js';
