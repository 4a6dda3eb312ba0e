// The graded exam: each task's weighted score and verdict, the total, pass or fail, time used;
// and the review of one task (the learner's YAML beside the reference, what went wrong).
import React from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { ellipsis } from '../components/ellipsis.js';
import { ScrollLines, clampScroll, paneExtent } from '../components/ScrollLines.js';
import type { Scenario } from '../../core/bank/scenario.js';
import { wrapLines, type Line } from '../../core/bank/describe.js';
import { PASS_MARK_PCT } from '../../core/training/exam-score.js';
import { formatDuration } from '../../core/training/exam-clock.js';
import { formatPct } from '../../core/training/stats.js';
import type { GradedTask, HandedIn } from '../../core/training/hand-in.js';
import { reviewLines } from '../review/attempt-lines.js';
import { ExamHead } from './ExamHead.js';

const VERDICT_MARK = { passed: '✓ passed', partial: '~ partial', failed: '✗ failed', unanswered: '· unanswered' } as const;

export function ExamResultView(props: {
  handedIn: HandedIn | undefined;
  note?: string;
  index: number;
  scenarioOf: (id: string) => Scenario | undefined;
  width: number;
}) {
  const { handedIn: h, index, width } = props;
  if (!h) return <Text>No result.</Text>;
  const { score } = h;
  const titleWidth = Math.max(10, width - 4 - 8 - 7 - 10 - 14 - 2);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={score.passed ? 'green' : 'red'} wrap="truncate">
        {`${score.passed ? '✓ PASS' : '✗ FAIL'}  ${formatPct(score.totalPct)} (pass mark ${PASS_MARK_PCT}%) · time used ${formatDuration(score.timeUsedMs)}`}
      </Text>
      {props.note ? (
        <Text dimColor wrap="truncate">
          {props.note}
        </Text>
      ) : null}
      <Text> </Text>
      <Text dimColor wrap="truncate">{`   #  ${'task'.padEnd(titleWidth)}  weight   score   points  verdict`}</Text>
      {score.tasks.map((t, i) => {
        const s = props.scenarioOf(t.exerciseId);
        const name = ellipsis(s?.title ?? t.exerciseId, titleWidth).padEnd(titleWidth);
        const line = `${i === index ? '>' : ' '}${String(i + 1).padStart(3)}  ${name}  ${`${t.weight}%`.padStart(6)}  ${`${Math.round(t.score * 100)}%`.padStart(6)}  ${t.points.toFixed(1).padStart(7)}  ${VERDICT_MARK[t.verdict]}`;
        const color = t.verdict === 'passed' ? 'green' : t.verdict === 'partial' ? 'yellow' : 'red';
        return (
          <Text key={i} wrap="truncate" color={color} bold={i === index} inverse={i === index}>
            {line}
          </Text>
        );
      })}
      <Text> </Text>
      <Text dimColor wrap="truncate">
        Enter reviews the selected task: your YAML, the reference, what went wrong and why.
      </Text>
    </Box>
  );
}

function taskReviewLines(t: GradedTask, s: Scenario | undefined, width: number): Line[] {
  const out: Line[] = [];
  if (t.loadProblem) out.push({ text: `The answer does not load: ${t.loadProblem}`, color: 'red' }, { text: '' });
  if (t.result) {
    for (const req of t.result.requirements) out.push({ text: `${req.met ? '✓' : '✗'} ${req.name}`, color: req.met ? 'green' : 'red' });
    if (t.result.mistakes.length) for (const m of t.result.mistakes) out.push({ text: `  - ${m.message}`, color: 'yellow' });
    out.push({ text: '' });
  }
  out.push(
    ...reviewLines(
      { scenario: s, step: t.step, answer: t.answer, mismatches: t.result?.mismatches ?? [], checks: t.result?.checks, console: t.console },
      width - 1,
    ),
  );
  return out;
}

export function TaskReviewView(props: {
  handedIn: HandedIn | undefined;
  index: number;
  top: number;
  scenarioOf: (id: string) => Scenario | undefined;
  width: number;
  height: number;
  maxTopRef: { current: number | undefined };
}) {
  const { handedIn: h, index, width, height } = props;
  const t = h?.tasks[index];
  const scored = h?.score.tasks[index];
  const s = t ? props.scenarioOf(t.exerciseId) : undefined;
  const lines = t ? wrapLines(taskReviewLines(t, s, width), width - 1) : [];
  props.maxTopRef.current = paneExtent(lines.length, height).maxTop;
  return (
    <Box flexDirection="column">
      <ExamHead
        left={`Task ${index + 1}/${h?.tasks.length ?? 0} · ${s?.title ?? t?.exerciseId ?? ''}`}
        right={scored ? `${scored.verdict} · ${scored.points}/${scored.weight} points` : ''}
        width={width}
      />
      <ScrollLines lines={lines} top={clampScroll(props.top, lines.length, height)} width={width} height={height} />
    </Box>
  );
}
