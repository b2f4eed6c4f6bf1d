// Evaluation of a step's expression fields (if, while, loop, with, next), with uniform error wrapping.
import type { JsonValue, StepSpec } from '../flow/types.js';
import { isStepyardError } from '../errors/stepyard-error.js';
import { resolveTemplates } from '../expressions/template.js';
import { isTruthy } from '../expressions/truthiness.js';
import type { Scope } from '../expressions/types.js';
import type { ErrorInfo } from './types.js';

/** A step field whose evaluation failed; carries the wrapped ErrorInfo. */
export class FieldEvaluationError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'FieldEvaluationError';
  }
}

type Field = 'if' | 'while' | 'loop' | 'with' | 'next';

const LABELS: Record<Field, (label: string) => string> = {
  if: (label) => `Error evaluating 'if' condition of step '${label}'`,
  while: (label) => `Error evaluating 'while' condition of step '${label}'`,
  loop: (label) => `Error evaluating 'loop' for step '${label}'`,
  with: (label) => `Error evaluating parameters of step '${label}'`,
  next: (label) => `Error evaluating 'next' of step '${label}'`,
};

/** Evaluate `if` (spec: exec.if) or a `while` condition (spec: exec.while) with the truthiness rule. */
export function evaluateCondition(spec: StepSpec, field: 'if' | 'while', raw: string | boolean, scope: Scope, label: string): boolean {
  if (typeof raw === 'boolean') return raw;
  return isTruthy(evaluateField(spec, field, raw, scope, label));
}

/** Resolve the `with` mapping of a step (spec: exec.node-invocation). */
export function resolveStepInputs(spec: StepSpec, scope: Scope, label: string): Record<string, JsonValue> {
  const resolved = evaluateField(spec, 'with', spec.with, scope, label);
  return resolved !== null && typeof resolved === 'object' && !Array.isArray(resolved) ? resolved : {};
}

/** Resolve any expression field of a step; throws FieldEvaluationError. */
export function evaluateField(spec: StepSpec, field: Field, raw: unknown, scope: Scope, label: string): JsonValue {
  try {
    return resolveTemplates(raw, scope);
  } catch (error) {
    throw new FieldEvaluationError(describeFieldError(error, field, spec, label));
  }
}

/** The ErrorInfo of a failed field evaluation: the expression's code, a prefixed message, the field's pointer. */
export function describeFieldError(error: unknown, field: Field, spec: StepSpec, label: string): ErrorInfo {
  const code = isStepyardError(error) ? error.code : 'INTERNAL';
  const detail = error instanceof Error ? error.message : String(error);
  return { code, message: `${LABELS[field](label)}: ${detail}`, instance: `${spec.pointer}/${field}` };
}

/** Turn anything thrown during a step into ErrorInfo. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof FieldEvaluationError) return error.info;
  if (isStepyardError(error)) {
    const info: ErrorInfo = { code: error.code, message: error.message };
    if (error.instance !== undefined) info.instance = error.instance;
    return info;
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
