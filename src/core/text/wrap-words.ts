// Wrapping prose at spaces, for text shown beside something else (a key in the help). Kept
// apart from core/bank/describe.ts, whose imports (the manifest and the engine) the first
// screen must not load.

/**
 * `text` in lines of at most `width` columns, broken at spaces; a word longer than a line is
 * cut where the line ends. Continuation lines start with `indent`.
 */
export function wrapWords(text: string, width: number, indent = ''): string[] {
  const w = Math.max(indent.length + 1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    const next = line === '' ? (lines.length ? indent : '') + word : `${line} ${word}`;
    if (next.length <= w) {
      line = next;
      continue;
    }
    const lead = line !== '' || lines.length ? indent : '';
    if (line !== '') lines.push(line);
    line = lead + word;
    while (line.length > w) {
      lines.push(line.slice(0, w));
      line = indent + line.slice(w);
    }
  }
  lines.push(line);
  return lines;
}
