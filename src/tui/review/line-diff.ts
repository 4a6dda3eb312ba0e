// A simple line diff (longest common subsequence) between the learner's answer and a reference:
// enough to point at the lines that differ in a YAML file of a few dozen lines.

export type DiffOp = { op: 'same'; left: string; right: string } | { op: 'left'; left: string } | { op: 'right'; right: string };

/** Lines compare without trailing spaces; blank lines and `---` separators count like any other. */
export function lineDiff(left: readonly string[], right: readonly string[]): DiffOp[] {
  const a = left.map((l) => l.trimEnd());
  const b = right.map((l) => l.trimEnd());
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: 'same', left: left[i++], right: right[j++] });
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ op: 'left', left: left[i++] });
    } else {
      out.push({ op: 'right', right: right[j++] });
    }
  }
  return out;
}
