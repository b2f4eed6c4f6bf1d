// Structured output of llm.generate: the JSON Schema subset a flow may give, the strict form sent to OpenAI-style
// providers, and the check (plus normalization) of what the model answered. spec: nodes.llm-generate
import type { JsonValue } from '../flow/types.js';

type Schema = Record<string, unknown>;

const ALLOWED_KEYWORDS = new Set(['type', 'properties', 'required', 'items', 'enum', 'description', 'title', '$defs', '$ref', 'additionalProperties']);
const TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object']);

/** Thrown for a schema outside the subset, or an answer that does not match the schema. */
export class SchemaSubsetError extends Error {}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Check a structured-output schema: a top-level `type: object` with at least one property; only the keywords
 * type, properties, required, items, enum, description, title, $defs, $ref, additionalProperties; types
 * string, integer, number, boolean, array (with `items`), object; non-empty enums; $ref to `#/$defs/<name>`.
 * Throws SchemaSubsetError listing every problem.
 */
export function checkSchemaSubset(schema: Schema): void {
  const problems: string[] = [];
  if (schema.type !== 'object' || !isSchema(schema.properties) || Object.keys(schema.properties).length === 0) {
    problems.push('the top level must be {type: object} with at least one property');
  }
  const defs = isSchema(schema.$defs) ? schema.$defs : {};
  walk(schema, '', defs, problems);
  if (problems.length > 0) throw new SchemaSubsetError(`unsupported structured-output schema: ${problems.join('; ')}`);
}

function walk(node: unknown, at: string, defs: Schema, problems: string[]): void {
  const where = at === '' ? '/' : at;
  if (!isSchema(node)) {
    problems.push(`${where}: a schema must be a mapping`);
    return;
  }
  const unknown = Object.keys(node).filter((key) => !ALLOWED_KEYWORDS.has(key));
  if (unknown.length > 0) problems.push(`${where}: unsupported keyword(s) ${unknown.join(', ')}`);
  if (node.$ref !== undefined) {
    const match = typeof node.$ref === 'string' ? /^#\/\$defs\/(.+)$/.exec(node.$ref) : null;
    if (match === null || !Object.hasOwn(defs, match[1] as string)) problems.push(`${where}: $ref must name an entry of $defs`);
  } else if (node.type === undefined) {
    if (node.enum === undefined) problems.push(`${where}: type is required`);
  } else if (typeof node.type !== 'string' || !TYPES.has(node.type)) {
    problems.push(`${where}: type must be one of ${[...TYPES].join(', ')}`);
  }
  if (node.enum !== undefined && (!Array.isArray(node.enum) || node.enum.length === 0)) problems.push(`${where}: enum must be a non-empty list`);
  if (node.type === 'array') {
    if (!isSchema(node.items)) problems.push(`${where}: an array needs an items schema`);
    else walk(node.items, `${at}/items`, defs, problems);
  }
  if (node.properties !== undefined) {
    if (!isSchema(node.properties)) problems.push(`${where}: properties must be a mapping`);
    else for (const [name, child] of Object.entries(node.properties)) walk(child, `${at}/properties/${name}`, defs, problems);
  }
  if (node.required !== undefined && (!Array.isArray(node.required) || node.required.some((name) => typeof name !== 'string'))) {
    problems.push(`${where}: required must be a list of names`);
  }
  if (isSchema(node.additionalProperties)) walk(node.additionalProperties, `${at}/additionalProperties`, defs, problems);
  if (at === '' && node.$defs !== undefined) {
    if (!isSchema(node.$defs)) problems.push(`${where}: $defs must be a mapping`);
    else for (const [name, child] of Object.entries(node.$defs)) walk(child, `/$defs/${name}`, defs, problems);
  }
}

/**
 * The schema in the strict form OpenAI-style structured outputs require: every object lists all its
 * properties as required and allows no others; a property the flow did not require may be null instead.
 */
