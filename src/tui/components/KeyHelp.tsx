// Key help: the footer's short hints and the `?` overlay listing every key of the current screen.
import React from 'react';
import { Box, Text } from 'ink';

/** [keys, what they do], e.g. ['↑/↓ j/k', 'move']. */
export type KeyHints = ReadonlyArray<readonly [string, string]>;

export function Footer(props: { hints: KeyHints; width: number }) {
  const text = props.hints.map(([k, what]) => `${k} ${what}`).join('   ');
  return (
    <Box width={props.width} height={1}>
      <Text dimColor wrap="truncate">{text}</Text>
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
      <Text dimColor>Esc or ? closes this help. Ctrl+C quits from anywhere.</Text>
    </Box>
  );
}
