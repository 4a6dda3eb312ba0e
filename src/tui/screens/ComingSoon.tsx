// A placeholder for screens that are not built yet: says so and offers the way back.
import React from 'react';
import { Box, Text } from 'ink';
import { useKeys } from '../input/use-keys.js';
import type { KeyHints } from '../components/KeyHelp.js';

export const COMING_SOON_KEYS: KeyHints = [
  ['Esc/Enter', 'back'],
  ['?', 'help'],
  ['q', 'quit'],
];

export function ComingSoon(props: { title: string; width: number; height: number; isActive: boolean; onBack: () => void; onQuit: () => void; onHelp: () => void }) {
  useKeys((key) => {
    if (key.name === 'escape' || key.name === 'enter') props.onBack();
    else if (key.name === 'f1' || (key.name === 'char' && key.text === '?')) props.onHelp();
    else if (key.name === 'char' && key.text === 'q') props.onQuit();
  }, { isActive: props.isActive, splitText: true });
  return (
    <Box flexDirection="column" width={props.width} height={props.height} paddingX={1}>
      <Text bold>{props.title}</Text>
      <Text> </Text>
      <Text wrap="wrap">{`${props.title} is coming soon. Press Esc to go back.`}</Text>
    </Box>
  );
}
