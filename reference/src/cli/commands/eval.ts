// spec: cli.eval
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { StepyardError } from '../../errors/stepyard-error.js';
import type { JsonValue } from '../../flow/types.js';
import type { CommandContext, CommandInput } from '../context.js';
import { renderJson } from '../render/json.js';

/** Names every expression sees when the context does not set them. */
const DEFAULT_SCOPE: Record<string, JsonValue> = { steps: {}, vars: {}, env: {}, visits: {}, trigger: { payload: {} } };

/** `stepyard eval EXPR_OR_TEMPLATE [--context FILE_OR_JSON] [--json]`. */
export async function runEval(input: CommandInput, ctx: CommandContext): Promise<number> {
  const source = String(input.args[0]);
  const contextOption = input.options.context;
  const context = typeof contextOption === 'string' ? readContext(contextOption, ctx.cwd) : {};
  const scope = { ...DEFAULT_SCOPE, ...context };
  const value = await evaluate(source, scope);
  if (input.options.json === true) ctx.stdout(renderJson({ ok: true, value }));
  else ctx.stdout(`${JSON.stringify(value, null, 2)}\n`);
  return 0;
}

// Input containing `${{` is a template; anything else is one whole expression.
async function evaluate(source: string, scope: Record<string, JsonValue>): Promise<JsonValue> {
  if (source.includes('${{')) {
    const { resolveTemplates } = await import('../../expressions/template.js');
    return resolveTemplates(source, scope);
  }
  const { evaluateExpression } = await import('../../expressions/evaluate.js');
  return evaluateExpression(source, scope);
}

// A JSON object given inline, or the path of a JSON/YAML file holding one.
function readContext(value: string, cwd: string): Record<string, JsonValue> {
  const trimmed = value.trim();
  let parsed: unknown;
  if (trimmed.startsWith('{')) {
    parsed = parseInline(trimmed);
  } else {
    const path = resolve(cwd, value);
    if (!existsSync(path)) throw usage(`--context: '${value}' is neither a JSON object nor an existing file`);
    parsed = parseFile(path);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw usage('--context must be a JSON object mapping names to values');
  }
  return parsed as Record<string, JsonValue>;
}

function parseInline(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw usage(`--context is not valid JSON: ${(error as Error).message}`);
  }
}

function parseFile(path: string): unknown {
  try {
    const text = readFileSync(path, 'utf8');
    const ext = extname(path).toLowerCase();
    return ext === '.yaml' || ext === '.yml' ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (error) {
    throw usage(`--context file ${path} cannot be read: ${(error as Error).message}`);
  }
}

function usage(message: string): StepyardError {
  return new StepyardError('CLI_USAGE', message, { hint: "pass --context '{\"vars\": {...}}' or a JSON file" });
}
