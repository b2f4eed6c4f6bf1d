// JSON Pointer ↔ file:line:column for flow documents, from the YAML AST and its LineCounter.
// spec: flow.validation (every problem carries an instance pointer and a source location)
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { SourceLocation } from '../errors/stepyard-error.js';
import { parsePointer } from './pointer.js';

/** Maps JSON Pointers of a loaded document to source positions and back. Lines/columns are 1-based. */
export interface Locator {
  readonly file: string;
  /**
   * Where the node at `pointer` starts, or its nearest existing ancestor when the pointer names
   * something absent (a missing key points at its parent mapping). With `key: true`, the position of
   * the mapping key instead of its value. Inside an alias, positions are those of the anchored node.
   */
  locate(pointer: string, options?: LocateOptions): SourceLocation;
  /** The deepest JSON Pointer whose node covers line:column, or null outside the document. */
  pointerAt(line: number, column: number): string | null;
  /** The source offset range [start, end) of the node at `pointer`, when it exists. */
  rangeOf(pointer: string): [number, number] | null;
}

/** Options of Locator.locate. */
export interface LocateOptions {
  /** Locate the mapping key rather than its value. */
  key?: boolean;
  /** A 0-based offset inside a string value: located exactly when the scalar is written on one line. */
  offset?: number;
}

type AnyNode = Node | Pair | null | undefined;

/** Build a Locator for a parsed document (null → every pointer maps to line 1, column 1). */
export function createLocator(document: Document | null, lineCounter: LineCounter, file: string, text = ''): Locator {
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  return {
    file,
    locate(pointer, options = {}) {
      if (document === null || document.contents === null) return { file, line: 1, column: 1 };
      const found = walk(document, parsePointer(pointer));
      if (options.key === true && found.keyOffset !== undefined) return position(found.keyOffset);
      const inner = options.offset === undefined || !found.complete ? 0 : innerOffset(text, found, options.offset);
      return position(found.offset + inner);
    },
    pointerAt(line, column) {
      if (document === null || document.contents === null) return null;
      const offset = offsetOf(lineCounter, line, column);
      return findPointer(document, document.contents, offset, '');
    },
    rangeOf(pointer) {
      if (document === null || document.contents === null) return null;
      const found = walk(document, parsePointer(pointer));
      return found.complete && found.range !== null ? found.range : null;
    },
  };
}

interface WalkResult {
  offset: number;
  keyOffset: number | undefined;
  range: [number, number] | null;
  complete: boolean;
  node?: Node | null;
}

// Offset of character `offset` of a string value from the start of its scalar, when that is certain:
// a plain scalar written exactly as its value, or a quoted one without escapes or line breaks.
function innerOffset(text: string, found: WalkResult, offset: number): number {
  const node = found.node;
  if (node === null || node === undefined || !isScalar(node) || typeof node.value !== 'string' || found.range === null) return 0;
  const written = text.slice(found.range[0], found.range[1]);
  if (written === node.value) return offset;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted && written.slice(1, -1) === node.value ? offset + 1 : 0;
}

// Descend segment by segment; stop at the deepest node that exists.
function walk(document: Document, segments: readonly string[]): WalkResult {
  let node: Node = document.contents as Node;
  let result: WalkResult = { offset: startOf(node) ?? 0, keyOffset: undefined, range: rangeOfNode(node), complete: true, node };
  for (const [index, segment] of segments.entries()) {
    const child = childOf(document, node, segment);
    if (child === null) return { ...result, keyOffset: undefined, complete: false };
    const keyStart = child.key === null ? undefined : startOf(child.key);
    // An empty value (`key:` and nothing after it) is best shown at its key.
    const valueStart = child.value === null || isEmptyScalar(child.value) ? undefined : startOf(child.value);
    result = {
      offset: valueStart ?? keyStart ?? result.offset,
      keyOffset: keyStart,
      range: child.value === null ? null : rangeOfNode(child.value),
      complete: true,
      node: child.value,
    };
    if (child.value === null) return { ...result, complete: index === segments.length - 1 };
    node = child.value;
  }
  return result;
}

