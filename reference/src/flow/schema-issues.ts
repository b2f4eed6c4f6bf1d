// zod issues → one StepyardError per problem, with the field's own code, pointer, location and hint.
// spec: flow.schema, flow.validation
import type { z } from 'zod';
import type { ErrorCode } from '../errors/codes.js';
import { StepyardError } from '../errors/stepyard-error.js';
import type { Locator } from './locate.js';
import { formatPointer, stepIdAt, valueAt, type PointerSegment } from './pointer.js';
import { TIMEOUT_HINT } from './timeout.js';

interface Expectation {
  expected: string;
  code?: ErrorCode;
  hint?: string;
}

const BOOLEAN = 'a boolean (true/false; yes/no, on/off and 1/0 are accepted too)';
const STRING_HINT = 'quote the value to make it a string';
const RETRY_HINT = 'write retry: 3, or retry: {attempts: 3, initial_delay: 1.0, backoff_factor: 2.0}';

// What each field accepts, by role (see roleOf).
const EXPECTATIONS: Record<string, Expectation> = {
  document: { expected: 'a mapping with at least name and steps', hint: 'start the file with `name: my-flow` and a `steps:` list' },
  'flow.name': { expected: 'a string', hint: STRING_HINT },
  'flow.description': { expected: 'a string', hint: STRING_HINT },
  'flow.env': { expected: 'a mapping of variable names to scalar values', code: 'FLOW_ENV_INVALID', hint: 'write env as `NAME: value` lines under env:' },
  'env.value': { expected: 'a scalar (string, number, boolean or null)', code: 'FLOW_ENV_INVALID', hint: 'env values are strings; write lists or mappings as a quoted string' },
  'flow.dotenv': { expected: 'a file path or a list of file paths', code: 'FLOW_ENV_INVALID', hint: 'write dotenv: .env or dotenv: [.env, other.env]' },
  'dotenv.item': { expected: 'a file path (string)', code: 'FLOW_ENV_INVALID', hint: 'list file paths only, e.g. dotenv: [.env, config/app.env]' },
  'flow.trigger': { expected: 'a mapping with uses (and optionally with, mode)', code: 'FLOW_TRIGGER_INVALID', hint: 'write trigger: {uses: cron, with: {schedule: "0 3 * * *"}}' },
  'trigger.uses': { expected: 'a trigger name (string), e.g. cron, interval, startup', code: 'FLOW_TRIGGER_INVALID', hint: 'name the trigger: uses: cron, interval, startup or a plugin trigger' },
  'trigger.with': { expected: 'a mapping of trigger settings', code: 'FLOW_TRIGGER_INVALID', hint: 'write settings as `key: value` lines, e.g. with: {schedule: "0 3 * * *"}' },
  'trigger.mode': { expected: 'one of daemon, console', code: 'FLOW_TRIGGER_INVALID', hint: 'write mode: daemon (the default) or mode: console' },
  'flow.steps': { expected: 'a list of steps', hint: 'write steps as a YAML list: `steps:` then `- id: ...` lines' },
  step: { expected: 'a mapping with an id and either uses or steps', hint: 'write each step as `- id: name` followed by `uses: node` on the next line' },
  'step.id': { expected: 'a string', hint: 'quote the id (id: "1") if it looks like a number or a boolean' },
  'step.uses': { expected: 'a node name (string)', hint: STRING_HINT },
  'step.steps': { expected: 'a list of steps', hint: 'write child steps as a YAML list under steps:' },
  'step.with': { expected: 'a mapping of node inputs', hint: 'write inputs as `key: value` lines under with:' },
  'step.if': { expected: 'a string condition, e.g. "${{ vars.deploy }}"', hint: 'quote the condition (if: "true") or use an expression' },
  'step.loop': { expected: 'a list or a string expression', hint: 'write loop: [a, b] or loop: "${{ ... }}"' },
  'step.while': { expected: 'a string condition or a boolean', hint: 'write while: "${{ ... }}" or while: false' },
  'step.next': { expected: 'a step id, keyword or expression (string), or a mapping {target: id}', hint: 'quote the step id (next: "7") if it looks like a number' },
  'step.max_visits': { expected: 'an integer >= 0 (0 = unlimited)', code: 'FLOW_MAX_VISITS_INVALID', hint: 'write max_visits: 10, or 0 for no limit' },
  'step.timeout': { expected: 'a positive number of seconds or a duration string', code: 'FLOW_TIMEOUT_INVALID', hint: TIMEOUT_HINT },
  'step.retry': { expected: 'an integer number of attempts or a mapping {attempts, initial_delay, backoff_factor}', code: 'FLOW_RETRY_INVALID', hint: RETRY_HINT },
  'retry.attempts': { expected: 'an integer', code: 'FLOW_RETRY_INVALID', hint: RETRY_HINT },
  'retry.initial_delay': { expected: 'a number of seconds >= 0', code: 'FLOW_RETRY_INVALID', hint: RETRY_HINT },
  'retry.backoff_factor': { expected: 'a number >= 0', code: 'FLOW_RETRY_INVALID', hint: RETRY_HINT },
  'step.continue_on_error': { expected: BOOLEAN, hint: 'write continue_on_error: true or false' },
  'step.approval': { expected: BOOLEAN, hint: 'write approval: true or false' },
};

