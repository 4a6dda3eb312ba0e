// The exam's task list: number, status (⚑ flagged, ✎ draft, · untouched; ! a draft that would
// not load, as kubectl apply would refuse it), weight, kind and title.
import React from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import type { Scenario } from '../../core/bank/scenario.js';
import type { ExamTask } from '../../core/training/records.js';
import { examStartText } from '../../core/training/hand-in.js';
import { STATUS_MARK, taskStatus } from './exam-run.js';
import { ExamHead } from './ExamHead.js';

export function TaskListView(props: {
  tasks: readonly ExamTask[];
  index: number;
  scenarioOf: (id: string) => Scenario | undefined;
  /** Why a task's draft does not load, per task (undefined: it loads, or there is none). */
  draftProblems: readonly (string | undefined)[];
  message?: string;
  width: number;
}) {
  const { tasks, index } = props;
  const counts = { untouched: 0, draft: 0, flagged: 0 };
  const rows = tasks.map((t, i) => {
    const s = props.scenarioOf(t.exerciseId);
    const st = taskStatus(t, s);
    counts[st]++;
    const hasDraft = st === 'flagged' && t.draft !== undefined && s && t.draft !== examStartText(s);
    const label = `${STATUS_MARK[st]} ${st}${hasDraft ? '+draft' : ''}${props.draftProblems[i] ? ' !' : ''}`;
    const text = `${i === index ? '>' : ' '}${String(i + 1).padStart(2)}  ${label.padEnd(14)} ${`${t.weight}%`.padStart(6)}  ${(s?.kind ?? '?').padEnd(5)}  ${s?.title ?? t.exerciseId}`;
    return (
      <Text key={i} wrap="truncate" bold={i === index} color={props.draftProblems[i] ? 'red' : i === index ? 'cyan' : undefined}>
        {text}
      </Text>
    );
  });
  const problem = props.draftProblems[index];
  return (
    <Box flexDirection="column">
      <ExamHead
        left={`Tasks (${tasks.length})`}
        right={`${counts.draft} draft · ${counts.flagged} flagged · ${counts.untouched} untouched`}
        width={props.width}
      />
      <Text dimColor wrap="truncate">{`  #  ${'status'.padEnd(14)} weight  kind   task`}</Text>
      {rows}
      <Text> </Text>
      {problem ? <Text color="red" wrap="truncate">{`! task ${index + 1}: the draft does not load: ${problem}`}</Text> : null}
      {props.message ? (
        <Text color="yellow" wrap="truncate">
          {props.message}
        </Text>
      ) : null}
    </Box>
  );
}
