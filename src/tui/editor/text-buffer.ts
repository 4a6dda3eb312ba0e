// A multi-line text buffer as a pure reducer: lines, a cursor and a vertical viewport.
// The YAML editor renders it; everything it can do is here, so it is tested without a terminal.
// Columns count UTF-16 code units: exercise answers are YAML, which is ASCII in practice.

export interface TextBuffer {
  readonly lines: readonly string[];
  /** Cursor position, 0-based; col may equal the line length (after the last character). */
  readonly row: number;
  readonly col: number;
  /** Column that up/down try to return to, so moving through a short line does not lose it. */
  readonly goalCol: number;
  /** First line shown, and how many lines the viewport shows (at least 1). */
  readonly scrollTop: number;
  readonly height: number;
}

export type Move =
  | 'left' | 'right' | 'up' | 'down'
  | 'lineStart' | 'lineEnd'
  | 'pageUp' | 'pageDown'
  | 'docStart' | 'docEnd';

export type TextBufferAction =
  /** Literal text (typing or paste): line breaks are kept as they are, no auto-indent. */
  | { type: 'insert'; text: string }
  /** The Enter key: a new line with the current line's indentation. */
  | { type: 'newline' }
  /** The Tab key: two spaces (YAML forbids tabs for indentation). */
  | { type: 'tab' }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'move'; to: Move }
  /** Put the cursor on a 0-based line (e.g. the line a parser blames), at its first non-blank. */
  | { type: 'gotoLine'; row: number }
  /** Replace the whole text (after an external editor); the cursor stays where it can. */
  | { type: 'setText'; text: string }
  | { type: 'resize'; height: number };

export const INDENT = '  ';

/** Line breaks of any platform become \n, tabs become two spaces, other control characters (C0, DEL, C1) go. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, INDENT)
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, '');
}

export function createTextBuffer(text = '', height = 10): TextBuffer {
  return { lines: splitLines(normalizeText(text)), row: 0, col: 0, goalCol: 0, scrollTop: 0, height: Math.max(1, Math.floor(height)) };
}

export function bufferText(b: TextBuffer): string {
  return b.lines.join('\n');
}

function splitLines(text: string): string[] {
  return text.split('\n');
}

function leadingSpaces(line: string): string {
  return /^ */.exec(line)![0];
}

/** Puts row/col inside the text and scrolls so that the cursor row is visible. */
function settle(b: TextBuffer, keepGoal = false): TextBuffer {
  const lastRow = b.lines.length - 1;
  const row = Math.min(Math.max(0, b.row), lastRow);
  const col = Math.min(Math.max(0, b.col), b.lines[row].length);
  const height = Math.max(1, b.height);
  let scrollTop = Math.min(Math.max(0, b.scrollTop), Math.max(0, lastRow - height + 1));
  if (row < scrollTop) scrollTop = row;
  if (row >= scrollTop + height) scrollTop = row - height + 1;
  return { ...b, row, col, height, scrollTop, goalCol: keepGoal ? b.goalCol : col };
}

function insertText(b: TextBuffer, raw: string): TextBuffer {
  const text = normalizeText(raw);
  if (text === '') return b;
  const line = b.lines[b.row];
  const before = line.slice(0, b.col);
  const after = line.slice(b.col);
  const pieces = splitLines(text);
  if (pieces.length === 1) {
    const lines = b.lines.slice();
    lines[b.row] = before + text + after;
    return settle({ ...b, lines, col: b.col + text.length });
  }
  const last = pieces[pieces.length - 1];
  // Built with concat, never splice(..., ...inserted): spreading a big paste (400 KB of short
  // lines) into call arguments overflows the stack.
  pieces[0] = before + pieces[0];
  pieces[pieces.length - 1] = last + after;
  const next = b.lines.slice(0, b.row).concat(pieces, b.lines.slice(b.row + 1));
  return settle({ ...b, lines: next, row: b.row + pieces.length - 1, col: last.length });
}

