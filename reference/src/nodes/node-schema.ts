// JSON Schemas of nodes (input as a flow writes it, output as the node returns it), and the field table of
// `stepyard tools show`. spec: nodes.catalogue
import { z } from 'zod';
import type { JsonValue } from '../flow/types.js';
import type { NodeDefinition } from './types.js';

/** A JSON Schema object. */
export type JsonSchema = Record<string, JsonValue>;

/** Where a node comes from. */
export type NodeOrigin = 'built-in' | 'plugin';

/** The published schema document of one node (spec/schemas/nodes/<name>.json). */
export interface NodeSchemaDocument {
  $schema: string;
  $id: string;
  title: string;
  description: string;
  $defs: { input: JsonSchema; output: JsonSchema };
}

/** One input of a node, as `stepyard tools show` lists it. */
export interface NodeInputField {
  name: string;
  type: string;
  required: boolean;
  /** Absent when the input has no default. */
  default?: JsonValue;
  description: string;
}

/** The JSON Schema of what a flow may write in `with:` (lax forms included). */
export function buildInputSchema(definition: NodeDefinition): JsonSchema {
  return strip(z.toJSONSchema(definition.input, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema);
}

/** The JSON Schema of a successful output ({} when the node declares none). */
export function buildOutputSchema(definition: NodeDefinition): JsonSchema {
  if (definition.output === undefined) return {};
  return strip(z.toJSONSchema(definition.output, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema);
}

/** The document checked in as spec/schemas/nodes/<name>.json. */
export function buildNodeSchemaDocument(definition: NodeDefinition): NodeSchemaDocument {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://stepyard.dev/schemas/nodes/${definition.name}.json`,
    title: definition.name,
    description: definition.description,
    $defs: { input: buildInputSchema(definition), output: buildOutputSchema(definition) },
  };
}

/** The inputs of a node in declaration order: name, type, required, default, description. */
export function listInputFields(definition: NodeDefinition): NodeInputField[] {
  const schema = buildInputSchema(definition);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    type: describeSchemaType(property),
    required: required.has(name),
    ...(property.default === undefined ? {} : { default: property.default }),
    description: typeof property.description === 'string' ? property.description : '',
  }));
}

/** A short type for people: string, integer, boolean, mapping of string, list of any, a|b, string|null ... */
export function describeSchemaType(schema: JsonSchema): string {
  if (typeof schema['x-lax'] === 'string') return schema['x-lax'];
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join('|');
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(union)) {
    const nullable = union.some((branch) => branch.type === 'null');
    const parts = [...new Set(union.filter((branch) => branch.type !== 'null').map(describeSchemaType))].join(' or ');
    return nullable ? `${parts === '' ? 'null' : `${parts} or null`}` : parts;
  }
  switch (schema.type) {
    case 'object': {
      const values = schema.additionalProperties;
      if (schema.properties === undefined && typeof values === 'object' && values !== null && !Array.isArray(values)) {
        return `mapping of ${describeSchemaType(values).replace(/ or /g, '|')}`;
      }
      return schema.properties === undefined ? 'mapping' : 'object';
    }
    case 'array':
      return typeof schema.items === 'object' && schema.items !== null && !Array.isArray(schema.items)
        ? `list of ${describeSchemaType(schema.items).replace(/ or /g, '|')}`
        : 'list';
    case undefined:
      return 'any';
    default:
      return Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type);
  }
}

// Drop zod's per-document $schema (the wrapper has one) and the integer bounds zod adds to every .int().
function strip(schema: JsonSchema): JsonSchema {
  const visit = (value: JsonValue): JsonValue => {
    if (Array.isArray(value)) return value.map(visit);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === 'minimum' && item === Number.MIN_SAFE_INTEGER) continue;
      if (key === 'maximum' && item === Number.MAX_SAFE_INTEGER) continue;
      out[key] = visit(item);
    }
    return out;
  };
  const { $schema: _ignored, ...rest } = visit(schema) as JsonSchema;
  return rest;
}
