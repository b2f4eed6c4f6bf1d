// "Did you mean …?" suggestions, ranked like Python's difflib.get_close_matches (Ratcliff/Obershelp).

/** Similarity of two strings in [0, 1]: 2·matches / (|a| + |b|). */
export function similarity(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  return (2 * countMatches(a, b)) / (a.length + b.length);
}

/** Up to `limit` candidates whose similarity to `word` is at least `cutoff`, best first. */
export function findCloseMatches(word: string, candidates: readonly string[], limit = 3, cutoff = 0.5): string[] {
  return [...new Set(candidates)]
    .map((candidate) => ({ candidate, score: similarity(word.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ score }) => score >= cutoff)
    .sort((x, y) => y.score - x.score || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** "did you mean 'a' or 'b'?" — or undefined when nothing is close. */
export function formatDidYouMean(word: string, candidates: readonly string[], cutoff = 0.5): string | undefined {
  const matches = findCloseMatches(word, candidates, 3, cutoff);
  if (matches.length === 0) return undefined;
  const quoted = matches.map((match) => `'${match}'`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  return `did you mean ${list}?`;
}

// Longest common block, then recurse on both sides (difflib's matching blocks, without junk heuristics).
function countMatches(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  let bestLength = 0;
  let bestA = 0;
  let bestB = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j += 1) {
      if (a[i - 1] === b[j - 1]) {
        const length = (previous[j - 1] ?? 0) + 1;
        current[j] = length;
        if (length > bestLength) {
          bestLength = length;
          bestA = i - length;
          bestB = j - length;
        }
      }
    }
    previous = current;
  }
  if (bestLength === 0) return 0;
  return (
    bestLength +
    countMatches(a.slice(0, bestA), b.slice(0, bestB)) +
    countMatches(a.slice(bestA + bestLength), b.slice(bestB + bestLength))
  );
}
