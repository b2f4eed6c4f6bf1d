// YAML text → one document's value, with the original's dialect (PyYAML safe_load, YAML 1.1) and
// positions kept for messages. spec: flow.yaml
import { isCollection, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type YAMLError } from 'yaml';
import type { SourceLocation } from '../errors/stepyard-error.js';
import { StepyardError } from '../errors/stepyard-error.js';
import { createLocator, type Locator } from './locate.js';
import { selectPyYamlTags } from './yaml-tags.js';

/** The outcome of parsing: the loaded value (when it could be built) and every YAML problem. */
export interface ParsedYaml {
  /** The loaded value; undefined when the YAML is too broken to load. */
  value: unknown;
  errors: StepyardError[];
  locator: Locator;
  /** Whether the document exists (false for text that is not YAML at all). */
  hasDocument: boolean;
}

/** Aliases may expand at most this many times (protects against "billion laughs" documents). */
const MAX_ALIAS_COUNT = 1000;

/** Parse flow YAML text. Duplicate keys are reported but still let the value load (the last one wins). */
export function parseFlowYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, {
    version: '1.1',
    customTags: selectPyYamlTags,
    resolveKnownTags: false,
    uniqueKeys: true,
    merge: true,
    prettyErrors: false,
    logLevel: 'silent',
    lineCounter,
  });
  const list: Document.Parsed[] = Array.isArray(documents) ? documents : [];
  const first = list[0] ?? null;
  const locator = createLocator(first, lineCounter, file, text);
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const errors: StepyardError[] = [];
  if (list.length > 1) {
    errors.push(
      new StepyardError('FLOW_YAML_MULTIPLE_DOCUMENTS', `the file holds ${list.length} YAML documents; a flow file holds exactly one`, {
        instance: '',
        location: position((list[1] as Document.Parsed).range[0]),
        hint: 'remove the `---` separator and what follows, or split the documents into separate files',
      }),
    );
  }
  if (first === null) return { value: null, errors, locator, hasDocument: false };
  errors.push(...convertYamlProblems(first, position, locator), ...checkKeys(first, position));
  if (errors.some((error) => error.code !== 'FLOW_YAML_DUPLICATE_KEY')) return { value: undefined, errors, locator, hasDocument: true };
  try {
    const value: unknown = first.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    if (isCyclic(value)) throw new Error('an alias refers to a node that contains it (a recursive structure)');
    return { value, errors, locator, hasDocument: true };
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    errors.unshift(
      new StepyardError('FLOW_YAML_SYNTAX', `the YAML cannot be loaded: ${detail}`, {
        instance: '',
        location: position(0),
        hint: 'check anchors (&name), aliases (*name) and merge keys (<<)',
        cause,
      }),
    );
    return { value: undefined, errors, locator, hasDocument: true };
  }
}

function convertYamlProblems(document: Document.Parsed, position: (offset: number) => SourceLocation, locator: Locator): StepyardError[] {
  // Unresolved tags are only warnings for the yaml package; PyYAML's safe_load refuses them.
  const problems: YAMLError[] = [...document.errors, ...document.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED')];
  return problems.map((problem) => {
    const location = position(problem.pos[0]);
    const message = problem.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? problem.message;
    if (problem.code !== 'DUPLICATE_KEY') return new StepyardError('FLOW_YAML_SYNTAX', message, { instance: '', location, hint: hintFor(problem) });
    // The later key is the one that wins when loading, so the pointer names it.
    const instance = locator.pointerAt(location.line, location.column) ?? '';
    const key = instance.split('/').at(-1)?.replaceAll('~1', '/').replaceAll('~0', '~') ?? '';
    return new StepyardError('FLOW_YAML_DUPLICATE_KEY', `duplicate key '${key}' in a mapping`, { instance, location, hint: hintFor(problem) });
  });
}

// PyYAML refuses list or mapping keys ("found unhashable key"); JS objects would turn them into text.
// A plain walk over mappings and sequences (yaml's generic visit() costs ~10 ms on a 1,000-step flow); the
// value of a pair whose key is not a plain value is not entered, as before.
function checkKeys(document: Document.Parsed, position: (offset: number) => SourceLocation): StepyardError[] {
  const errors: StepyardError[] = [];
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isCollection(pair.key)) {
          errors.push(
            new StepyardError('FLOW_YAML_SYNTAX', 'a mapping key is a list or a mapping; keys must be plain values', {
              instance: '',
              location: position(pair.key.range?.[0] ?? 0),
              hint: 'write keys as plain words, e.g. `name:`',
            }),
          );
        }
        if (isScalar(pair.key) || pair.key === null) walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(document.contents);
  return errors;
}

function isCyclic(value: unknown, ancestors = new Set<unknown>()): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (ancestors.has(value)) return true;
  ancestors.add(value);
  const children = Array.isArray(value) ? value : Object.values(value);
  const cyclic = children.some((child) => isCyclic(child, ancestors));
  ancestors.delete(value);
  return cyclic;
}

function hintFor(problem: YAMLError): string {
  if (problem.code === 'DUPLICATE_KEY') return 'each key may appear once per mapping; remove or rename one of them';
  if (problem.code === 'TAG_RESOLVE_FAILED') return 'remove the !tag; flows use plain YAML values';
  if (problem.code === 'TAB_AS_INDENT') return 'indent with spaces, not tabs';
  return 'check indentation and quoting on this line; quote values that contain ": " or start with special characters';
}
