// Every `${{ }}` in with (values), if, loop, while and next must parse before the run starts.
// spec: flow.validation (EXPR-7 lists where expressions are evaluated)
import { isStepyardError, StepyardError } from '../errors/stepyard-error.js';
import { parseExpression } from '../expressions/parser.js';
import { scanTemplates } from '../expressions/template.js';
import type { Locator } from './locate.js';
import { formatPointer, isRecord, stepIdAt, type PointerSegment } from './pointer.js';

/** Fields whose values are evaluated as templates at run time. */
const EVALUATED_FIELDS = ['with', 'if', 'loop', 'while', 'next'] as const;

/** EXPR_SYNTAX errors for every template that does not parse, at any step depth. */
export function checkExpressions(root: unknown, locator: Locator): StepyardError[] {
  const errors: StepyardError[] = [];
  if (isRecord(root)) visitSteps(root, root.steps, ['steps'], locator, errors);
  return errors;
}

function visitSteps(root: unknown, steps: unknown, path: PointerSegment[], locator: Locator, errors: StepyardError[]): void {
  if (!Array.isArray(steps)) return;
  for (const [index, step] of steps.entries()) {
    if (!isRecord(step)) continue;
    const stepId = stepIdAt(root, [...path, index]);
    for (const field of EVALUATED_FIELDS) {
      visitValue(step[field], [...path, index, field], stepId, locator, errors);
    }
    visitSteps(root, step.steps, [...path, index, 'steps'], locator, errors);
  }
}

// Strings anywhere inside the value; mapping keys are never evaluated, so they are not checked.
function visitValue(value: unknown, path: PointerSegment[], stepId: string | undefined, locator: Locator, errors: StepyardError[]): void {
  if (typeof value === 'string') {
    const error = checkTemplateText(value, formatPointer(path), stepId, locator);
    if (error !== null) errors.push(error);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) visitValue(item, [...path, index], stepId, locator, errors);
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) visitValue(item, [...path, key], stepId, locator, errors);
  }
}

/** The first syntax error of the templates in `text`, located at `instance`, or null when all parse. */
export function checkTemplateText(text: string, instance: string, stepId: string | undefined, locator: Locator): StepyardError | null {
  if (!text.includes('${{')) return null;
  let offset = 0;
  try {
    let parts;
    try {
      parts = scanTemplates(text);
    } catch (error) {
      // The scanner locates its error inside the text; only a first-line column maps to an offset.
      if (isStepyardError(error) && error.location?.line === 1) offset = error.location.column - 1;
      throw error;
    }
    for (const part of parts) {
      if (part.kind !== 'expression') continue;
      offset = part.offset;
      parseExpression(part.source);
    }
    return null;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const code = isStepyardError(cause) && (cause.code === 'EXPR_LIMIT' || cause.code === 'EXPR_NOT_ALLOWED') ? cause.code : 'EXPR_SYNTAX';
    return new StepyardError(code, `invalid expression in ${instance}: ${detail}`, {
      instance,
      stepId,
      location: locator.locate(instance, { offset }),
      hint: 'write one expression per ${{ ... }}, e.g. ${{ steps.build.output }}; see spec/expressions.md',
      cause,
    });
  }
}
