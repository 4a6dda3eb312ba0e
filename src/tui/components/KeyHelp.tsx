// Key help: the footer's short hints and the `?` overlay listing every key of the current screen.
import React from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';

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

export function HelpOverlay(props: { title: string; keys: KeyHints; width: number; height: number }) {
  const keyWidth = Math.max(...props.keys.map(([k]) => k.length), 4) + 2;
  // Border (2) + title and blank line (2) + closing hint (2).
  const room = Math.max(0, props.height - 6);
  const shown = props.keys.slice(0, room);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={props.width} height={props.height}>
      <Text bold>{`Keys: ${props.title}`}</Text>
      <Text> </Text>
      {shown.map(([k, what]) => (
        <Text key={k} wrap="truncate">
          <Text color="cyan">{k.padEnd(keyWidth)}</Text>
          {what}
        </Text>
      ))}
      {shown.length < props.keys.length ? <Text dimColor>{`… ${props.keys.length - shown.length} more (enlarge the window)`}</Text> : null}
      <Box flexGrow={1} />
      <Text dimColor>Esc or ? closes this help. Ctrl+C quits from anywhere (the console: twice).</Text>
    </Box>
  );
}
