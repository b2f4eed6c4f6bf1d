// Message helpers for expression errors (messages are not normative).

/** Longest excerpt of an expression quoted in a message. */
const MAX_QUOTED = 200;

/** Quote expression text for a message, shortened when very long. */
export function quoteSource(source: string): string {
  const text = source.length > MAX_QUOTED ? `${source.slice(0, MAX_QUOTED)}…` : source;
  return `'${text}'`;
}

/** List names for a message, capped so huge mappings do not flood it. */
export function listNames(names: readonly string[], cap = 20): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, cap).map((n) => `'${n}'`).join(', ');
  return names.length > cap ? `${shown}, … (${names.length - cap} more)` : shown;
}
