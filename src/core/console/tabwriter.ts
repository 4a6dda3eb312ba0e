// Go's text/tabwriter, which kubectl prints every table and description through:
// cells end at a tab, a column block is a run of consecutive lines that have a cell in
// that column, and each block is as wide as its widest cell plus the padding. The last
// cell of a line belongs to no column. Port of the algorithm, not of the code.

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** kubectl get (printers.GetNewTabWriter): minwidth 6, padding 3. */
export const GET_TABLE: TabwriterOptions = { minwidth: 6, padding: 3 };
/** kubectl describe (tabbedString): minwidth 0, padding 2. */
export const DESCRIBE: TabwriterOptions = { minwidth: 0, padding: 2 };

function width(text: string): number {
  return [...text].length;
}

/** Aligns text whose cells are separated by tabs; returns the lines without trailing newline. */
export function tabwrite(text: string, opts: TabwriterOptions): string[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const lines = body.split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let s = '';
      cells.forEach((c, j) => {
        s += c;
        if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j] - width(c)));
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue;
      writeLines(start, i);
      start = i;
      let w = opts.minwidth;
      for (; i < line1 && column < lines[i].length - 1; i++) w = Math.max(w, width(lines[i][column]) + opts.padding);
      widths.push(w);
      format(start, i);
      widths.pop();
      start = i;
      i--; // the for loop's i++ moves to the line that ended the block
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out;
}
