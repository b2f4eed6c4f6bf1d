// The LLM providers llm.generate speaks to: their defaults and their HTTP wire formats (request and response).
import type { JsonValue } from '../flow/types.js';
import { toStrictSchema } from './llm-schema.js';

/** Provider names, as written in `provider:`. */
export const LLM_PROVIDERS = ['openai', 'anthropic', 'ollama', 'openai-compatible'] as const;

/** A provider name. */
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

/** What distinguishes one provider. */
export interface LlmProvider {
  label: string;
  /** Run-environment variables holding the API key, in order. */
  keyEnv: readonly string[];
  /** The key used when none is given (Ollama needs none). */
  defaultKey: string | null;
  /** Default base URL; null means `base_url` is required. */
  baseUrl: string | null;
  wire: 'openai' | 'anthropic';
  /** The request field for the output token limit (OpenAI itself deprecated max_tokens). */
  tokenField: 'max_tokens' | 'max_completion_tokens';
}

/** The provider table. spec: nodes.llm-generate */
export const PROVIDERS: Readonly<Record<LlmProviderName, LlmProvider>> = {
  openai: { label: 'OpenAI', keyEnv: ['OPENAI_API_KEY'], defaultKey: null, baseUrl: 'https://api.openai.com/v1', wire: 'openai', tokenField: 'max_completion_tokens' },
  anthropic: { label: 'Anthropic', keyEnv: ['ANTHROPIC_API_KEY'], defaultKey: null, baseUrl: 'https://api.anthropic.com/v1', wire: 'anthropic', tokenField: 'max_tokens' },
  ollama: { label: 'Ollama', keyEnv: [], defaultKey: 'ollama', baseUrl: 'http://localhost:11434/v1', wire: 'openai', tokenField: 'max_tokens' },
  'openai-compatible': { label: 'OpenAI-compatible', keyEnv: ['OPENAI_API_KEY'], defaultKey: null, baseUrl: null, wire: 'openai', tokenField: 'max_tokens' },
};

/** The Anthropic API version sent in `anthropic-version`. */
export const ANTHROPIC_VERSION = '2023-06-01';

/** One generation request, provider-neutral. */
export interface LlmCall {
  provider: LlmProvider;
  baseUrl: string;
  apiKey: string;
  model: string;
  prompt: string;
  systemPrompt: string | null;
  maxTokens: number;
  temperature: number | null;
  schema: Record<string, unknown> | null;
  schemaName: string;
}

/** An HTTP request ready to send. */
export interface WireRequest {
  url: string;
  headers: Record<string, string>;
  body: Record<string, JsonValue>;
}

/** Token counts, null when the provider did not report them. */
export interface LlmUsage {
  input_tokens: number | null;
  output_tokens: number | null;
  total_tokens: number | null;
}

/** What a provider answered: text (or, for Anthropic structured output, the tool input) and usage. */
export type WireAnswer = { kind: 'text'; text: string; usage: LlmUsage } | { kind: 'structured'; value: unknown; usage: LlmUsage };

/** Build the HTTP request for a call. */
export function buildWireRequest(call: LlmCall): WireRequest {
  return call.provider.wire === 'anthropic' ? buildAnthropicRequest(call) : buildOpenAiRequest(call);
}

function buildOpenAiRequest(call: LlmCall): WireRequest {
  const messages: JsonValue[] = [];
  if (call.systemPrompt !== null) messages.push({ role: 'system', content: call.systemPrompt });
  messages.push({ role: 'user', content: call.prompt });
  const body: Record<string, JsonValue> = { model: call.model, messages, [call.provider.tokenField]: call.maxTokens };
  if (call.temperature !== null) body.temperature = call.temperature;
  if (call.schema !== null) {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: call.schemaName, schema: toStrictSchema(call.schema) as Record<string, JsonValue>, strict: true },
    };
  }
  return {
    url: `${call.baseUrl}/chat/completions`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${call.apiKey}` },
    body,
  };
}

function buildAnthropicRequest(call: LlmCall): WireRequest {
  const body: Record<string, JsonValue> = {
    model: call.model,
    max_tokens: call.maxTokens,
    messages: [{ role: 'user', content: call.prompt }],
  };
  if (call.systemPrompt !== null) body.system = call.systemPrompt;
  if (call.temperature !== null) body.temperature = call.temperature;
  if (call.schema !== null) {
    body.tools = [
      {
        name: call.schemaName,
        description: 'Return structured output matching the requested schema.',
        input_schema: call.schema as Record<string, JsonValue>,
      },
    ];
    body.tool_choice = { type: 'tool', name: call.schemaName };
  }
  return {
    url: `${call.baseUrl}/messages`,
    headers: { 'Content-Type': 'application/json', 'x-api-key': call.apiKey, 'anthropic-version': ANTHROPIC_VERSION },
    body,
  };
}

/** Thrown when a provider's (successful) response lacks what the call needs. */
export class WireFormatError extends Error {}

/** Read a provider's JSON response. Throws WireFormatError when it lacks the answer. */
export function parseWireResponse(call: LlmCall, response: unknown): WireAnswer {
  const data = isRecord(response) ? response : {};
  return call.provider.wire === 'anthropic' ? parseAnthropic(call, data) : parseOpenAi(data);
}

function parseOpenAi(data: Record<string, unknown>): WireAnswer {
  const choice = Array.isArray(data.choices) ? (data.choices[0] as unknown) : undefined;
  const message = isRecord(choice) && isRecord(choice.message) ? choice.message : null;
  if (message === null || typeof message.content !== 'string') {
    const refusal = message !== null && typeof message.refusal === 'string' ? ` (refusal: ${message.refusal})` : '';
    throw new WireFormatError(`the response has no choices[0].message.content${refusal}`);
  }
  const usage = isRecord(data.usage) ? data.usage : {};
  const input = count(usage.prompt_tokens);
  const output = count(usage.completion_tokens);
  const total = count(usage.total_tokens) ?? (input !== null && output !== null ? input + output : null);
  return { kind: 'text', text: message.content, usage: { input_tokens: input, output_tokens: output, total_tokens: total } };
}

function parseAnthropic(call: LlmCall, data: Record<string, unknown>): WireAnswer {
  const blocks = Array.isArray(data.content) ? data.content.filter(isRecord) : [];
  const usageData = isRecord(data.usage) ? data.usage : {};
  const input = count(usageData.input_tokens);
  const output = count(usageData.output_tokens);
  const usage = { input_tokens: input, output_tokens: output, total_tokens: input !== null && output !== null ? input + output : null };
  if (call.schema !== null) {
    const tool = blocks.find((block) => block.type === 'tool_use' && block.name === call.schemaName);
    if (tool === undefined) throw new WireFormatError(`the response has no structured tool output (stop_reason=${String(data.stop_reason ?? null)})`);
    return { kind: 'structured', value: tool.input, usage };
  }
  const text = blocks.find((block) => block.type === 'text' && typeof block.text === 'string');
  if (text === undefined) throw new WireFormatError('the response has no text content');
  return { kind: 'text', text: text.text as string, usage };
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
