// RFC 6901 JSON Pointers over flow documents: building, splitting and walking them.

/** A JSON Pointer path segment: a mapping key or a sequence index. */
export type PointerSegment = string | number;

/** Build a JSON Pointer ("" for the root) from path segments, escaping `~` and `/`. */
export function formatPointer(segments: readonly PointerSegment[]): string {
  return segments.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Split a JSON Pointer into unescaped segments ("" → []). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value at `segments` inside a plain JS value, or undefined when absent. */
export function valueAt(root: unknown, segments: readonly PointerSegment[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isRecord(current) && Object.hasOwn(current, String(segment))) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

/** Whether a value is a plain mapping (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The id of the step a path lies in, as run records name it: "build", or "group.child" for a step
 * inside a group. Undefined outside steps or when an id along the way is not a string.
 */
export function stepIdAt(root: unknown, path: readonly PointerSegment[]): string | undefined {
  const ids: string[] = [];
  let current: unknown = root;
  let index = 0;
  while (path[index] === 'steps' && typeof path[index + 1] === 'number') {
    const step = valueAt(current, [path[index] as string, path[index + 1] as number]);
    if (!isRecord(step) || typeof step.id !== 'string') return undefined;
    ids.push(step.id);
    current = step;
    index += 2;
  }
  return ids.length === 0 ? undefined : ids.join('.');
}
