// A pick drill: the candidate files, side by side when they fit, else one after another with
// the selected one first in view.
import React from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { ScrollLines, paneExtent, type PaneExtent } from '../components/ScrollLines.js';
import { WIDE_COLUMNS } from '../components/AnswerEditor.js';
import type { PreparedStep } from '../../core/bank/prepare.js';
import type { Line } from '../../core/bank/describe.js';

export function PickView(props: {
  prep: PreparedStep;
  index: number;
  top: number;
  problem?: { message: string };
  width: number;
  height: number;
  paneRef: { current: PaneExtent | undefined };
}) {
  const { prep, index, width, height } = props;
  const cands = prep.scenario.candidates;
  const wide = width >= WIDE_COLUMNS && cands.length <= 3;
  const tabs = (
    <Text wrap="truncate">
      {cands.map((c, i) => (
        <Text key={c.id} inverse={i === index} bold={i === index}>{` ${i === index ? '>' : ' '}${c.id} `}</Text>
      ))}
      <Text dimColor>{'  ← → choose · Enter grades the selected one'}</Text>
    </Text>
  );
  const problem = props.problem ? (
    <Text color="red" wrap="truncate">
      {props.problem.message}
    </Text>
  ) : null;
  const h = height - 1 - (props.problem ? 1 : 0);
  if (wide) {
    const colWidth = Math.floor(width / cands.length);
    props.paneRef.current = paneExtent(Math.max(...cands.map((c) => c.policies.text.trimEnd().split('\n').length + 1)), h - 2);
    return (
      <Box flexDirection="column" width={width} height={height}>
        {tabs}
        {problem}
        <Box flexDirection="row" height={h}>
          {cands.map((c, i) => {
            const lines: Line[] = [
              { text: `${i === index ? '>' : ' '} candidate ${c.id}`, bold: true, color: i === index ? 'cyan' : undefined },
              ...c.policies.text
                .trimEnd()
                .split('\n')
                .map((t) => ({ text: t, dim: i !== index })),
            ];
            return (
              <Box
                key={c.id}
                width={colWidth}
                borderStyle={i === index ? 'bold' : 'single'}
                borderColor={i === index ? 'cyan' : undefined}
                flexDirection="column"
              >
                <ScrollLines lines={lines} top={props.top} width={colWidth - 2} height={h - 2} />
              </Box>
            );
          })}
        </Box>
      </Box>
    );
  }
  const lines: Line[] = [];
  let selectedAt = 0;
  cands.forEach((c, i) => {
    if (i === index) selectedAt = lines.length;
    lines.push({
      text: `${i === index ? '>' : ' '} candidate ${c.id}${i === index ? '  (selected)' : ''}`,
      bold: true,
      color: i === index ? 'cyan' : undefined,
    });
    for (const t of c.policies.text.trimEnd().split('\n')) lines.push({ text: `  ${t}`, dim: i !== index });
    lines.push({ text: '' });
  });
  props.paneRef.current = paneExtent(lines.length - selectedAt, h);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {tabs}
      {problem}
      <ScrollLines lines={lines} top={selectedAt + props.top} width={width} height={h} />
    </Box>
  );
}
