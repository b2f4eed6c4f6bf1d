// llm.generate: one prompt to an LLM provider (OpenAI, Anthropic, Ollama, OpenAI-compatible), text or structured.
import { z } from 'zod';
import { isStepyardError } from '../errors/stepyard-error.js';
import type { JsonValue } from '../flow/types.js';
import { sendHttpRequest } from './http-client.js';
import { laxInteger, laxNumber, timeoutSeconds } from './lax.js';
import { buildWireRequest, LLM_PROVIDERS, parseWireResponse, PROVIDERS, WireFormatError, type LlmCall, type LlmUsage } from './llm-providers.js';
import { checkSchemaSubset, conformToSchema, SchemaSubsetError, stripCodeFences } from './llm-schema.js';
import { defineNode, fail, succeed, type NodeContext, type NodeResult } from './types.js';

/** Default request timeout of llm.generate, in seconds (spec: nodes.timeouts). */
export const LLM_DEFAULT_TIMEOUT_S = 60;

/** Provider error bodies are cut to this many characters in messages. */
const MAX_ERROR_BODY = 2000;

const StructuredSchema = z.record(z.string(), z.unknown()).nullable().prefault(null);

const LlmGenerateInput = z.object({
  prompt: z.string().describe('the user message'),
  model: z.string().min(1).prefault('gpt-3.5-turbo').describe('model name as the provider knows it'),
  system_prompt: z.string().nullable().prefault(null).describe('system message'),
  api_key: z.string().nullable().prefault(null).describe('API key; default from OPENAI_API_KEY / ANTHROPIC_API_KEY in the run environment'),
  provider: z.enum(LLM_PROVIDERS).prefault('openai').describe('openai, anthropic, ollama or openai-compatible'),
  base_url: z.string().nullable().prefault(null).describe('API base URL (required for openai-compatible)'),
  max_tokens: laxInteger().pipe(z.number().int().min(1)).prefault(1024).describe('output token limit'),
  temperature: laxNumber().nullable().prefault(null).describe('sampling temperature; omitted from the request when null'),
  timeout: timeoutSeconds(LLM_DEFAULT_TIMEOUT_S),
  schema: StructuredSchema.describe('JSON Schema (subset) of a structured answer; the output is then the parsed object'),
  output_schema: StructuredSchema.describe('another name for schema'),
  schema_name: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'schema_name must be 1-64 letters, digits, _ or -')
    .prefault('structured_output')
    .describe('name of the structured-output schema (or Anthropic tool)'),
});

type LlmGenerateInput = z.output<typeof LlmGenerateInput>;

const Usage = z.object({
  input_tokens: z.number().int().nullable(),
  output_tokens: z.number().int().nullable(),
  total_tokens: z.number().int().nullable(),
});

/**
 * llm.generate: output `{output, usage, model, provider}`; `output` is the answer text, or with a schema the
 * answer checked against it. The API key is never logged or stored (it is removed from any message).
 */
// spec: nodes.llm-generate
export const llmGenerateNode = defineNode({
  name: 'llm.generate',
  description: 'Ask an LLM (OpenAI, Anthropic, Ollama, OpenAI-compatible); text or schema-checked structured output.',
  input: LlmGenerateInput,
  output: z.object({
    output: z.unknown().describe('the answer text, or the structured answer'),
    usage: Usage.describe('token counts (null when the provider reports none)'),
    model: z.string().describe('the requested model'),
    provider: z.string(),
  }),
  example: { provider: 'openai', model: 'gpt-4o-mini', prompt: 'Summarize: ${{ steps.fetch.output.body }}', max_tokens: 300 },
  async run(input, context, signal) {
    const prepared = prepareCall(input, context);
    if (!('call' in prepared)) return prepared;
    const { call } = prepared;
    const scrub = (text: string): string => (call.apiKey.length >= 4 ? text.split(call.apiKey).join('***') : text);
    try {
      return await generate(input, call, context, signal, scrub);
    } catch (error) {
      if (isStepyardError(error)) return fail(error.code, scrub(`llm.generate: ${error.message}`));
      throw error;
    }
  },
});

