// llm.generate against a local fake provider speaking the OpenAI and Anthropic HTTP APIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClosedPort, invokeNode, startServer, type TestServer } from './nodes-support.js';

const KEY = 'sk-test-0123456789abcdef';
let provider: TestServer;

// Answers by the user prompt: "fail" → 401 echoing the key, "hang" → no answer, "fenced" → ```json fences, ...
beforeAll(async () => {
  provider = await startServer((req, res, raw) => {
    const body = JSON.parse(raw) as Record<string, any>;
    const anthropic = req.url?.endsWith('/messages') === true;
    const prompt: string = body.messages.at(-1).content;
    const send = (status: number, data: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(typeof data === 'string' ? data : JSON.stringify(data));
    };
    if (prompt === 'hang') return;
    if (prompt === 'fail') return send(401, { error: { message: `Incorrect API key provided: ${KEY}` } });
    if (prompt === 'garbage') return send(200, 'not json at all');
    if (anthropic) {
      const usage = { input_tokens: 11, output_tokens: 7 };
      if (prompt === 'no-tool') return send(200, { content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn', usage });
      if (body.tools !== undefined) return send(200, { content: [{ type: 'tool_use', name: body.tools[0].name, input: { city: 'Oslo', extra: 1 } }], usage });
      return send(200, { content: [{ type: 'text', text: `claude says: ${prompt}` }], usage });
    }
    const answer = (content: string | null, extra: Record<string, unknown> = {}) =>
      send(200, { choices: [{ message: { role: 'assistant', content, ...extra } }], usage: { prompt_tokens: 5, completion_tokens: 3 }, ...extra });
    if (prompt === 'fenced') return answer('```json\n{"city": "Paris", "temp": 21, "junk": true}\n```');
    if (prompt === 'wrong-type') return answer('{"city": 5}');
    if (prompt === 'refuse') return answer(null, { refusal: 'no' });
    if (prompt === 'no-usage') return send(200, { choices: [{ message: { content: 'ok' } }] });
    return answer(`gpt says: ${prompt}`);
  });
});
afterAll(() => provider.close());

const env = { OPENAI_API_KEY: KEY, ANTHROPIC_API_KEY: KEY };
const last = () => provider.requests.at(-1)!;
const WEATHER = { type: 'object', properties: { city: { type: 'string' }, temp: { type: 'integer', description: 'celsius' } }, required: ['city'] };

describe('llm.generate over the OpenAI wire format', () => {
  it('sends a chat completion with the env key and maps the answer and usage', async () => {
    const { result, lines } = await invokeNode(
      'llm.generate',
      { prompt: 'hello', system_prompt: 'be brief', model: 'gpt-4o-mini', base_url: `${provider.url}/v1/` },
      { env },
    );
    expect(result).toEqual({
      status: 'success',
      output: { output: 'gpt says: hello', usage: { input_tokens: 5, output_tokens: 3, total_tokens: 8 }, model: 'gpt-4o-mini', provider: 'openai' },
    });
    expect(last().url).toBe('/v1/chat/completions');
    expect(last().headers.authorization).toBe(`Bearer ${KEY}`);
    expect(last().headers['content-type']).toBe('application/json');
    expect(JSON.parse(last().body)).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hello' },
      ],
      max_completion_tokens: 1024,
    });
    expect(lines).toContainEqual(['info', 'llm.generate usage: input=5 output=3 total=8 (model=gpt-4o-mini provider=openai)']);
    expect(JSON.stringify(lines)).not.toContain(KEY);
  });

  it('openai-compatible sends max_tokens and temperature; api_key input wins over env; defaults apply', async () => {
    const { result } = await invokeNode(
      'llm.generate',
      { prompt: 'p', provider: 'openai-compatible', base_url: provider.url, api_key: 'local-key', temperature: '0.2', max_tokens: '50' },
      { env },
    );
    expect(result).toMatchObject({ status: 'success', output: { model: 'gpt-3.5-turbo', provider: 'openai-compatible' } });
    expect(last().headers.authorization).toBe('Bearer local-key');
    expect(JSON.parse(last().body)).toEqual({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'p' }], max_tokens: 50, temperature: 0.2 });
  });

  it('ollama needs no key', async () => {
    const { result } = await invokeNode('llm.generate', { prompt: 'p', provider: 'ollama', model: 'llama3', base_url: provider.url }, { env: {} });
    expect(result.status).toBe('success');
    expect(last().headers.authorization).toBe('Bearer ollama');
  });

  it('reports missing usage as nulls', async () => {
    const { result } = await invokeNode('llm.generate', { prompt: 'no-usage', base_url: provider.url }, { env });
    expect(result.output).toMatchObject({ usage: { input_tokens: null, output_tokens: null, total_tokens: null } });
  });

  it('structured output: strict json_schema sent; fences stripped; optional missing → null; extras dropped', async () => {
    const { result } = await invokeNode('llm.generate', { prompt: 'fenced', base_url: provider.url, schema: WEATHER, schema_name: 'weather' }, { env });
    expect(result).toMatchObject({ status: 'success', output: { output: { city: 'Paris', temp: 21 } } });
    expect(JSON.parse(last().body).response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'weather',
        strict: true,
        schema: {
          type: 'object',
          properties: { city: { type: 'string' }, temp: { type: ['integer', 'null'], description: 'celsius' } },
          required: ['city', 'temp'],
          additionalProperties: false,
        },
      },
    });
    const again = await invokeNode('llm.generate', { prompt: 'plain', base_url: provider.url, output_schema: WEATHER }, { env });
    expect(again.result).toMatchObject({ status: 'failed', error: { code: 'LLM_RESPONSE_INVALID' } });
  });

  it.each([['wrong-type'], ['garbage'], ['refuse']])('an unusable answer (%s) is LLM_RESPONSE_INVALID', async (prompt) => {
    const { result } = await invokeNode('llm.generate', { prompt, base_url: provider.url, schema: prompt === 'refuse' ? null : WEATHER }, { env });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'LLM_RESPONSE_INVALID' } });
  });
});

