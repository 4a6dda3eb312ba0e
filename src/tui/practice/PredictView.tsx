// A predict drill: the questions with the learner's answers, and beside them (below them when
// narrow) the policies in place, which the answers are about.
import React from 'react';
import { Box } from 'ink';
import { ScrollLines } from '../components/ScrollLines.js';
import { WIDE_COLUMNS } from '../components/AnswerEditor.js';
import type { PreparedStep } from '../../core/bank/prepare.js';
import { existingBlocksAt } from '../../core/bank/prepare.js';
import { hintLines, wrapLines, type Line } from '../../core/bank/describe.js';

export function policyLines(prep: PreparedStep): Line[] {
  const blocks = existingBlocksAt(prep.scenario, prep.step);
  if (blocks.length === 0) return [{ text: 'No NetworkPolicies exist.', dim: true }];
  const out: Line[] = [{ text: `Policies in place (${prep.existing.length})`, bold: true }];
  blocks.forEach((b, i) => {
    if (i > 0) out.push({ text: '---', dim: true });
    for (const l of b.text.trimEnd().split('\n')) out.push({ text: l });
  });
  return out;
}

export function PredictView(props: {
  prep: PreparedStep;
  answers: readonly (boolean | undefined)[];
  index: number;
  hints: number;
  width: number;
  height: number;
}) {
  const { prep, answers, index, width, height } = props;
  const qs = prep.scenario.steps[prep.step - 1].questions;
  const wide = width >= WIDE_COLUMNS;
  const qWidth = wide ? Math.floor(width * 0.5) : width;
  const lines: Line[] = [{ text: 'Will each connection work? y/n answer and move on, Space toggles, Enter grades.', dim: true }, { text: '' }];
  qs.forEach((q, i) => {
    const a = answers[i];
    const mark = a === undefined ? '[ ? ]' : a ? '[yes]' : '[no ]';
    lines.push({ text: `${i === index ? '>' : ' '} ${mark} ${q.ask}`, bold: i === index, color: a === undefined ? undefined : a ? 'green' : 'yellow' });
  });
  const answered = answers.filter((a) => a !== undefined).length;
  lines.push({ text: '' }, { text: `${answered}/${qs.length} answered`, dim: true });
  lines.push(...hintLines(prep.scenario, props.hints));
  if (!wide) lines.push({ text: '' }, ...policyLines(prep).map((l) => ({ ...l, text: `  ${l.text}` })));
  const wrapped = wrapLines(lines, qWidth - 1);
  const cursorLine = 2 + index;
  const top = Math.max(0, cursorLine - height + 3);
  const questions = <ScrollLines lines={wrapped} top={top} width={qWidth} height={height} />;
  if (!wide) return questions;
  const pWidth = width - qWidth - 1;
  return (
    <Box flexDirection="row" width={width} height={height}>
      {questions}
      <Box width={1} />
      <ScrollLines lines={wrapLines(policyLines(prep), pWidth - 1)} top={0} width={pWidth} height={height} />
    </Box>
  );
}