// Checks in the original's order: provider (input schema), schema subset, API key, base URL.
function prepareCall(input: LlmGenerateInput, context: NodeContext): { call: LlmCall } | NodeResult {
  const provider = PROVIDERS[input.provider];
  const schema = input.schema ?? input.output_schema;
  if (schema !== null) {
    try {
      checkSchemaSubset(schema);
    } catch (error) {
      if (!(error instanceof SchemaSubsetError)) throw error;
      return { ...fail('NODE_INPUT_INVALID', `llm.generate: ${error.message}`), field: input.schema === null ? '/output_schema' : '/schema' };
    }
  }
  const apiKey = nonEmpty(input.api_key) ?? provider.keyEnv.map((name) => nonEmpty(context.env[name])).find((key) => key !== null) ?? provider.defaultKey;
  if (apiKey === null) {
    const names = provider.keyEnv.length === 0 ? 'none' : provider.keyEnv.join(', ');
    return fail('LLM_API_KEY_MISSING', `llm.generate: the API key for provider '${input.provider}' is missing. Set api_key or one of: ${names}.`);
  }
  const baseUrl = nonEmpty(input.base_url) ?? provider.baseUrl;
  if (baseUrl === null) {
    return {
      ...fail('NODE_INPUT_INVALID', `llm.generate: provider '${input.provider}' requires base_url, e.g. http://localhost:8000/v1`),
      field: '/base_url',
    };
  }
  return {
    call: {
      provider,
      baseUrl: baseUrl.replace(/\/+$/, ''),
      apiKey,
      model: input.model,
      prompt: input.prompt,
      systemPrompt: input.system_prompt,
      maxTokens: input.max_tokens,
      temperature: input.temperature,
      schema,
      schemaName: input.schema_name,
    },
  };
}

async function generate(
  input: LlmGenerateInput,
  call: LlmCall,
  context: NodeContext,
  signal: AbortSignal,
  scrub: (text: string) => string,
): Promise<NodeResult> {
  const wire = buildWireRequest(call);
  const response = await sendHttpRequest({
    url: wire.url,
    method: 'POST',
    headers: wire.headers,
    body: Buffer.from(JSON.stringify(wire.body)),
    timeoutMs: input.timeout * 1000,
    signal,
    env: context.env,
    warn: (message) => context.log(message, 'warn'),
  });
  const text = (await response.readAll()).toString('utf8');
  if (response.status >= 400) {
    const shown = text.length > MAX_ERROR_BODY ? `${text.slice(0, MAX_ERROR_BODY)}...` : text;
    return fail('LLM_PROVIDER_ERROR', scrub(`llm.generate: ${call.provider.label} API Error (${response.status}): ${shown}`));
  }
  let output: JsonValue;
  let usage: LlmUsage;
  try {
    const answer = parseWireResponse(call, parseJson(text));
    usage = answer.usage;
    if (call.schema === null) output = answer.kind === 'text' ? answer.text : (answer.value as JsonValue);
    else {
      const value = answer.kind === 'structured' ? answer.value : parseJson(stripCodeFences(answer.text));
      output = conformToSchema(call.schema, value);
    }
  } catch (error) {
    if (error instanceof WireFormatError || error instanceof SchemaSubsetError || error instanceof SyntaxError) {
      return fail('LLM_RESPONSE_INVALID', scrub(`llm.generate: ${call.provider.label} answer cannot be used: ${error.message}`));
    }
    throw error;
  }
  const show = (value: number | null): string => (value === null ? 'None' : String(value));
  context.log(
    `llm.generate usage: input=${show(usage.input_tokens)} output=${show(usage.output_tokens)} total=${show(usage.total_tokens)} (model=${call.model} provider=${input.provider})`,
  );
  return succeed({ output, usage: { ...usage }, model: call.model, provider: input.provider });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SyntaxError(`not valid JSON (${(error as Error).message})`);
  }
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}
