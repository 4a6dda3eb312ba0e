// A reachability matrix: rows are sources, columns destinations, a short text per cell.
// Every meaning has a symbol as well as a colour (NO_COLOR keeps it): ✓ all allowed, ✗ none,
// port numbers for part, · not graded, and a cell that differs from what the step expects
// carries a "!".
import React from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';

export const SYMBOL = { allowed: '✓', denied: '✗', none: '·', wrong: '!' } as const;

/** How a cell reads: everything allowed, nothing, part of it, or not graded. */
export type Tone = 'allowed' | 'denied' | 'partial' | 'none';

export interface MatrixCell {
  text: string;
  tone: Tone;
  wrong?: boolean;
}

export interface MatrixGrid {
  rowLabels: string[];
  columnLabels: string[];
  /** cells[row][column]; undefined: not graded (a pod to itself). */
  cells: (MatrixCell | undefined)[][];
}

export interface MatrixWidths {
  rowLabel: number;
  col: number;
  /** Column heads "name:port" split over two lines, when they do not fit in one. */
  twoLineHead: boolean;
}

export interface MatrixViewProps {
  title: string;
  grid: MatrixGrid;
  widths: MatrixWidths;
  cursor?: { row: number; col: number };
  width: number;
  /** Leave out the row labels (a second matrix beside a first). */
  hideRowLabels?: boolean;
  /** The first column shown when not all fit (a result matrix follows its cursor). */
  firstColumn?: number;
}

const MIN_COL = 5;

/** The first column to show so that `col` is in view when only `fit` columns fit. */
export function firstColumnFor(col: number, fit: number, total: number): number {
  return Math.max(0, Math.min(col - fit + 1, total - fit));
}

function cellLength(c: MatrixCell | undefined): number {
  return c ? c.text.length + (c.wrong ? 1 : 0) : 1;
}

/**
 * Widths that show the labels and cell texts whole where they can: a column is as wide as its
 * longest head or cell (+ the cursor's brackets), up to `maxCol`. With `fitWidth`, the columns
 * shrink (down to `minCol`, 5 by default) so that all of them fit, and "name:port" heads go over two lines.
 */
export function matrixWidths(grid: MatrixGrid, opts: { maxCol?: number; minCol?: number; maxRowLabel?: number; fitWidth?: number } = {}): MatrixWidths {
  const rowLabel = Math.min(opts.maxRowLabel ?? 18, Math.max(4, ...grid.rowLabels.map((r) => r.length))) + 1;
  const cells = Math.max(1, ...grid.cells.flatMap((r) => r.map(cellLength))) + 2;
  const heads = Math.max(3, ...grid.columnLabels.map((c) => c.length));
  let col = Math.min(opts.maxCol ?? 15, Math.max(cells, heads)) + 1;
  const n = grid.columnLabels.length;
  if (opts.fitWidth !== undefined && n > 0 && rowLabel + col * n > opts.fitWidth)
    col = Math.min(col, Math.max(opts.minCol ?? MIN_COL, cells + 1, Math.floor((opts.fitWidth - rowLabel) / n)));
  const twoLineHead = grid.columnLabels.some((l) => l.length > col - 1) && grid.columnLabels.every((l) => l.includes(':'));
  return { rowLabel, col, twoLineHead };
}

/** How many columns fit in `width`. */
export function columnsThatFit(w: MatrixWidths, width: number, withLabels = true): number {
  return Math.max(1, Math.floor((width - (withLabels ? w.rowLabel : 0)) / w.col));
}

/** `s` in `n` columns: cut with "…" when longer than n - 1, padded otherwise. */
export function fitText(s: string, n: number): string {
  return (s.length > n - 1 ? s.slice(0, Math.max(0, n - 2)) + '…' : s).padEnd(n);
}

const TONE_COLOR: Record<Tone, string | undefined> = { allowed: 'green', denied: 'yellow', partial: 'cyan', none: undefined };

export function MatrixView(props: MatrixViewProps) {
  const { grid, cursor, width, widths: w } = props;
  const labels = !props.hideRowLabels;
  const total = grid.columnLabels.length;
  const fit = Math.min(total, columnsThatFit(w, width, labels));
  const first = Math.max(0, Math.min(props.firstColumn ?? 0, total - fit));
  const shown = grid.columnLabels.slice(first, first + fit);
  const hidden = total - fit;
  // A matrix with a cursor scrolls sideways with it; one without can only ask for room.
  const more =
    hidden <= 0
      ? ''
      : props.cursor || props.firstColumn !== undefined
        ? ` [${fit === 1 ? `column ${first + 1}` : `columns ${first + 1}-${first + fit}`} of ${total}, ← →]`
        : ` (+${hidden} columns: widen the window)`;
  const corner = labels ? fitText(w.rowLabel > 9 ? 'from \\ to' : '', w.rowLabel) : '';
  const heads = w.twoLineHead
    ? [
        (labels ? ''.padEnd(w.rowLabel) : '') + shown.map((c) => fitText(c.slice(0, c.lastIndexOf(':')), w.col)).join(''),
        corner + shown.map((c) => fitText(c.slice(c.lastIndexOf(':') + 1), w.col)).join(''),
      ]
    : [corner + shown.map((c) => fitText(c, w.col)).join('')];
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {props.title}
        {more}
      </Text>
      {heads.map((h, i) => (
        <Text key={`h${i}`} dimColor wrap="truncate">
          {h}
        </Text>
      ))}
      {grid.rowLabels.map((label, ri) => (
        <Text key={`${ri}:${label}`} wrap="truncate">
          {labels ? <Text>{fitText(label, w.rowLabel)}</Text> : null}
          {shown.map((_, i) => {
            const ci = first + i;
            const cell = grid.cells[ri]?.[ci];
            const here = cursor?.row === ri && cursor?.col === ci;
            const mark = cell?.wrong ? SYMBOL.wrong : '';
            // Room for the brackets (or their spaces) and the column gap; the "!" is never cut off.
            const room = Math.max(1, w.col - 3 - mark.length);
            const raw = cell ? cell.text : SYMBOL.none;
            const body = (raw.length > room ? raw.slice(0, Math.max(0, room - 1)) + '…' : raw) + mark;
            const text = (here ? `[${body}]` : ` ${body} `).padEnd(w.col);
            const color = cell?.wrong ? 'red' : cell ? TONE_COLOR[cell.tone] : undefined;
            return (
              <Text key={ci} color={color} bold={cell?.wrong || here} inverse={here} dimColor={(!cell || cell.tone === 'none') && !here}>
                {text}
              </Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
}
