// Replaces machine-specific text in actual output before matching: the workspace path becomes `<workspace>`.

/** Pairs of (text to find, replacement), applied longest first. */
export type Replacements = ReadonlyArray<readonly [string, string]>;

/** Builds the replacements for a workspace (and its HOME), including the paths' string forms as given. */
export function workspaceReplacements(workspaceRoot: string, home: string): Replacements {
  const pairs: Array<readonly [string, string]> = [
    [workspaceRoot, '<workspace>'],
    [home, '<home>'],
  ];
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

/** Applies the replacements to a text. */
export function normalizeText(text: string, replacements: Replacements): string {
  let result = text;
  for (const [from, to] of replacements) if (from !== '') result = result.split(from).join(to);
  return result;
}

/** Applies the replacements to every string (values, not keys) inside a parsed JSON value. */
export function normalizeValue(value: unknown, replacements: Replacements): unknown {
  if (typeof value === 'string') return normalizeText(value, replacements);
  if (Array.isArray(value)) return value.map((item) => normalizeValue(item, replacements));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalizeValue(item, replacements)]));
  }
  return value;
}
