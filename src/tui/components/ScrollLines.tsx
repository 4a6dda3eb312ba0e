// A window onto a list of styled lines (see practice/lines.ts), with a scroll marker on a line of
// its own under them (it never covers a line's end).
import React from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import type { Line } from '../../core/bank/describe.js';

/** Lines of text a pane of `height` rows shows: one row less when it scrolls (the marker's). */
export function textRows(total: number, height: number): number {
  return total > height && height > 1 ? height - 1 : height;
}

export function clampScroll(top: number, total: number, height: number): number {
  return Math.max(0, Math.min(top, Math.max(0, total - textRows(total, height))));
}

/** What a scrolling pane tells the keys once it is laid out: how far it scrolls and how tall it is. */
export interface PaneExtent {
  maxTop: number;
  height: number;
}

export function paneExtent(total: number, height: number): PaneExtent {
  const rows = textRows(total, height);
  return { maxTop: Math.max(0, total - rows), height: rows };
}

/**
 * How far PgDn moves a pane of this height: all of it, less one line kept in view so the eye
 * finds its place (a pane of 3 lines or fewer keeps none, or a page would be a line or two).
 */
export function pageOf(height: number): number {
  return Math.max(1, height > 3 ? height - 1 : height);
}

export function ScrollLines(props: { lines: readonly Line[]; top: number; width: number; height: number }) {
  const { lines, width, height } = props;
  const total = lines.length;
  const rows = textRows(total, height);
  const top = clampScroll(props.top, total, height);
  const shown = lines.slice(top, top + rows);
  const marker = total > rows ? `${top + rows < total ? '↓' : ' '} ${Math.min(total, top + rows)}/${total}` : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((l, i) => (
        // One terminal row each, sized exactly: a long line must not be measured as two rows, or
        // Yoga squeezes a neighbouring line to nothing.
        <Box key={i} width={width} height={1} flexShrink={0}>
          <Text wrap="truncate" color={l.color} bold={l.bold} dimColor={l.dim}>
            {l.text === '' ? ' ' : l.text}
          </Text>
        </Box>
      ))}
      {marker ? (
        <Box width={width} height={1} flexShrink={0} justifyContent="flex-end">
          <Text dimColor>{marker}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
