// "Did you mean ...?" for mistyped commands and names: cobra's rule (what kubectl uses):
// edit distance at most 2, or the typed word is a prefix.

/** Levenshtein distance, counting a swap of two neighbours as one edit (matirx -> matrix). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Candidates close to `word`, nearest first. */
export function suggest(word: string, candidates: readonly string[], maxDistance = 2): string[] {
  const w = word.toLowerCase();
  if (w === '') return [];
  return candidates
    .map((c) => ({ c, d: c.startsWith(w) ? 0 : editDistance(w, c.toLowerCase()) }))
    .filter((x) => x.d <= maxDistance)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .map((x) => x.c);
}
