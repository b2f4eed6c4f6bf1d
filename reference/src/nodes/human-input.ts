// human.input: ask a person for a value. The run suspends (waiting_for_input) until `stepyard input` (or the
// interactive prompt of `stepyard run`/`stepyard approvals`) answers; answers are typed and validated here,
// and the CLI checks them with the same functions before it records them. spec: exec.input
import { z } from 'zod';
import type { JsonValue } from '../flow/types.js';
import { laxBoolean } from './lax.js';
import { defineNode, fail, succeed, type NodeContext, type NodeResult } from './types.js';

/** The types an answer can be declared with (`type:`); `string` by default. */
export const HUMAN_INPUT_TYPES = ['string', 'number', 'integer', 'boolean', 'json'] as const;
/** A declared answer type. */
export type HumanInputType = (typeof HUMAN_INPUT_TYPES)[number];

/** Environment variables answering an input before the run reaches it: `STEPYARD_HUMAN_INPUT_<SAFE_ID>`. */
export const HUMAN_INPUT_ENV_PREFIX = 'STEPYARD_HUMAN_INPUT_';
/** Set to `1` in the run environment: every input without a pre-set answer suspends, defaults included. */
export const RUNTIME_INPUT_ENV = 'STEPYARD_RUNTIME_HUMAN_INPUT';

/** What an input asks, as stored in the waiting step's `wait.data` (secret defaults masked by the engine). */
export interface HumanInputRequest {
  prompt: string;
  type: HumanInputType;
  choices: JsonValue[] | null;
  /** Absent when the step has no default. */
  default?: JsonValue;
  required: boolean;
  /** Whether the answer is secret (hidden when typed, never stored in clear). Not named `secret`: that key is masked. */
  sensitive: boolean;
}

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

const HumanInputInput = z.object({
  prompt: z.string().describe('the question shown to the person'),
  default: z.unknown().optional().describe('used when the answer is empty (and, without a terminal, when there is no answer)'),
  required: laxBoolean().prefault(true).describe('an empty answer without a default is refused'),
  secret: laxBoolean().prefault(false).describe('hide the answer while typed; never store it in clear'),
  choices: z.array(Scalar).nullable().prefault(null).describe('the allowed answers'),
  type: z.enum(HUMAN_INPUT_TYPES).prefault('string').describe('how the answer is typed: string, number, integer, boolean or json'),
});

/** The outcome of checking an answer. */
export type AnswerCheck = { ok: true; value: JsonValue } | { ok: false; message: string };

/** The request of a step's resolved inputs. */
export function toHumanInputRequest(input: z.output<typeof HumanInputInput>): HumanInputRequest {
  const request: HumanInputRequest = {
    prompt: input.prompt,
    type: input.type,
    choices: input.choices,
    required: input.required,
    sensitive: input.secret,
  };
  if (input.default !== undefined && input.default !== null) request.default = input.default as JsonValue;
  return request;
}

/** Whether the request has a non-empty default. */
export function hasDefault(request: Pick<HumanInputRequest, 'default'>): boolean {
  return request.default !== undefined && request.default !== null && request.default !== '';
}

/**
 * Check an answer typed as text (a prompt, `--value`, an env variable): empty → the default (itself read as
 * text when it is a string), then converted to the declared type, then checked against `choices`.
 */
// spec: exec.input
export function parseAnswerText(request: HumanInputRequest, text: string): AnswerCheck {
  if (text === '') return answerEmpty(request);
  const converted = convertText(request.type, text);
  return converted.ok ? checkChoices(request, converted.value) : converted;
}

/** Check an answer given as a JSON value (`--json-value`, a recorded decision): it must already have the declared type. */
// spec: exec.input
export function checkAnswerValue(request: HumanInputRequest, value: JsonValue): AnswerCheck {
  if (value === null || value === '') return answerEmpty(request);
  if (!hasType(request.type, value)) return { ok: false, message: `human.input expected ${article(request.type)}, got ${JSON.stringify(value)}` };
  return checkChoices(request, value);
}

/** No answer: the default when there is one, else an error when required, else the type's empty value. */
export function answerEmpty(request: HumanInputRequest): AnswerCheck {
  if (hasDefault(request)) {
    const fallback = request.default as JsonValue;
    const converted = typeof fallback === 'string' ? convertText(request.type, fallback) : hasType(request.type, fallback) ? { ok: true as const, value: fallback } : { ok: false as const, message: `the default ${JSON.stringify(fallback)} is not ${article(request.type)}` };
    return converted.ok ? checkChoices(request, converted.value) : converted;
  }
  if (request.required) return { ok: false, message: 'human.input received an empty value.' };
  return { ok: true, value: request.type === 'string' ? '' : null };
}