export function toStrictSchema(schema: Schema): Schema {
  const convert = (node: Schema): Schema => {
    const out: Schema = { ...node };
    if (isSchema(node.items)) out.items = convert(node.items);
    if (isSchema(node.$defs)) out.$defs = Object.fromEntries(Object.entries(node.$defs).map(([k, v]) => [k, isSchema(v) ? convert(v) : v]));
    if (isSchema(node.properties)) {
      const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
      const properties: Schema = {};
      for (const [name, child] of Object.entries(node.properties)) {
        const converted = isSchema(child) ? convert(child) : child;
        properties[name] = required.has(name) || !isSchema(converted) ? converted : nullable(converted);
      }
      out.properties = properties;
      out.required = Object.keys(properties);
      out.additionalProperties = false;
    }
    return out;
  };
  return convert(schema);
}

function nullable(node: Schema): Schema {
  if (typeof node.type === 'string') {
    const out: Schema = { ...node, type: [node.type, 'null'] };
    if (Array.isArray(node.enum)) out.enum = [...(node.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [node, { type: 'null' }] };
}

/**
 * Check a model's answer against the schema and normalize it the way the original re-serialized it: every
 * declared property present (a missing optional one as null), undeclared properties dropped unless the
 * schema allows them. Throws SchemaSubsetError naming the first mismatch.
 */
export function conformToSchema(schema: Schema, value: unknown): JsonValue {
  const defs = isSchema(schema.$defs) ? schema.$defs : {};
  return conform(schema, value, '', defs);
}

function conform(node: Schema, value: unknown, at: string, defs: Schema): JsonValue {
  const where = at === '' ? 'the answer' : at;
  if (typeof node.$ref === 'string') return conform(defs[node.$ref.replace('#/$defs/', '')] as Schema, value, at, defs);
  if (Array.isArray(node.enum) && !node.enum.some((option) => option === value)) {
    throw new SchemaSubsetError(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(node.enum)}`);
  }
  switch (node.type) {
    case 'string':
      if (typeof value !== 'string') throw mismatch(where, 'a string', value);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(where, 'an integer', value);
      return value;
    case 'number':
      if (typeof value !== 'number') throw mismatch(where, 'a number', value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(where, 'a boolean', value);
      return value;
    case 'array':
      if (!Array.isArray(value)) throw mismatch(where, 'a list', value);
      return value.map((item, index) => conform(node.items as Schema, item, `${at}/${index}`, defs));
    case 'object':
      return conformObject(node, value, at, defs);
    default:
      return value as JsonValue;
  }
}

function conformObject(node: Schema, value: unknown, at: string, defs: Schema): JsonValue {
  const where = at === '' ? 'the answer' : at;
  if (!isSchema(value)) throw mismatch(where, 'a mapping', value);
  const properties = isSchema(node.properties) ? node.properties : {};
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  const out: Record<string, JsonValue> = {};
  for (const [name, child] of Object.entries(properties)) {
    const present = Object.hasOwn(value, name) ? value[name] : undefined;
    if (present === undefined || (present === null && !required.has(name))) {
      if (required.has(name)) throw new SchemaSubsetError(`${at}/${name}: required property is missing`);
      out[name] = null;
    } else out[name] = conform(child as Schema, present, `${at}/${name}`, defs);
  }
  const extra = node.additionalProperties;
  if (extra === true || isSchema(extra)) {
    for (const [name, item] of Object.entries(value)) {
      if (!Object.hasOwn(properties, name)) out[name] = isSchema(extra) ? conform(extra, item, `${at}/${name}`, defs) : (item as JsonValue);
    }
  }
  return out;
}

function mismatch(where: string, expected: string, value: unknown): SchemaSubsetError {
  return new SchemaSubsetError(`${where}: expected ${expected}, got ${JSON.stringify(value) ?? 'nothing'}`);
}

/** The text of a structured answer without surrounding ``` or ```json fences. */
export function stripCodeFences(text: string): string {
  const trimmed = text.trim();
  const match = /^```[a-zA-Z0-9_-]*[ \t]*\r?\n?([\s\S]*?)\r?\n?```$/.exec(trimmed);
  return match === null ? trimmed : (match[1] ?? '').trim();
}
