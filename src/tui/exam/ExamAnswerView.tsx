// An exam task's answer: the YAML editor alone (no live matrix, no hint of what the draft does).
import React from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { AnswerEditor } from '../components/AnswerEditor.js';
import type { Scenario } from '../../core/bank/scenario.js';
import type { PreparedStep } from '../../core/bank/prepare.js';
import type { ExamTask } from '../../core/training/records.js';
import { examStartText } from '../../core/training/hand-in.js';
import { ExamHead } from './ExamHead.js';

export interface ExamAnswerViewProps {
  task: ExamTask | undefined;
  scenario: Scenario | undefined;
  prep: PreparedStep | undefined;
  index: number;
  count: number;
  editorKey: number;
  width: number;
  height: number;
  isActive: boolean;
  problem?: { line?: number; message: string };
  onChange: (t: string) => void;
  onSubmit: (t: string) => void;
  onCancel: (t: string) => void;
  onHelp: () => void;
}

export function ExamAnswerView(props: ExamAnswerViewProps) {
  const { task, scenario, prep, width, height } = props;
  if (!prep || !scenario || !task) return <Text color="red">This task cannot be prepared.</Text>;
  return (
    <Box flexDirection="column">
      <ExamHead left={`Task ${props.index + 1}/${props.count} · ${scenario.title}`} right={`weight ${task.weight}%`} width={width} />
      <AnswerEditor
        key={`${props.index}:${props.editorKey}`}
        prep={prep}
        layout={{ rows: [], columns: [] }}
        preview={false}
        initialText={task.draft ?? examStartText(scenario)}
        width={width}
        height={height}
        isActive={props.isActive}
        problem={props.problem}
        onChange={props.onChange}
        onSubmit={props.onSubmit}
        onCancel={props.onCancel}
        onHelp={props.onHelp}
      />
    </Box>
  );
}
