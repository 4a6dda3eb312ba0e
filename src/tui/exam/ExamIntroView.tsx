// Before a mock exam: what it is (intro), or an exam left running that can be resumed (reopen).
import React from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { ScrollLines } from '../components/ScrollLines.js';
import { wrapLines, type Line } from '../../core/bank/describe.js';
import { DEFAULT_EXAM_MINUTES, DEFAULT_EXAM_TASKS } from '../../core/training/exam-plan.js';
import { PASS_MARK_PCT } from '../../core/training/exam-score.js';
import { examClock } from '../../core/training/exam-clock.js';
import { examMinutes } from '../../core/training/exam-session.js';
import { isoMinute } from '../../core/training/calendar.js';
import type { ExamRecord } from '../../core/training/records.js';

export function ExamIntroView(props: { tasks?: number; minutes?: number; message?: string; width: number; height: number }) {
  const { width, height } = props;
  const lines: Line[] = [
    { text: 'Mock exam', bold: true },
    { text: '' },
    { text: `${props.tasks ?? DEFAULT_EXAM_TASKS} tasks in ${props.minutes ?? DEFAULT_EXAM_MINUTES} minutes, write and fix only, each with a weight.` },
    { text: 'Visit the tasks in any order, flag some for later, leave some half done.' },
    { text: 'No hints, no solutions and no live matrix while the exam runs.' },
    { text: `At zero every task is graded as its draft stands. You pass at ${PASS_MARK_PCT}%.` },
    { text: 'Quitting does not stop the clock: reopen the exam to resume it.' },
    { text: '' },
    { text: 'Press Enter to start.', bold: true, color: 'cyan' },
  ];
  return (
    <Box flexDirection="column">
      {props.message ? (
        <Text color="yellow" wrap="truncate">
          {props.message}
        </Text>
      ) : null}
      <ScrollLines lines={wrapLines(lines, width - 1)} top={0} width={width} height={height - (props.message ? 1 : 0)} />
    </Box>
  );
}

export function ExamReopenView(props: { exam: ExamRecord | undefined; drafts: number; now: Date; width: number; height: number }) {
  const { exam, width, height } = props;
  const c = exam ? examClock(exam.deadline, props.now) : undefined;
  const lines: Line[] = [
    { text: 'A mock exam is still running.', bold: true },
    { text: '' },
    {
      text: `Started ${exam ? isoMinute(new Date(exam.startedAt)) : ''} · ${exam ? examMinutes(exam) : 0} minutes · ${exam?.tasks.length ?? 0} tasks, ${props.drafts} with a draft`,
    },
    { text: `The clock kept running while netpol-dojo was closed: ${c?.text ?? ''} left.` },
    { text: '' },
    { text: 'Enter or r resumes it. a abandons it (not scored). Esc goes back.', color: 'cyan' },
  ];
  return <ScrollLines lines={wrapLines(lines, width - 1)} top={0} width={width} height={height} />;
}
