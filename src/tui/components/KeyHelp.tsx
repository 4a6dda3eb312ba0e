// Key help: the footer's short hints and the `?` overlay listing every key of the current screen.
import React from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { wrapWords } from '../../core/text/wrap-words.js';

/** [keys, what they do], e.g. ['↑/↓ j/k', 'move']. */
export type KeyHints = ReadonlyArray<readonly [string, string]>;

/**
 * The hints on one line of `width`: spaced by three, else by two; if they still do not fit,
 * hints are left out from the right, all but "? help" (which lists every key).
 */
export function footerText(hints: KeyHints, width: number): string {
  for (const sep of ['   ', '  ']) {
    const text = hints.map(([k, what]) => `${k} ${what}`).join(sep);
    if (text.length <= width) return text;
  }
  const kept = hints.slice();
  for (let i = kept.length - 1; i > 0 && kept.map(([k, w]) => `${k} ${w}`).join('  ').length > width; i--) {
    if (kept[i][0] !== '?') kept.splice(i, 1);
  }
  return kept.map(([k, what]) => `${k} ${what}`).join('  ');
}

export function Footer(props: { hints: KeyHints; width: number }) {
  const text = footerText(props.hints, props.width);
  return (
    <Box width={props.width} height={1}>
      <Text dimColor wrap="truncate">
        {text}
      </Text>
    </Box>
  );
}

/** One row of the help: a key (on an entry's first row only) and a piece of its description. */
export interface HelpRow {
  key: string;
  text: string;
}

/**
 * The help's rows in `width` columns (inside the border): the keys in a column, each description
 * wrapped beside them, never cut. Only whole entries are kept within `room` rows.
 */
export function helpRows(keys: KeyHints, width: number, room: number): { rows: HelpRow[]; keyWidth: number; hidden: number } {
  const keyWidth = Math.max(...keys.map(([k]) => k.length), 4) + 2;
  const rows: HelpRow[] = [];
  let shown = 0;
  for (const [k, what] of keys) {
    const lines = wrapWords(what, width - keyWidth, '  ');
    if (rows.length + lines.length > room) break;
    lines.forEach((text, i) => rows.push({ key: i === 0 ? k : '', text }));
    shown++;
  }
  return { rows, keyWidth, hidden: keys.length - shown };
}

export function HelpOverlay(props: { title: string; keys: KeyHints; width: number; height: number }) {
  // Border (2) + title and blank line (2) + closing hint (2); border and padding take 4 columns.
  const room = Math.max(0, props.height - 6);
  const { rows, keyWidth, hidden } = helpRows(props.keys, props.width - 4, room);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={props.width} height={props.height}>
      <Text bold>{`Keys: ${props.title}`}</Text>
      <Text> </Text>
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate">
          <Text color="cyan">{r.key.padEnd(keyWidth)}</Text>
          {r.text}
        </Text>
      ))}
      {hidden > 0 ? <Text dimColor>{`… ${hidden} more (enlarge the window)`}</Text> : null}
      <Box flexGrow={1} />
      <Text dimColor>Esc or ? closes this help. Ctrl+C quits from anywhere (the console: twice).</Text>
    </Box>
  );
}
