// The one-line heading of an exam view: what is shown on the left, its status on the right.
import React from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';

export function ExamHead(props: { left: string; right?: string; width: number }) {
  return (
    <Box width={props.width} height={1}>
      <Box flexGrow={1} flexShrink={1}>
        <Text bold wrap="truncate">
          {props.left}
        </Text>
      </Box>
      {props.right ? (
        <Box flexShrink={0} paddingLeft={1}>
          <Text dimColor wrap="truncate">
            {props.right}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