function verticalMove(b: TextBuffer, delta: number): TextBuffer {
  const row = Math.min(Math.max(0, b.row + delta), b.lines.length - 1);
  if (row === b.row) {
    // At the first/last line, up/down go to the start/end of it, as most editors do.
    const col = delta < 0 ? 0 : b.lines[row].length;
    return settle({ ...b, col });
  }
  return settle({ ...b, row, col: Math.min(b.goalCol, b.lines[row].length) }, true);
}

function move(b: TextBuffer, to: Move): TextBuffer {
  switch (to) {
    case 'left':
      if (b.col > 0) return settle({ ...b, col: b.col - 1 });
      if (b.row > 0) return settle({ ...b, row: b.row - 1, col: b.lines[b.row - 1].length });
      return b;
    case 'right':
      if (b.col < b.lines[b.row].length) return settle({ ...b, col: b.col + 1 });
      if (b.row < b.lines.length - 1) return settle({ ...b, row: b.row + 1, col: 0 });
      return b;
    case 'up':
      return verticalMove(b, -1);
    case 'down':
      return verticalMove(b, 1);
    case 'lineStart': {
      // Home toggles between the first non-blank character and column 0.
      const indent = leadingSpaces(b.lines[b.row]).length;
      return settle({ ...b, col: b.col === indent ? 0 : indent });
    }
    case 'lineEnd':
      return settle({ ...b, col: b.lines[b.row].length });
    case 'pageUp': {
      const step = Math.max(1, b.height - 1);
      const moved = verticalMove(b, -step);
      return settle({ ...moved, scrollTop: b.scrollTop - step }, true);
    }
    case 'pageDown': {
      const step = Math.max(1, b.height - 1);
      const moved = verticalMove(b, step);
      return settle({ ...moved, scrollTop: b.scrollTop + step }, true);
    }
    case 'docStart':
      return settle({ ...b, row: 0, col: 0 });
    case 'docEnd': {
      const row = b.lines.length - 1;
      return settle({ ...b, row, col: b.lines[row].length });
    }
  }
}

export function textBufferReducer(b: TextBuffer, action: TextBufferAction): TextBuffer {
  switch (action.type) {
    case 'insert':
      return insertText(b, action.text);
    case 'newline':
      return insertText(b, '\n' + leadingSpaces(b.lines[b.row]).slice(0, b.col));
    case 'tab':
      return insertText(b, INDENT);
    case 'backspace': {
      if (b.col > 0) {
        const line = b.lines[b.row];
        const lines = b.lines.slice();
        lines[b.row] = line.slice(0, b.col - 1) + line.slice(b.col);
        return settle({ ...b, lines, col: b.col - 1 });
      }
      if (b.row === 0) return b;
      const lines = b.lines.slice();
      const prev = lines[b.row - 1];
      lines.splice(b.row - 1, 2, prev + lines[b.row]);
      return settle({ ...b, lines, row: b.row - 1, col: prev.length });
    }
    case 'delete': {
      const line = b.lines[b.row];
      const lines = b.lines.slice();
      if (b.col < line.length) {
        lines[b.row] = line.slice(0, b.col) + line.slice(b.col + 1);
      } else if (b.row < b.lines.length - 1) {
        lines.splice(b.row, 2, line + lines[b.row + 1]);
      } else {
        return b;
      }
      return settle({ ...b, lines });
    }
    case 'move':
      return move(b, action.to);
    case 'gotoLine': {
      const row = Math.min(Math.max(0, action.row), b.lines.length - 1);
      return settle({ ...b, row, col: leadingSpaces(b.lines[row]).length });
    }
    case 'setText':
      return settle({ ...b, lines: splitLines(normalizeText(action.text)) });
    case 'resize':
      return settle({ ...b, height: Math.max(1, Math.floor(action.height)) }, true);
  }
}
