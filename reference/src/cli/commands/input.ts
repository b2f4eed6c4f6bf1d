// spec: cli.input
// `stepyard input RUN [--step S] (--value V | --json-value JSON)`: answer what the run waits for and resume it.
import { StepyardError } from '../../errors/stepyard-error.js';
import type { JsonValue } from '../../flow/types.js';
import {
  HUMAN_INPUT_TYPES,
  checkAnswerValue,
  hasDefault,
  parseAnswerText,
  type AnswerCheck,
  type HumanInputRequest,
  type HumanInputType,
} from '../../nodes/human-input.js';
import type { CommandContext, CommandInput } from '../context.js';
import { promptForInput } from '../render/prompt-input.js';
import { runDecision, type Answer } from './decide.js';

/** Answer the waiting input of RUN, checked against what it asks, then follow the resumed run like `stepyard run`. */
export async function runInput(input: CommandInput, ctx: CommandContext): Promise<number> {
  const options = input.options;
  const text = typeof options.value === 'string' ? options.value : undefined;
  const jsonText = typeof options.jsonValue === 'string' ? options.jsonValue : undefined;
  if (text !== undefined && jsonText !== undefined) throw new StepyardError('CLI_USAGE', '--value and --json-value cannot be combined', { hint: 'give one answer' });
  const interactive = text === undefined && jsonText === undefined;
  if (interactive && (ctx.prompt === undefined || options.json === true)) {
    throw new StepyardError('CLI_USAGE', 'no answer given', { hint: 'pass --value VALUE (or --json-value JSON)' });
  }
  return runDecision(input, ctx, 'input', async (wait) => {
    const request = toInputRequest(wait.step.wait?.data ?? null);
    if (interactive) return promptForInput(request, wait.step.execId, ctx, buildAnswer);
    if (jsonText !== undefined) return buildAnswer(request, { json: parseJsonOption(jsonText) });
    return buildAnswer(request, { text: text ?? '' });
  });
}

/**
 * The answer to record for an input request, or INPUT_VALUE_INVALID. A secret answer is handed to the run
 * process only; an empty answer to a secret input with a default (or an optional one) leaves the choice to the node.
 */
// spec: exec.input
export function buildAnswer(request: HumanInputRequest, given: { text: string } | { json: JsonValue }): Answer {
  const empty = 'text' in given ? given.text === '' : given.json === null || given.json === '';
  if (request.sensitive && empty && (hasDefault(request) || !request.required)) return {};
  const check: AnswerCheck = request.sensitive && empty
    ? { ok: false, message: 'human.input received an empty value.' }
    : 'text' in given
      ? parseAnswerText(request, given.text)
      : checkAnswerValue(request, given.json);
  if (!check.ok) throw new StepyardError('INPUT_VALUE_INVALID', check.message, { hint: describeExpected(request) });
  return request.sensitive ? { direct: check.value } : { stored: check.value };
}

/** The input request stored on a waiting step (`wait.data`), with safe defaults for nodes that store less. */
export function toInputRequest(data: JsonValue): HumanInputRequest {
  const record = data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {};
  const type = typeof record.type === 'string' && (HUMAN_INPUT_TYPES as readonly string[]).includes(record.type) ? (record.type as HumanInputType) : 'string';
  const request: HumanInputRequest = {
    prompt: typeof record.prompt === 'string' ? record.prompt : 'Input',
    type,
    choices: Array.isArray(record.choices) ? record.choices : null,
    required: record.required !== false,
    sensitive: record.sensitive === true,
  };
  if (record.default !== undefined && record.default !== null) request.default = record.default;
  return request;
}

/** One line saying what an answer must be: its type, the choices, the default. */
export function describeExpected(request: HumanInputRequest): string {
  const parts = [`a ${request.type}`];
  if (request.choices !== null && request.choices.length > 0) parts.push(`one of ${request.choices.map(String).join(', ')}`);
  if (hasDefault(request)) parts.push(`default ${request.sensitive ? '(hidden)' : JSON.stringify(request.default)}`);
  else if (request.required) parts.push('required');
  return `expected ${parts.join('; ')}`;
}

function parseJsonOption(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new StepyardError('CLI_USAGE', `--json-value is not JSON: ${(error as Error).message}`, { hint: `e.g. --json-value '{"size": 3}'` });
  }
}
