// The result of a graded step: the verdict, expected beside got (or the predict answers), the
// selected cell's or question's why, and the details below.
import React from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { ScrollLines, clampScroll, paneExtent, type PaneExtent } from '../components/ScrollLines.js';
import { MatrixView, columnsThatFit, firstColumnFor, matrixWidths, SYMBOL, type MatrixGrid } from '../components/MatrixView.js';
import { resolvePattern, type PreparedStep } from '../../core/bank/prepare.js';
import { verdictLines } from '../../core/engine/reasons.js';
import { wrapLines } from '../../core/bank/describe.js';
import type { SessionState } from './session-state.js';
import type { Graded } from './graded.js';
import { predictFromText } from './answers.js';
import { cellTexts, cellWhy, type ResultTable } from '../../core/grader/result-table.js';
import { COMPACT } from '../../core/reach/ports.js';
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
  // A check's reason already says what was answered and what happens ("you said it fails; it
  // succeeds, because ..."): it stands alone, as `grade` prints it.
  if (q.check && /^you said /i.test(reasons[0])) return { node, height: qs.length + 1, why: [`${q.ask}: ${reasons[0]}`, ...reasons.slice(1)] };
  return { node, height: qs.length + 1, why: [`${q.ask}: ${lead}`, ...reasons] };
}

/** The table as the matrix view draws it: the expected or the got texts, "!" on wrong cells. */
function tableGrid(t: ResultTable, side: 'expected' | 'got'): MatrixGrid {
  return {
    rowLabels: t.rows.map((r) => r.name),
    columnLabels: t.columns.map((c) => c.label),
    cells: t.cells.map((row) =>
      row.map((cell) => {
        if (!cell) return undefined;
        const text = cellTexts(cell)[side];
        const tone = text === COMPACT.all ? 'allowed' : text === COMPACT.none ? 'denied' : text === COMPACT.ungraded ? 'none' : 'partial';
        return { text, tone, wrong: side === 'got' && cell.wrong };
      }),
    ),
  };
}

/** Expected beside got, both showing the columns around the cursor; the cell's why. */
function matrixPart(g: Graded, row: number, col: number, width: number, withLegend: boolean): { node: React.ReactNode; height: number; why: string[] } {
  const t = g.table;
  if (!t || !g.evaluation) return { node: null, height: 0, why: [] };
  const half = Math.floor((width - 1) / 2);
  const expected = tableGrid(t, 'expected');
  const got = tableGrid(t, 'got');
  const we = matrixWidths(expected, { maxCol: 12, minCol: 9, fitWidth: half });
  const wg = matrixWidths(got, { maxCol: 12, minCol: 9, fitWidth: half });
  const w = { rowLabel: Math.max(we.rowLabel, wg.rowLabel), col: Math.max(we.col, wg.col), twoLineHead: false };
  const total = t.columns.length;
  const shownCols = Math.max(1, Math.min(total, columnsThatFit(w, half)));
  const sideWidth = Math.min(half, w.rowLabel + w.col * shownCols + 1);
  const firstColumn = firstColumnFor(col, shownCols, total);
  const node = (
    <Box key="m" flexDirection="row" width={width}>
      <MatrixView title="Expected" grid={expected} widths={w} width={sideWidth} firstColumn={firstColumn} />
      <Box width={2} />
      <MatrixView title={`Got (${SYMBOL.wrong} = wrong)`} grid={got} widths={w} cursor={{ row, col }} width={sideWidth} firstColumn={firstColumn} />
    </Box>
  );
  const legend = (
    <Text key="l" dimColor wrap="truncate">
      {CELL_LEGEND}
    </Text>
  );
  return { node: withLegend ? [node, legend] : node, height: t.rows.length + (withLegend ? 3 : 2), why: cellWhy(t, row, col, g.evaluation) };
}

/** Shorter than this, the legend of the cell texts goes to the top of the details (it scrolls). */
const LEGEND_ROWS = 26;

/** What the cell texts mean, in words (NO_COLOR keeps every meaning). */
export const CELL_LEGEND = `${COMPACT.all} all  ${COMPACT.none} none  80 TCP port  53/U UDP  ${COMPACT.allBut}22 all but 22  ${COMPACT.ungraded} not graded  ${SYMBOL.wrong} wrong`;

export function ResultView(props: {
  prep: PreparedStep;
  graded: Graded;
  state: SessionState;
  width: number;
  height: number;
  paneRef: { current: PaneExtent | undefined };
}) {
  const { prep, graded: g, state, width, height } = props;
  const { row, col } = state.cursor;
  const matrix = prep.scenario.kind !== 'predict' && g.table !== undefined;
  const part = prep.scenario.kind === 'predict' ? predictPart(prep, g, row) : matrixPart(g, row, col, width, height >= LEGEND_ROWS);
  const legend = matrix && height < LEGEND_ROWS ? [{ text: CELL_LEGEND, dim: true }] : [];
  const details = wrapLines([...legend, ...detailLines(prep, g, state.hints, state.solutionShown)], width - 1);
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
  props.paneRef.current = paneExtent(details.length, detailsHeight);
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
