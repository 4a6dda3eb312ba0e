// A window onto a list of styled lines (see practice/lines.ts), with a scroll marker.
import React from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import type { Line } from '../../core/bank/describe.js';

export function clampScroll(top: number, total: number, height: number): number {
  return Math.max(0, Math.min(top, Math.max(0, total - height)));
}

/** What a scrolling pane tells the keys once it is laid out: how far it scrolls and how tall it is. */
export interface PaneExtent {
  maxTop: number;
  height: number;
}

export function paneExtent(total: number, height: number): PaneExtent {
  return { maxTop: Math.max(0, total - height), height };
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
  const top = clampScroll(props.top, lines.length, height);
  const more = lines.length > height;
  const shown = lines.slice(top, top + height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((l, i) => {
        const last = i === shown.length - 1 && more;
        const marker = last ? ` ${top + height < lines.length ? '↓' : ' '} ${Math.min(lines.length, top + height)}/${lines.length}` : '';
        return (
          // One terminal row each, the text box sized exactly: a long line beside the marker must
          // not be measured as two rows, or Yoga squeezes a neighbouring line to nothing.
          <Box key={i} width={width} height={1} flexShrink={0}>
            <Box width={Math.max(1, width - marker.length)} flexShrink={0}>
              <Text wrap="truncate" color={l.color} bold={l.bold} dimColor={l.dim}>
                {l.text === '' ? ' ' : l.text}
              </Text>
            </Box>
            {marker ? <Text dimColor>{marker}</Text> : null}
          </Box>
        );
      })}
    </Box>
  );
}
