// The top line of every screen: the program's name, and the screen's title (with the countdown
// while a mock exam runs).
import React from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { ExamCountdown } from '../exam/ExamCountdown.js';

export function AppHeader(props: { title: string; width: number; deadline?: string }) {
  return (
    <Box width={props.width} height={1} justifyContent="space-between">
      <Text bold color="cyan">
        netpol-dojo
      </Text>
      {props.deadline ? (
        <Text wrap="truncate">
          <Text dimColor>{`${props.title} · `}</Text>
          <ExamCountdown deadline={props.deadline} />
        </Text>
      ) : (
        <Text dimColor wrap="truncate">
          {props.title}
        </Text>
      )}
    </Box>
  );
}
