// The console pane's screen as rows: the transcript, then the prompt with what is being typed
// (the cursor's row and column marked), then the candidates Tab listed; wrapped at the pane's
// width and cut to the window that the scroll shows. No Ink here.

export interface PaneRow {
  text: string;
  /** Column of the cursor on this row. */
  cursor?: number;
  dim?: boolean;
}

/** Hard-wraps one line at `width` columns (an empty line stays one row). */
export function wrapRow(text: string, width: number): string[] {
  const t = text.replace(/\t/g, '    ');
  if (width <= 0 || t.length <= width) return [t];
  const out: string[] = [];
  for (let i = 0; i < t.length; i += width) out.push(t.slice(i, i + width));
  return out;
}

export interface PaneInput {
  transcript: readonly string[];
  prompt: string;
  text: string;
  cursor: number;
  candidates?: readonly string[];
  /** A command is running: no prompt yet. */
  busy: boolean;
}

/**
 * `lastLines`: only the transcript's last lines are laid out (each is at least one row, so the
 * window above the prompt is always full): a long session costs no more per key than a short one.
 */
export function paneRows(input: PaneInput, width: number, lastLines = Infinity): PaneRow[] {
  const rows: PaneRow[] = [];
  const t = input.transcript;
  for (let i = Math.max(0, t.length - lastLines); i < t.length; i++) for (const r of wrapRow(t[i], width)) rows.push({ text: r });
  if (input.busy) return rows;
  // The typed text, line by line: the first after the prompt, the others after "> ".
  const lines = input.text.split('\n');
  let offset = 0;
  lines.forEach((line, i) => {
    const lead = i === 0 ? input.prompt : '> ';
    const full = lead + line;
    const cursorHere = input.cursor >= offset && input.cursor <= offset + line.length;
    const col = cursorHere ? lead.length + input.cursor - offset : -1;
    // The cursor may sit one past the end: room for it on the last row.
    const wrapped = wrapRow(full + (cursorHere && col === full.length ? ' ' : ''), width);
    wrapped.forEach((r, j) => {
      const row: PaneRow = { text: r };
      if (cursorHere && col >= j * width && col < (j + 1) * width) row.cursor = col - j * width;
      rows.push(row);
    });
    offset += line.length + 1;
  });
  if (input.candidates?.length) for (const r of wrapRow(input.candidates.join('  '), width)) rows.push({ text: r, dim: true });
  return rows;
}

/** The rows a window of `height` shows, `scroll` rows up from the bottom (clamped). */
export function windowOf(rows: readonly PaneRow[], height: number, scroll: number): { rows: PaneRow[]; scroll: number; above: number } {
  const max = Math.max(0, rows.length - height);
  const s = Math.max(0, Math.min(scroll, max));
  const end = rows.length - s;
  const start = Math.max(0, end - height);
  return { rows: rows.slice(start, end), scroll: s, above: start };
}
