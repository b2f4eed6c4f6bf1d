// YAML 1.1 scalar resolution exactly as PyYAML's safe_load does it (spec: flow.yaml).
// The `yaml` package's own 1.1 schema differs from PyYAML in several places (y/n are booleans there,
// `1e3` is a float, `08` an int, dates become Date objects), so the scalar tags are replaced here.
import type { ScalarTag, Tags } from 'yaml';

// PyYAML resolver.py, verbatim.
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

/** Resolve a PyYAML int (construct_yaml_int): underscores dropped, 0b/0x/0-octal/base-60. */
export function resolvePyYamlInt(source: string): number {
  let value = source.replaceAll('_', '');
  let sign = 1;
  if (value.startsWith('-')) sign = -1;
  if (value.startsWith('-') || value.startsWith('+')) value = value.slice(1);
  let result: number;
  if (value === '0') result = 0;
  else if (value.startsWith('0b')) result = parseStrictInt(value.slice(2), 2);
  else if (value.startsWith('0x')) result = parseStrictInt(value.slice(2), 16);
  else if (value.startsWith('0')) result = parseStrictInt(value, 8);
  else if (value.includes(':')) result = resolveBase60(value.split(':').map((part) => parseStrictInt(part, 10)));
  else result = parseStrictInt(value, 10);
  return result === 0 ? 0 : sign * result;
}

/** Resolve a PyYAML float (construct_yaml_float): .inf/.nan, base-60, underscores dropped. */
export function resolvePyYamlFloat(source: string): number {
  let value = source.replaceAll('_', '').toLowerCase();
  let sign = 1;
  if (value.startsWith('-')) sign = -1;
  if (value.startsWith('-') || value.startsWith('+')) value = value.slice(1);
  if (value === '.inf') return sign * Infinity;
  if (value === '.nan') return NaN;
  if (value.includes(':')) return sign * resolveBase60(value.split(':').map((part) => parseStrictFloat(part)));
  return sign * parseStrictFloat(value);
}

/** Whether a plain scalar resolves to a float under PyYAML's rules (its text, not its value, decides). */
export function isPyYamlFloatText(source: string): boolean {
  return FLOAT.test(source);
}

function resolveBase60(digits: number[]): number {
  let value = 0;
  let base = 1;
  for (const digit of digits.reverse()) {
    value += digit * base;
    base *= 60;
  }
  return value;
}

// PyYAML raises on texts like `0b_` (nothing left after dropping underscores); so do we.
function parseStrictInt(digits: string, radix: number): number {
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[radix as 2 | 8 | 10 | 16];
  if (!valid.test(digits)) throw new Error(`invalid integer '${digits}'`);
  return Number.parseInt(digits, radix);
}

function parseStrictFloat(text: string): number {
  if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?$/.test(text)) throw new Error(`invalid float '${text}'`);
  return Number(text);
}

const boolTag: ScalarTag = {
  identify: (value) => typeof value === 'boolean',
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test: BOOL,
  resolve: (source) => /^(?:y|Y|t|T|o[nN]|O[nN])/.test(source),
};

const intTag: ScalarTag = {
  identify: (value) => typeof value === 'number' && Number.isInteger(value),
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: INT,
  resolve: (source) => resolvePyYamlInt(source),
};

const floatTag: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:float',
  test: FLOAT,
  resolve: (source) => resolvePyYamlFloat(source),
};

// Decision D-FLOW-2: timestamps stay the strings they were written as.
const timestampTag: ScalarTag = {
  identify: () => false,
  default: true,
  tag: 'tag:yaml.org,2002:timestamp',
  test: TIMESTAMP,
  resolve: (source) => source,
};

const KEPT_TAGS = new Set(['tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:str', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:merge']);

/**
 * The `customTags` option for the `yaml` package: keeps map, seq, str, null and merge from the
 * YAML 1.1 schema and replaces every other scalar tag by PyYAML's. Binary, set, omap and pairs are
 * dropped (decision D-FLOW-3), so an explicit `!!set` is reported as an unresolved tag.
 */
export function selectPyYamlTags(tags: Tags): Tags {
  const kept = tags.filter((tag) => typeof tag === 'object' && KEPT_TAGS.has(tag.tag));
  return [...kept, boolTag, intTag, floatTag, timestampTag];
}