/** The role of a path in the document: "flow.name", "step.retry", "retry.attempts", "env.value", ... */
export function roleOf(path: readonly PointerSegment[]): string {
  if (path.length === 0) return 'document';
  const [first, second] = path;
  if (path.length === 1) return `flow.${String(first)}`;
  if (first === 'env') return 'env.value';
  if (first === 'dotenv') return 'dotenv.item';
  if (first === 'trigger') return `trigger.${String(second)}`;
  if (first !== 'steps') return 'other';
  let index = 1;
  // Walk down /steps/<i>/steps/<j>/... to the deepest step the path is in.
  while (typeof path[index] === 'number' && path[index + 1] === 'steps' && typeof path[index + 2] === 'number') index += 2;
  const rest = path.slice(index + 1);
  if (rest.length === 0) return path.length === index + 1 ? 'step' : 'flow.steps';
  if (rest[0] === 'retry' && rest.length === 2) return `retry.${String(rest[1])}`;
  return rest.length === 1 ? `step.${String(rest[0])}` : 'other';
}

/** The error code for a problem at `path` (field-specific codes for env, trigger, retry, ...). */
export function codeForPath(path: readonly PointerSegment[]): ErrorCode {
  const role = roleOf(path);
  return EXPECTATIONS[role]?.code ?? (role.startsWith('retry.') ? 'FLOW_RETRY_INVALID' : 'FLOW_SCHEMA_INVALID');
}

/** A readable path for messages: steps[0].retry.attempts. */
export function formatPath(path: readonly PointerSegment[]): string {
  if (path.length === 0) return 'the document';
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

/** Convert zod issues to errors: one per JSON Pointer, the message naming the field and what it accepts. */
export function convertSchemaIssues(issues: readonly z.core.$ZodIssue[], root: unknown, locator: Locator): StepyardError[] {
  const errors: StepyardError[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    const instance = formatPointer(path);
    if (seen.has(instance)) continue;
    seen.add(instance);
    errors.push(errorFor(path, instance, valueAt(root, path), locator, stepIdAt(root, path)));
  }
  return errors;
}

function errorFor(path: PointerSegment[], instance: string, actual: unknown, locator: Locator, stepId: string | undefined): StepyardError {
  const role = roleOf(path);
  const expectation = (Object.hasOwn(EXPECTATIONS, role) ? EXPECTATIONS[role] : undefined) ?? { expected: 'a valid value', hint: 'see spec/flow-document.md for the accepted values' };
  const code = codeForPath(path);
  const label = formatPath(path);
  const missing = actual === undefined && path.length > 0;
  const message = missing
    ? `${label} is required: it must be ${expectation.expected}`
    : `${label} must be ${expectation.expected}; got ${describeValue(actual)}`;
  return new StepyardError(code, message, {
    instance,
    stepId,
    location: locator.locate(instance),
    hint: missing ? `add \`${String(path.at(-1))}:\`` : expectation.hint,
  });
}

/** A short description of a loaded YAML value for messages: "the number 5", "a list", "null". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}
