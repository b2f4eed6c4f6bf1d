// The terminal prompt for a waiting input: the question, numbered choices, the default; asks again until the
// answer is valid. Not normative (spec: cli.input describes only what is recorded).
import { isStepyardError } from '../../errors/stepyard-error.js';
import type { JsonValue } from '../../flow/types.js';
import { hasDefault, type HumanInputRequest } from '../../nodes/human-input.js';
import type { CommandContext } from '../context.js';
import type { Answer } from '../commands/decide.js';

/** Turns typed text into an answer, or throws INPUT_VALUE_INVALID. */
export type BuildAnswer = (request: HumanInputRequest, given: { text: string }) => Answer;

/** How many invalid answers are tolerated before giving up. */
const MAX_TRIES = 5;

/**
 * Ask for the answer of `request` on the terminal. Choices can be picked by number; an empty answer takes the
 * default. Secret answers are read without echo when the terminal allows it.
 */
export async function promptForInput(request: HumanInputRequest, execId: string, ctx: CommandContext, build: BuildAnswer): Promise<Answer> {
  const ask = request.sensitive ? (ctx.promptSecret ?? ctx.prompt) : ctx.prompt;
  if (ask === undefined) throw new Error('no terminal to ask on');
  ctx.stderr(`${formatInputQuestion(request, execId)}\n`);
  for (let tries = 1; ; tries++) {
    const text = pickChoice(request, (await ask(formatInputPrompt(request))).replace(/\r?\n$/, ''));
    try {
      return build(request, { text });
    } catch (error) {
      if (!isStepyardError(error) || tries >= MAX_TRIES) throw error;
      ctx.stderr(`  ${error.message}${error.hint === undefined ? '' : ` (${error.hint})`}\n`);
    }
  }
}

/** The lines shown before the prompt: which step asks, and the numbered choices. */
export function formatInputQuestion(request: HumanInputRequest, execId: string): string {
  const lines = [`? ${execId} asks for ${request.type === 'string' ? 'input' : `${request.type === 'integer' ? 'an' : 'a'} ${request.type}`}${request.sensitive ? ' (hidden)' : ''}`];
  if (request.choices !== null && request.choices.length > 0) {
    request.choices.forEach((choice, index) => lines.push(`  ${index + 1}) ${String(choice)}`));
  }
  return lines.join('\n');
}

/** The prompt itself: `Prompt [default]: `. */
export function formatInputPrompt(request: HumanInputRequest): string {
  const fallback = hasDefault(request) ? ` [${request.sensitive ? '***' : display(request.default ?? null)}]` : '';
  return `${request.prompt}${fallback}: `;
}

// A number from 1 to n picks a choice, unless the typed text is itself one of the choices.
function pickChoice(request: HumanInputRequest, text: string): string {
  const choices = request.choices;
  if (choices === null || choices.length === 0 || choices.some((choice) => String(choice) === text)) return text;
  if (!/^\d+$/.test(text.trim())) return text;
  const picked = choices[Number(text.trim()) - 1];
  return picked === undefined ? text : String(picked);
}

function display(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