/** The env variable names that may pre-answer an execution: its id, without `#n`, then without `[k]`. */
export function answerEnvNames(execId: string): string[] {
  const ids = [execId, execId.replace(/#\d+/g, ''), execId.replace(/#\d+/g, '').replace(/\[\d+\]/g, '')];
  return [...new Set(ids.map((id) => `${HUMAN_INPUT_ENV_PREFIX}${id.replace(/[^A-Za-z0-9_]+/g, '_').toUpperCase()}`))];
}

/**
 * human.input: the answer of a resumed execution, else a pre-set env answer, else (no terminal in the run
 * process) the default when there is one, `""`/null when not required, and otherwise suspend for input.
 * With STEPYARD_RUNTIME_HUMAN_INPUT=1 (an interactive `stepyard run`) it always suspends, so the person sees
 * the default and may change it.
 */
// spec: exec.input
export const humanInputNode = defineNode({
  name: 'human.input',
  description: 'Ask a person for a value; the run waits for input until it is given.',
  input: HumanInputInput,
  output: z.unknown().describe('the answer, typed as `type` says (a string by default)'),
  example: { prompt: 'Server size', type: 'string', choices: ['small', 'medium', 'large'], default: 'small' },
  async run(input, context) {
    const request = toHumanInputRequest(input);
    const resume = context.resume;
    if (resume?.decision === 'answered' && resume.value !== undefined) return finish(checkAnswerValue(request, resume.value));
    if (resume?.decision === 'answered') return hasDefault(request) || !request.required ? finish(answerEmpty(request)) : suspend(request);
    const preset = readPresetAnswer(context);
    if (preset !== undefined) return finish(parseAnswerText(request, preset));
    if (context.env[RUNTIME_INPUT_ENV] === '1') return suspend(request);
    if (hasDefault(request) || !request.required) return finish(answerEmpty(request));
    return suspend(request);
  },
});

function readPresetAnswer(context: NodeContext): string | undefined {
  for (const name of answerEnvNames(context.execId)) {
    const value = context.env[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

// The default of a secret input is not shown or stored: only that there is one.
function suspend(request: HumanInputRequest): NodeResult {
  const data: HumanInputRequest = request.sensitive && hasDefault(request) ? { ...request, default: MASKED_DEFAULT } : request;
  return { status: 'suspended', output: null, suspension: { reason: 'input_required', data: data as unknown as JsonValue } };
}

/** What `wait.data.default` holds for a secret input that has a default. */
export const MASKED_DEFAULT = '***';

function finish(check: AnswerCheck): NodeResult {
  return check.ok ? succeed(check.value) : fail('INPUT_VALUE_INVALID', check.message);
}

const NUMBER_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const TRUE_WORDS = ['true', 'yes', 'y', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'n', 'off', '0'];

function convertText(type: HumanInputType, text: string): AnswerCheck {
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'number':
      return NUMBER_TEXT.test(text) ? { ok: true, value: Number(text.trim()) } : { ok: false, message: `human.input expected a number, got '${text}'` };
    case 'integer': {
      const value = Number.parseInt(text.trim(), 10);
      return INTEGER_TEXT.test(text) && Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, message: `human.input expected an integer, got '${text}'` };
    }
    case 'boolean': {
      const word = text.trim().toLowerCase();
      if (TRUE_WORDS.includes(word)) return { ok: true, value: true };
      if (FALSE_WORDS.includes(word)) return { ok: true, value: false };
      return { ok: false, message: `human.input expected a boolean (yes/no, true/false), got '${text}'` };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as JsonValue };
      } catch {
        return { ok: false, message: `human.input expected JSON, got '${text}'` };
      }
  }
}

function hasType(type: HumanInputType, value: JsonValue): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'json':
      return true;
  }
}

// spec: exec.input — choices are compared after typing them like the answer.
function checkChoices(request: HumanInputRequest, value: JsonValue): AnswerCheck {
  if (request.choices === null || request.choices.length === 0) return { ok: true, value };
  const typed = request.choices.map((choice) => (typeof choice === 'string' ? convertText(request.type, choice) : { ok: true as const, value: choice }));
  const key = JSON.stringify(value);
  if (typed.some((choice) => choice.ok && JSON.stringify(choice.value) === key)) return { ok: true, value };
  return { ok: false, message: `human.input expected one of: ${request.choices.map(String).join(', ')}` };
}

function article(type: HumanInputType): string {
  return type === 'integer' ? 'an integer' : type === 'json' ? 'a JSON value' : `a ${type}`;
}
