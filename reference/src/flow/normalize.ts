// Schema-valid YAML value → FlowDocument: defaults applied, lax scalars coerced, snake_case → camelCase.
// Only called on documents without errors (load.ts); every input here already passed the schema.
// spec: flow.document
import { coerceBoolean, coerceInteger } from './coerce.js';
import { formatPointer, isRecord, type PointerSegment } from './pointer.js';
import { formatPythonFloat } from './python-str.js';
import { normalizeRetry } from './retry.js';
import { parseTimeoutOrNull } from './timeout.js';
import type { FlowDocument, JsonValue, StepSpec, TriggerSpec } from './types.js';
import { isPyYamlFloatText } from './yaml-tags.js';

/** How normalizeFlow learns the source text of a scalar (to print YAML floats as Python would). */
export interface NormalizeOptions {
  /** The source text of the scalar at a JSON Pointer, when known. */
  scalarSource?: (pointer: string) => string | undefined;
}

/** Build the typed FlowDocument from a loaded, schema-valid flow value. */
export function normalizeFlow(raw: Record<string, unknown>, options: NormalizeOptions = {}): FlowDocument {
  const sourceOf = options.scalarSource ?? (() => undefined);
  return {
    name: String(raw.name),
    description: typeof raw.description === 'string' ? raw.description : null,
    env: normalizeEnv(raw.env, sourceOf),
    dotenv: normalizeDotenv(raw.dotenv, sourceOf),
    trigger: normalizeTrigger(raw.trigger),
    steps: normalizeSteps(raw.steps, ['steps']),
  };
}

// spec: flow.env — values become strings; null → "" (decision D-FLOW-5).
function normalizeEnv(env: unknown, sourceOf: (pointer: string) => string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isRecord(env)) return result;
  for (const [key, value] of Object.entries(env)) {
    // defineProperty, so that even a variable named __proto__ is an own key.
    const text = scalarToString(value, sourceOf(formatPointer(['env', key])));
    Object.defineProperty(result, key, { value: text, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

// spec: flow.dotenv
function normalizeDotenv(dotenv: unknown, sourceOf: (pointer: string) => string | undefined): string[] {
  if (typeof dotenv === 'string') return [dotenv];
  if (!Array.isArray(dotenv)) return [];
  return dotenv.map((item, index) => scalarToString(item, sourceOf(formatPointer(['dotenv', index]))));
}

/** A YAML scalar as the original's str(): booleans lower-case, floats in Python's format, null → "". */
export function scalarToString(value: unknown, source?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    const isFloat = source === undefined ? !Number.isInteger(value) : isPyYamlFloatText(source.trim());
    return isFloat ? formatPythonFloat(value) : String(value);
  }
  return String(value);
}

function normalizeTrigger(trigger: unknown): TriggerSpec | null {
  if (!isRecord(trigger)) return null;
  return {
    uses: String(trigger.uses),
    with: isRecord(trigger.with) ? (trigger.with as Record<string, JsonValue>) : {},
    mode: trigger.mode === 'console' ? 'console' : 'daemon',
  };
}

function normalizeSteps(steps: unknown, path: PointerSegment[]): StepSpec[] {
  if (!Array.isArray(steps)) return [];
  return steps.map((step, index) => normalizeStep(step as Record<string, unknown>, [...path, index]));
}

// spec: flow.step
function normalizeStep(step: Record<string, unknown>, path: PointerSegment[]): StepSpec {
  const timeoutRaw = typeof step.timeout === 'string' || typeof step.timeout === 'number' ? step.timeout : null;
  return {
    id: String(step.id),
    uses: typeof step.uses === 'string' ? step.uses : null,
    steps: Array.isArray(step.steps) ? normalizeSteps(step.steps, [...path, 'steps']) : null,
    with: isRecord(step.with) ? (step.with as Record<string, JsonValue>) : {},
    if: typeof step.if === 'string' && step.if !== '' ? step.if : null,
    loop: step.loop === undefined || step.loop === null ? null : (step.loop as JsonValue),
    while: normalizeWhile(step.while),
    next: typeof step.next === 'string' || isRecord(step.next) ? (step.next as string | Record<string, JsonValue>) : null,
    maxVisits: step.max_visits === undefined || step.max_visits === null ? null : (coerceInteger(step.max_visits) ?? null),
    timeoutMs: timeoutRaw === null ? null : parseTimeoutOrNull(timeoutRaw),
    timeoutRaw,
    retry: normalizeRetry(step.retry),
    continueOnError: coerceBoolean(step.continue_on_error) ?? false,
    approval: coerceBoolean(step.approval) ?? false,
    pointer: formatPointer(path),
  };
}

function normalizeWhile(value: unknown): string | boolean | null {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  return null;
}
