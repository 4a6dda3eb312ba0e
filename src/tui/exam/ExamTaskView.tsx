// One exam task as the exam states it (every requirement at once, no hints), scrolling.
import React from 'react';
import { Box } from 'ink';
import { ScrollLines, clampScroll, paneExtent } from '../components/ScrollLines.js';
import type { Scenario } from '../../core/bank/scenario.js';
import type { ExamTask } from '../../core/training/records.js';
import { wrapLines } from '../../core/bank/describe.js';
import { STATUS_MARK, examTaskLines, taskStatus } from './exam-run.js';
import { ExamHead } from './ExamHead.js';

export function ExamTaskView(props: {
  task: ExamTask | undefined;
  scenario: Scenario | undefined;
  index: number;
  count: number;
  top: number;
  width: number;
  height: number;
  maxTopRef: { current: number | undefined };
}) {
  const { task, scenario, width, height } = props;
  const lines = scenario && task ? wrapLines(examTaskLines(scenario, task.weight), width - 1) : [{ text: 'This scenario is not in the bank any more.' }];
  const st = task ? taskStatus(task, scenario) : 'untouched';
  props.maxTopRef.current = paneExtent(lines.length, height).maxTop;
  return (
    <Box flexDirection="column">
      <ExamHead left={`Task ${props.index + 1}/${props.count} · ${task?.exerciseId ?? ''}`} right={`${STATUS_MARK[st]} ${st}`} width={width} />
      <ScrollLines lines={lines} top={clampScroll(props.top, lines.length, height)} width={width} height={height} />
    </Box>
  );
}
