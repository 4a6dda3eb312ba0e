// The result of a graded step: the verdict, expected beside got (or the predict answers), the
// selected cell's or question's why, and the details below.
import React from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { ScrollLines, clampScroll } from '../components/ScrollLines.js';
import { MatrixView, columnsThatFit, firstColumnFor, matrixWidths, SYMBOL } from '../components/MatrixView.js';
import { resolvePattern, type PreparedStep } from '../../core/bank/prepare.js';
import { verdictLines } from '../../core/engine/reasons.js';
import { wrapLines } from '../../core/bank/describe.js';
import type { SessionState } from './session-state.js';
import type { Graded } from './graded.js';
import { predictFromText } from './answers.js';
import { cellWhy } from './world.js';
import { detailLines, verdictLine } from './result-lines.js';

const said = (a: boolean | undefined) => (a === undefined ? 'nothing' : a ? 'allowed' : 'denied');

/** The predict answers, the selected one's why: "you said allowed; it is denied, because ...". */
function predictPart(prep: PreparedStep, g: Graded, row: number): { node: React.ReactNode; height: number; why: string[] } {
  const s = prep.scenario;
  const qs = s.steps[prep.step - 1].questions;
  const answers = predictFromText(s, prep.step, g.text);
  const node = (
    <Box key="q" flexDirection="column">
      <Text bold>Your answers</Text>
      {qs.map((x, i) => {
        const ok = answers[i] === x.expect;
        return (
          <Text key={i} wrap="truncate" color={ok ? 'green' : 'red'} inverse={i === row}>
            {`${i === row ? '>' : ' '}${ok ? '✓ ' : `✗${SYMBOL.wrong}`} ${x.ask}: you said ${said(answers[i])}, it is ${said(x.expect)}`}
          </Text>
        );
      })}
    </Box>
  );
  const q = qs[Math.min(row, qs.length - 1)];
  if (!q) return { node, height: qs.length + 1, why: [] };
  const i = qs.indexOf(q);
  const lead = answers[i] === q.expect ? `You said ${said(answers[i])}: right, because` : `You said ${said(answers[i])}; it is ${said(q.expect)}, because`;
  let reasons: string[];
  if (q.check) reasons = [g.result.checks.find((x) => x.requirement === q.ask)?.reason ?? ''];
  else {
    const from = resolvePattern(q.from, prep.endpoints)[0];
    const to = resolvePattern(q.to!, prep.endpoints)[0];
    reasons = verdictLines(g.engine, g.engine.verdict(prep.endpoints[from].id, prep.endpoints[to].id, { port: q.port!.port, protocol: q.port!.protocol! }));
  }
  return { node, height: qs.length + 1, why: [`${q.ask}: ${lead}`, ...reasons] };
}

/** Expected beside got, both showing the columns around the cursor; the cell's why. */
function matrixPart(prep: PreparedStep, g: Graded, row: number, col: number, width: number): { node: React.ReactNode; height: number; why: string[] } {
  const half = Math.floor((width - 1) / 2);
  const w = matrixWidths(g.layout);
  const shownCols = Math.max(1, Math.min(g.layout.columns.length, columnsThatFit(g.layout, half, false)));
  const gotWidth = Math.min(half, w.rowLabel + w.col * shownCols + 1);
  const firstColumn = firstColumnFor(col, Math.min(g.layout.columns.length, columnsThatFit(g.layout, gotWidth)), g.layout.columns.length);
  const node = (
    <Box key="m" flexDirection="row" width={width}>
      <MatrixView title="Expected" layout={g.layout} grid={g.expected} width={gotWidth} firstColumn={firstColumn} />
      <Box width={2} />
      <MatrixView
        title={`Got (${SYMBOL.wrong} = wrong)`}
        layout={g.layout}
        grid={g.got}
        expected={g.expected}
        cursor={{ row, col }}
        width={gotWidth}
        hideRowLabels={false}
        firstColumn={firstColumn}
      />
    </Box>
  );
  const r = g.layout.rows[row];
  const c = g.layout.columns[col];
  if (!r || !c || r.index === c.to)
    return { node, height: g.layout.rows.length + 2, why: [r && c ? `${r.label} -> ${c.label}: a pod to itself is never graded` : 'no cell'] };
  const lines = cellWhy(g.engine, prep.endpoints, r.index, c);
  const e = g.expected[row]?.[col];
  const expectedWord = e === undefined ? 'not graded' : e ? 'allowed' : 'denied';
  lines[0] = `${lines[0]}  (expected ${expectedWord}${e !== undefined && e !== g.got[row]?.[col] ? ` ${SYMBOL.wrong}` : ''})`;
  return { node, height: g.layout.rows.length + 2, why: lines };
}

export function ResultView(props: {
  prep: PreparedStep;
  graded: Graded;
  state: SessionState;
  width: number;
  height: number;
  maxTopRef: { current: number | undefined };
}) {
  const { prep, graded: g, state, width, height } = props;
  const { row, col } = state.cursor;
  const part = prep.scenario.kind === 'predict' ? predictPart(prep, g, row) : matrixPart(prep, g, row, col, width);
  const details = wrapLines(detailLines(prep, g, state.hints, state.solutionShown), width - 1);
  // The why is shown whole when the room allows (its last lines name the rule that decides);
  // the details below keep a few lines and scroll.
  const whyAll = wrapLines(
    part.why.map((t, i) => ({ text: t, bold: i === 0, color: i === 0 ? ('cyan' as const) : undefined })),
    width - 1,
  );
  const whyRoom = Math.max(1, height - 1 - part.height - 1 - Math.max(2, Math.min(3, details.length)));
  const whyLines =
    whyAll.length <= whyRoom
      ? whyAll
      : [...whyAll.slice(0, whyRoom - 1), { ...whyAll[whyRoom - 1], text: `${whyAll[whyRoom - 1].text.slice(0, Math.max(0, width - 3))}…` }];
  const detailsHeight = Math.max(2, height - 1 - part.height - whyLines.length - 1);
  props.maxTopRef.current = Math.max(0, details.length - detailsHeight);
  const verdict = verdictLine(g.result, g.saved);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate" bold color={verdict.color}>
        {verdict.text}
      </Text>
      {part.node}
      <Box flexDirection="column" height={whyLines.length}>
        {whyLines.map((l, i) => (
          <Text key={i} wrap="truncate" color={l.color} bold={l.bold}>
            {l.text}
          </Text>
        ))}
      </Box>
      <Text dimColor wrap="truncate">
        {'─'.repeat(Math.max(0, width - 1))}
      </Text>
      <ScrollLines lines={details} top={clampScroll(state.detailsTop, details.length, detailsHeight)} width={width} height={detailsHeight} />
    </Box>
  );
}
