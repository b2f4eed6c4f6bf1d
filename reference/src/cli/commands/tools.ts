// spec: nodes.tools-command
// `stepyard tools list [--json]` and `stepyard tools show NAME [--json]`: the nodes there are, their inputs and outputs.
import { stringify } from 'yaml';
import { StepyardError } from '../../errors/stepyard-error.js';
import type { JsonValue } from '../../flow/types.js';
import { formatDidYouMean } from '../../flow/suggest.js';
import {
  buildInputSchema,
  buildOutputSchema,
  describeSchemaType,
  listInputFields,
  type JsonSchema,
  type NodeInputField,
  type NodeOrigin,
} from '../../nodes/node-schema.js';
import { createBuiltinRegistry, type NodeRegistry } from '../../nodes/registry.js';
import type { NodeDefinition } from '../../nodes/types.js';
import type { CommandContext, CommandInput } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { renderJson } from '../render/json.js';

/** One node in `tools list --json`. */
export interface ToolSummary {
  name: string;
  origin: NodeOrigin;
  description: string;
  input_schema: JsonSchema;
  output_schema: JsonSchema;
}

/** The node of `tools show --json`. */
export interface ToolDetails extends ToolSummary {
  inputs: NodeInputField[];
  example: { id: string; uses: string; with: Record<string, JsonValue> };
}

/** `stepyard tools ACTION [NAME]`: ACTION is list or show. */
export async function runTools(input: CommandInput, ctx: CommandContext): Promise<number> {
  const action = String(input.args[0]);
  const name = input.args[1] === undefined ? undefined : String(input.args[1]);
  const json = input.options.json === true;
  const registry = createBuiltinRegistry();
  if (action === 'list') {
    if (name !== undefined) throw new StepyardError('CLI_USAGE', `'tools list' takes no name (got '${name}')`, { hint: `stepyard tools show ${name}` });
    const nodes = registry.names().map((node) => summarize(registry.get(node) as NodeDefinition));
    ctx.stdout(json ? renderJson({ ok: true, nodes }) : formatList(nodes));
    return EXIT_CODES.ok;
  }
  if (action === 'show') {
    if (name === undefined) throw new StepyardError('CLI_USAGE', "'tools show' needs a node name", { hint: 'stepyard tools list shows the names' });
    const details = describe(findNode(registry, name));
    ctx.stdout(json ? renderJson({ ok: true, node: details }) : formatDetails(details));
    return EXIT_CODES.ok;
  }
  throw new StepyardError('CLI_USAGE', `unknown tools action '${action}'`, { hint: 'use stepyard tools list or stepyard tools show NAME' });
}

function findNode(registry: NodeRegistry, name: string): NodeDefinition {
  const definition = registry.get(name);
  if (definition !== undefined) return definition;
  throw new StepyardError('NODE_NOT_FOUND', `no node named '${name}'`, {
    hint: formatDidYouMean(name, registry.names()) ?? "run 'stepyard tools list' to see the nodes there are",
  });
}

function summarize(definition: NodeDefinition): ToolSummary {
  return {
    name: definition.name,
    origin: 'built-in',
    description: definition.description,
    input_schema: buildInputSchema(definition),
    output_schema: buildOutputSchema(definition),
  };
}

function describe(definition: NodeDefinition): ToolDetails {
  const fields = listInputFields(definition);
  const example = definition.example ?? Object.fromEntries(fields.filter((field) => field.required).map((field) => [field.name, `<${field.type}>`]));
  return {
    ...summarize(definition),
    inputs: fields,
    example: { id: definition.name.replace(/\./g, '-'), uses: definition.name, with: example },
  };
}

function formatList(nodes: ToolSummary[]): string {
  const width = Math.max(4, ...nodes.map((node) => node.name.length));
  const rows = nodes.map((node) => `${node.name.padEnd(width)}  ${node.origin.padEnd(8)}  ${node.description}`);
  return `${['NODE'.padEnd(width) + '  ORIGIN    DESCRIPTION', ...rows].join('\n')}\n${nodes.length} nodes\n`;
}

function formatDetails(node: ToolDetails): string {
  const lines = [`${node.name} (${node.origin})`, node.description, '', 'Inputs:'];
  if (node.inputs.length === 0) lines.push('  (none)');
  const nameWidth = Math.max(...node.inputs.map((field) => field.name.length), 4);
  const typeWidth = Math.max(...node.inputs.map((field) => field.type.length), 4);
  for (const field of node.inputs) {
    const status = field.required ? 'required' : field.default === undefined ? 'optional' : `default ${JSON.stringify(field.default)}`;
    lines.push(`  ${field.name.padEnd(nameWidth)}  ${field.type.padEnd(typeWidth)}  ${status}${field.description === '' ? '' : ` — ${field.description}`}`);
  }
  lines.push('', 'Output:', ...formatOutput(node.output_schema), '', 'Example:');
  const yaml = stringify([node.example], { lineWidth: 0 }).trimEnd();
  lines.push(...yaml.split('\n').map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

function formatOutput(schema: JsonSchema): string[] {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (schema.type !== 'object' || properties === undefined) {
    const description = typeof schema.description === 'string' ? ` — ${schema.description}` : '';
    return [`  ${describeSchemaType(schema)}${description}`];
  }
  const required = new Set((schema.required ?? []) as string[]);
  const width = Math.max(...Object.keys(properties).map((key) => key.length));
  return Object.entries(properties).map(([key, property]) => {
    const description = typeof property.description === 'string' ? ` — ${property.description}` : '';
    return `  ${(required.has(key) ? key : `${key}?`).padEnd(width + 1)}  ${describeSchemaType(property)}${description}`;
  });
}