describe('llm.generate over the Anthropic wire format', () => {
  it('sends messages with x-api-key and anthropic-version; total usage is the sum', async () => {
    const { result } = await invokeNode(
      'llm.generate',
      { prompt: 'hi', provider: 'anthropic', model: 'claude-x', system_prompt: 'sys', temperature: 0, base_url: `${provider.url}/v1` },
      { env },
    );
    expect(result).toEqual({
      status: 'success',
      output: { output: 'claude says: hi', usage: { input_tokens: 11, output_tokens: 7, total_tokens: 18 }, model: 'claude-x', provider: 'anthropic' },
    });
    expect(last().url).toBe('/v1/messages');
    expect(last().headers['x-api-key']).toBe(KEY);
    expect(last().headers['anthropic-version']).toBe('2023-06-01');
    expect(last().headers.authorization).toBeUndefined();
    expect(JSON.parse(last().body)).toEqual({ model: 'claude-x', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }], system: 'sys', temperature: 0 });
  });

  it('structured output goes through a forced tool; its input is checked and normalized', async () => {
    const { result } = await invokeNode('llm.generate', { prompt: 'w', provider: 'anthropic', base_url: provider.url, schema: WEATHER }, { env });
    expect(result).toMatchObject({ status: 'success', output: { output: { city: 'Oslo', temp: null } } });
    const sent = JSON.parse(last().body);
    expect(sent.tools).toEqual([{ name: 'structured_output', description: 'Return structured output matching the requested schema.', input_schema: WEATHER }]);
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'structured_output' });
    const missing = await invokeNode('llm.generate', { prompt: 'no-tool', provider: 'anthropic', base_url: provider.url, schema: WEATHER }, { env });
    expect(missing.result).toMatchObject({ status: 'failed', error: { code: 'LLM_RESPONSE_INVALID' } });
  });
});

describe('llm.generate failures', () => {
  it('an HTTP error is LLM_PROVIDER_ERROR with the status; the key is removed from the message', async () => {
    const { result } = await invokeNode('llm.generate', { prompt: 'fail', base_url: provider.url }, { env });
    expect(result).toMatchObject({ status: 'failed', error: { code: 'LLM_PROVIDER_ERROR', message: expect.stringContaining('OpenAI API Error (401)') } });
    expect(result.error?.message).not.toContain(KEY);
    expect(result.error?.message).toContain('***');
  });

  it('a provider that never answers is HTTP_TIMEOUT; a closed port HTTP_CONNECTION_FAILED', async () => {
    expect((await invokeNode('llm.generate', { prompt: 'hang', base_url: provider.url, timeout: 0.3 }, { env })).result).toMatchObject({
      error: { code: 'HTTP_TIMEOUT' },
    });
    const port = await findClosedPort();
    expect((await invokeNode('llm.generate', { prompt: 'x', base_url: `http://127.0.0.1:${port}/v1` }, { env })).result).toMatchObject({
      error: { code: 'HTTP_CONNECTION_FAILED' },
    });
  });

  it('a missing key is LLM_API_KEY_MISSING and nothing is sent', async () => {
    const before = provider.requests.length;
    for (const provider of ['openai', 'anthropic', 'openai-compatible']) {
      const { result } = await invokeNode('llm.generate', { prompt: 'x', provider, base_url: 'http://127.0.0.1:9/' }, { env: { OPENAI_API_KEY: '' } });
      expect(result).toMatchObject({ status: 'failed', error: { code: 'LLM_API_KEY_MISSING' } });
    }
    expect(provider.requests.length).toBe(before);
  });

  it('checks in order: provider, schema, key, base URL', async () => {
    expect((await invokeNode('llm.generate', { prompt: 'x', provider: 'gemini' }, { env: {} })).result).toMatchObject({
      error: { code: 'NODE_INPUT_INVALID' },
      field: '/provider',
    });
    expect((await invokeNode('llm.generate', { prompt: 'x', schema: { type: 'object', properties: { a: { type: 'string', format: 'email' } } } }, { env: {} })).result).toMatchObject({
      error: { code: 'NODE_INPUT_INVALID' },
      field: '/schema',
    });
    expect((await invokeNode('llm.generate', { prompt: 'x', provider: 'openai-compatible' }, { env: {} })).result).toMatchObject({
      error: { code: 'LLM_API_KEY_MISSING' },
    });
    expect((await invokeNode('llm.generate', { prompt: 'x', provider: 'openai-compatible' }, { env })).result).toMatchObject({
      error: { code: 'NODE_INPUT_INVALID' },
      field: '/base_url',
    });
  });
});
