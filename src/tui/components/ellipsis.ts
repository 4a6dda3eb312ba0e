// One way to cut a line that does not fit: at the width, with "…" as the last column, as Ink's
// wrap="truncate" does. A text cut by hand (a title before a clock, a table cell) reads like one
// Ink cut, and is never cut mid-word without a mark.

/** `text` in at most `width` columns: itself when it fits, else cut with a trailing "…". */
export function ellipsis(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars
    .slice(0, width - 1)
    .join('')
    .trimEnd()}…`;
}
