// The practice screen's first line: the exercise, the step and its title, the time on the step.
import React from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import type { Scenario } from '../../core/bank/scenario.js';
import { clock } from '../../core/bank/describe.js';
import { ellipsis } from '../components/ellipsis.js';

export function PracticeHead(props: { scenario: Scenario; step: number; elapsedMs: number; width: number }) {
  const { scenario: s, step } = props;
  const time = ` time ${clock(props.elapsedMs)}`;
  // Cut here, not by Ink: the title ends with "…" before the time.
  const title = ellipsis(`${s.id} · Step ${step}/${s.steps.length}: ${s.steps[step - 1].title}`, props.width - time.length);
  return (
    <Box width={props.width} height={1}>
      <Box flexGrow={1} flexShrink={1}>
        <Text bold wrap="truncate">
          {title}
        </Text>
      </Box>
      <Text color="cyan">{time}</Text>
    </Box>
  );
}
