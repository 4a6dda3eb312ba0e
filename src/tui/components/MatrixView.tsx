// A reachability matrix of the key pods: rows are sources, columns destination ports.
// Every meaning has a symbol as well as a colour (NO_COLOR keeps it): ✓ allowed, ✗ denied,
// · not graded, and a cell that differs from what the step expects carries a "!".
import React from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import type { Cell, MatrixLayout } from '../practice/world.js';

export const SYMBOL = { allowed: '✓', denied: '✗', none: '·', wrong: '!' } as const;

export function cellSymbol(c: Cell): string {
  return c === undefined ? SYMBOL.none : c ? SYMBOL.allowed : SYMBOL.denied;
}

export interface MatrixViewProps {
  title: string;
  layout: MatrixLayout;
  grid: Cell[][];
  /** When given, cells that differ from it are marked wrong. */
  expected?: Cell[][];
  cursor?: { row: number; col: number };
  width: number;
  /** Leave out the row labels (a second matrix beside a first). */
  hideRowLabels?: boolean;
  /** The first column shown when not all fit (a result matrix follows its cursor). */
  firstColumn?: number;
}

/** The first column to show so that `col` is in view when only `fit` columns fit. */
export function firstColumnFor(col: number, fit: number, total: number): number {
  return Math.max(0, Math.min(col - fit + 1, total - fit));
}

export function matrixWidths(layout: MatrixLayout): { rowLabel: number; col: number } {
  const rowLabel = Math.min(18, Math.max(4, ...layout.rows.map((r) => r.label.length))) + 1;
  const col = Math.min(15, Math.max(3, ...layout.columns.map((c) => c.label.length))) + 1;
  return { rowLabel, col };
}

/** How many columns fit in `width`. */
export function columnsThatFit(layout: MatrixLayout, width: number, withLabels = true): number {
  const w = matrixWidths(layout);
  return Math.max(1, Math.floor((width - (withLabels ? w.rowLabel : 0)) / w.col));
}

export function isWrong(grid: Cell[][], expected: Cell[][] | undefined, r: number, c: number): boolean {
  const e = expected?.[r]?.[c];
  return e !== undefined && grid[r][c] !== undefined && grid[r][c] !== e;
}

export function MatrixView(props: MatrixViewProps) {
  const { layout, grid, expected, cursor, width } = props;
  const w = matrixWidths(layout);
  const labels = !props.hideRowLabels;
  const fit = Math.min(layout.columns.length, columnsThatFit(layout, width, labels));
  const first = Math.max(0, Math.min(props.firstColumn ?? 0, layout.columns.length - fit));
  const cols = layout.columns.slice(first, first + fit);
  const hidden = layout.columns.length - fit;
  // A matrix with a cursor scrolls sideways with it; one without can only ask for room.
  const more =
    hidden <= 0
      ? ''
      : props.cursor || props.firstColumn !== undefined
        ? ` [${fit === 1 ? `column ${first + 1}` : `columns ${first + 1}-${first + fit}`} of ${layout.columns.length}, ← →]`
        : ` (+${hidden} columns: widen the window)`;
  const pad = (s: string, n: number) => (s.length > n - 1 ? s.slice(0, n - 2) + '…' : s).padEnd(n);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {props.title}
        {more}
      </Text>
      <Text dimColor wrap="truncate">
        {(labels ? pad(w.rowLabel > 9 ? 'from \\ to' : '', w.rowLabel) : '') + cols.map((c) => pad(c.label, w.col)).join('')}
      </Text>
      {layout.rows.map((r, ri) => (
        <Text key={r.label} wrap="truncate">
          {labels ? <Text>{pad(r.label, w.rowLabel)}</Text> : null}
          {cols.map((_, i) => {
            const ci = first + i;
            const cell = grid[ri]?.[ci];
            const wrong = isWrong(grid, expected, ri, ci);
            const here = cursor?.row === ri && cursor?.col === ci;
            const sym = cellSymbol(cell) + (wrong ? SYMBOL.wrong : '');
            const text = (here ? `[${sym}]` : ` ${sym}`).padEnd(w.col);
            const color = wrong ? 'red' : cell === undefined ? undefined : cell ? 'green' : 'yellow';
            return (
              <Text key={ci} color={color} bold={wrong || here} inverse={here} dimColor={cell === undefined && !here}>
                {text}
              </Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
}
