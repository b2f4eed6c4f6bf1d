// The pattern language of `expect` (INTERPRETING.md): subset objects, exact-length arrays, strict scalars, and
// operators "$any", {$absent}, {$type}, {$regex}, {$gte}, {$lte}, {$contains}, {$len}.

/** One place where actual output differs from the pattern. */
export interface Mismatch {
  /** Where, as a JSONPath-like string: `$`, `$.files[0].errors`. */
  path: string;
  reason: string;
  expected: unknown;
  actual: unknown;
}

const OPERATORS = new Set(['$absent', '$type', '$regex', '$gte', '$lte', '$contains', '$len']);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'array', 'object']);

/** Matches `actual` against `pattern`; returns every mismatch (empty when it matches). */
export function matchPattern(pattern: unknown, actual: unknown, path = '$'): Mismatch[] {
  if (pattern === '$any') return actual === undefined ? [miss(path, 'value is missing', pattern, actual)] : [];
  if (isOperatorObject(pattern)) return matchOperators(pattern, actual, path);
  if (Array.isArray(pattern)) return matchArray(pattern, actual, path);
  if (isPlainObject(pattern)) return matchObject(pattern, actual, path);
  if (pattern === actual) return [];
  return [miss(path, actual === undefined ? 'value is missing' : 'values differ', pattern, actual)];
}

/** Whether a pattern is an operator object: a mapping whose keys all start with `$`. */
export function isOperatorObject(pattern: unknown): pattern is Record<string, unknown> {
  if (!isPlainObject(pattern)) return false;
  const keys = Object.keys(pattern);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

/** Renders mismatches as readable lines: `$.path: reason (expected X, got Y)`. */
export function formatMismatches(mismatches: readonly Mismatch[]): string {
  return mismatches
    .map((m) => `${m.path}: ${m.reason} (expected ${show(m.expected)}, got ${m.actual === undefined ? 'nothing' : show(m.actual)})`)
    .join('\n');
}

function matchObject(pattern: Record<string, unknown>, actual: unknown, path: string): Mismatch[] {
  if (!isPlainObject(actual)) return [miss(path, `expected an object, got ${typeName(actual)}`, pattern, actual)];
  const mismatches: Mismatch[] = [];
  for (const [key, sub] of Object.entries(pattern)) {
    const childPath = `${path}.${/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key)}`;
    const present = Object.hasOwn(actual, key) && actual[key] !== undefined;
    mismatches.push(...matchPattern(sub, present ? actual[key] : undefined, childPath));
  }
  return mismatches;
}

function matchArray(pattern: unknown[], actual: unknown, path: string): Mismatch[] {
  if (!Array.isArray(actual)) return [miss(path, `expected an array, got ${typeName(actual)}`, pattern, actual)];
  if (actual.length !== pattern.length) {
    return [miss(path, `expected ${pattern.length} elements, got ${actual.length}`, pattern, actual)];
  }
  return pattern.flatMap((sub, index) => matchPattern(sub, actual[index], `${path}[${index}]`));
}

function matchOperators(pattern: Record<string, unknown>, actual: unknown, path: string): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const [operator, operand] of Object.entries(pattern)) {
    if (!OPERATORS.has(operator)) {
      mismatches.push(miss(path, `unknown operator ${operator} in the pattern`, pattern, actual));
      continue;
    }
    if (operator === '$absent') {
      const wantAbsent = operand !== false;
      if (wantAbsent !== (actual === undefined)) {
        mismatches.push(miss(path, wantAbsent ? 'key is present' : 'key is missing', pattern, actual));
      }
      continue;
    }
    if (actual === undefined) {
      mismatches.push(miss(path, 'value is missing', pattern, actual));
      continue;
    }
    const reason = checkOperator(operator, operand, actual, path, mismatches);
    if (reason !== null) mismatches.push(miss(path, reason, pattern, actual));
  }
  return mismatches;
}

// Returns a failure reason, or null when the operator holds ($contains adds nested mismatches itself).
function checkOperator(operator: string, operand: unknown, actual: unknown, path: string, out: Mismatch[]): string | null {
  switch (operator) {
    case '$type': {
      const wanted = Array.isArray(operand) ? operand : [operand];
      const unknown = wanted.filter((type) => typeof type !== 'string' || !TYPES.has(type));
      if (unknown.length > 0) return `unknown $type ${show(unknown)}`;
      return wanted.some((type) => hasType(actual, type as string)) ? null : `expected type ${wanted.join(' or ')}, got ${typeName(actual)}`;
    }
    case '$regex':
      if (typeof actual !== 'string') return `expected a string, got ${typeName(actual)}`;
      return new RegExp(String(operand), 'u').test(actual) ? null : `does not match /${String(operand)}/`;
    case '$gte':
      if (typeof actual !== 'number') return `expected a number, got ${typeName(actual)}`;
      return actual >= Number(operand) ? null : `expected >= ${String(operand)}`;
    case '$lte':
      if (typeof actual !== 'number') return `expected a number, got ${typeName(actual)}`;
      return actual <= Number(operand) ? null : `expected <= ${String(operand)}`;
    case '$len': {
      const length = Array.isArray(actual) || typeof actual === 'string' ? actual.length : isPlainObject(actual) ? Object.keys(actual).length : null;
      if (length === null) return `$len needs an array, string or object, got ${typeName(actual)}`;
      if (typeof operand === 'number') return length === operand ? null : `expected length ${operand}, got ${length}`;
      return matchPattern(operand, length).length === 0 ? null : `length ${length} does not match ${show(operand)}`;
    }
    case '$contains':
      return checkContains(operand, actual, path, out);
    default:
      return `unknown operator ${operator}`;
  }
}

// Each pattern must match a distinct element, in order: element indexes increase from one pattern to the next.
function checkContains(operand: unknown, actual: unknown, path: string, out: Mismatch[]): string | null {
  if (!Array.isArray(operand)) return '$contains needs a list of patterns';
  if (!Array.isArray(actual)) return `expected an array, got ${typeName(actual)}`;
  let next = 0;
  for (const [i, sub] of operand.entries()) {
    let found = -1;
    for (let index = next; index < actual.length; index += 1) {
      if (matchPattern(sub, actual[index]).length === 0) {
        found = index;
        break;
      }
    }
    if (found === -1) {
      out.push(miss(`${path}{$contains[${i}]}`, `no element from index ${next} on matches`, sub, actual));
      return null;
    }
    next = found + 1;
  }
  return null;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    default:
      return typeof value === type;
  }
}

function typeName(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function miss(path: string, reason: string, expected: unknown, actual: unknown): Mismatch {
  return { path, reason, expected, actual };
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
