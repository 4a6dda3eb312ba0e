// A predict drill: the questions with the learner's answers, and beside them (below them when
// narrow) the policies in place, which the answers are about.
import React from 'react';
import { Box } from 'ink';
import { ScrollLines, clampScroll, paneExtent, type PaneExtent } from '../components/ScrollLines.js';
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

/** Policy lines kept in view below the questions when they share one column. */
const MIN_POLICY_ROWS = 6;

export function PredictView(props: {
  prep: PreparedStep;
  answers: readonly (boolean | undefined)[];
  index: number;
  hints: number;
  /** The policies pane's scroll (PgUp/PgDn). */
  top: number;
  width: number;
  height: number;
  paneRef: { current: PaneExtent | undefined };
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
  lines.push({ text: `${answered}/${qs.length} answered`, dim: true });
  const questionLines = wrapLines(lines, qWidth - 1);
  // The policies (and the hints asked for, first) scroll in a pane of their own, beside the
  // questions or below them, so that PgUp/PgDn read them while the questions stay in view.
  const pWidth = wide ? width - qWidth - 1 : width;
  const reading = wrapLines(
    [...hintLines(prep.scenario, props.hints).filter((l, i) => i > 0 || l.text !== ''), ...(props.hints > 0 ? [{ text: '' }] : []), ...policyLines(prep)],
    pWidth - 1,
  );
  const qHeight = wide ? height : Math.max(1, Math.min(questionLines.length, height - 1 - MIN_POLICY_ROWS));
  const pHeight = wide ? height : Math.max(1, height - qHeight - 1);
  props.paneRef.current = paneExtent(reading.length, pHeight);
  const cursorLine = 2 + index;
  const qTop = Math.max(0, cursorLine - qHeight + 3);
  const questions = <ScrollLines lines={questionLines} top={clampScroll(qTop, questionLines.length, qHeight)} width={qWidth} height={qHeight} />;
  const policies = <ScrollLines lines={reading} top={clampScroll(props.top, reading.length, pHeight)} width={pWidth} height={pHeight} />;
  return (
    <Box flexDirection={wide ? 'row' : 'column'} width={width} height={height}>
      {questions}
      <Box width={1} height={1} />
      {policies}
    </Box>
  );
}