interface Child {
  key: Node | null;
  value: Node | null;
}

// The child of a mapping or sequence named by one pointer segment, following aliases and merge keys
// the way the loaded value was built (the last duplicate key wins; explicit keys beat merged ones).
function childOf(document: Document, parent: Node, segment: string, depth = 0): Child | null {
  const node = resolve(document, parent);
  if (node === null || depth > 50) return null;
  if (isSeq(node)) {
    if (!/^(?:0|[1-9][0-9]*)$/.test(segment)) return null;
    const item = node.items[Number(segment)];
    return item === undefined ? null : { key: null, value: asNode(item) };
  }
  if (!isMap(node)) return null;
  const pairs = node.items as Pair[];
  for (let index = pairs.length - 1; index >= 0; index -= 1) {
    const pair = pairs[index] as Pair;
    if (!isMergePair(pair) && keyText(document, pair.key) === segment) return { key: asNode(pair.key), value: asNode(pair.value) };
  }
  for (const pair of pairs) {
    if (!isMergePair(pair)) continue;
    const source = resolve(document, asNode(pair.value));
    const sources = isSeq(source) ? source.items.map(asNode) : [source];
    for (const candidate of sources) {
      if (candidate === null) continue;
      const found = childOf(document, candidate, segment, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
}

function isMergePair(pair: Pair): boolean {
  const key = pair.key;
  if (!isScalar(key)) return false;
  const value = key.value;
  return (typeof value === 'symbol' && value.description === '<<') || (value === '<<' && key.type === 'PLAIN');
}

function keyText(document: Document, key: unknown): string | undefined {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  if (isAlias(key)) return keyText(document, key.resolve(document));
  return undefined;
}

function resolve(document: Document, node: Node | null): Node | null {
  let current = node;
  for (let hops = 0; current !== null && isAlias(current) && hops < 50; hops += 1) {
    current = (current.resolve(document) as Node | undefined) ?? null;
  }
  return current;
}

function asNode(value: unknown): Node | null {
  return value !== null && typeof value === 'object' && 'range' in value ? (value as Node) : null;
}

function startOf(node: AnyNode): number | undefined {
  if (node === null || node === undefined || isPair(node)) return undefined;
  return node.range?.[0];
}

function rangeOfNode(node: Node): [number, number] | null {
  return node.range ? [node.range[0], node.range[1]] : null;
}

// Depth-first: the deepest child whose range covers the offset.
function findPointer(document: Document, node: unknown, offset: number, pointer: string): string | null {
  const current = asNode(node);
  if (current === null || !covers(current, offset)) return null;
  if (isSeq(current)) {
    for (const [index, item] of current.items.entries()) {
      const found = findPointer(document, item, offset, `${pointer}/${index}`);
      if (found !== null) return found;
    }
  } else if (isMap(current)) {
    for (const pair of current.items as Pair[]) {
      const key = keyText(document, pair.key);
      if (key === undefined || isMergePair(pair)) continue;
      const childPointer = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      const keyNode = asNode(pair.key);
      if (keyNode !== null && covers(keyNode, offset)) return childPointer;
      const found = findPointer(document, pair.value, offset, childPointer);
      if (found !== null) return found;
    }
  }
  return pointer;
}

function covers(node: Node, offset: number): boolean {
  const range = node.range;
  return range !== undefined && range !== null && offset >= range[0] && offset < Math.max(range[1], range[0] + 1);
}

function offsetOf(lineCounter: LineCounter, line: number, column: number): number {
  const lineStart = lineCounter.lineStarts[line - 1];
  return lineStart === undefined ? Number.MAX_SAFE_INTEGER : lineStart + column - 1;
}
