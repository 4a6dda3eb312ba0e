// The YAML editor with (practice) or without (exam) the live matrix beside or below it: the
// matrix the draft produces, recomputed after each completed edit (the editor's settled text:
// not while letters are typed in a run on one line), or once such typing pauses.
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { MatrixView, matrixWidths, SYMBOL, type MatrixGrid } from './MatrixView.js';
import { YamlEditor } from '../editor/YamlEditor.js';
import type { PreparedStep } from '../../core/bank/prepare.js';
import { previewOf, type Cell, type MatrixLayout } from '../practice/world.js';

/** Narrower than this, the live preview goes below the editor and pick candidates one after another. */
export const WIDE_COLUMNS = 110;
/** A run of letters typed on one line shows in the matrix once the typing pauses this long. */
const PREVIEW_PAUSE_MS = 500;

/** The probe grid as the matrix view draws it: ✓ / ✗ per cell. */
export function probeMatrix(layout: MatrixLayout, grid: Cell[][]): MatrixGrid {
  return {
    rowLabels: layout.rows.map((r) => r.label),
    columnLabels: layout.columns.map((c) => c.label),
    cells: grid.map((row) =>
      row.map((c) => (c === undefined ? undefined : { text: c ? SYMBOL.allowed : SYMBOL.denied, tone: c ? ('allowed' as const) : ('denied' as const) })),
    ),
  };
}

/** Beside the editor the matrix may take up to half the width; below it, the whole width. */
export function previewWidthFor(layout: MatrixLayout, width: number): number {
  if (width < WIDE_COLUMNS) return width;
  const grid = probeMatrix(layout, []);
  const w = matrixWidths(grid, { maxRowLabel: 14 });
  return Math.min(Math.max(30, w.rowLabel + w.col * layout.columns.length + 2), Math.floor(width * 0.5));
}

export interface AnswerEditorProps {
  prep: PreparedStep;
  layout: MatrixLayout;
  initialText: string;
  width: number;
  height: number;
  isActive: boolean;
  problem?: { line?: number; message: string };
  /** false in the exam: no matrix, no hint of what the draft does. */
  preview?: boolean;
  onChange: (t: string) => void;
  onSubmit: (t: string) => void;
  onCancel: (t: string) => void;
  onHelp: () => void;
  /** How long a pause in a run of letters waits before the matrix follows (tests set it out of reach). */
  previewPauseMs?: number;
}

export function AnswerEditor(props: AnswerEditorProps) {
  const { prep, layout, width, height } = props;
  const showPreview = props.preview ?? true;
  // The text the matrix shows: set on completed edits, not on every key.
  const [text, setText] = useState(props.initialText);
  const [preview, setPreview] = useState(() => (showPreview ? previewOf(prep, layout, props.initialText) : { grid: [] }));
  const [lastGood, setLastGood] = useState(preview.grid);
  const [shown, setShown] = useState(props.initialText);
  useEffect(() => {
    if (!showPreview || text === shown) return;
    const p = previewOf(prep, layout, text);
    setShown(text);
    setPreview(p);
    if (!p.problem) setLastGood(p.grid);
  }, [text, shown, prep, layout, showPreview]);
  // Letters typed in a run: the matrix follows once the typing pauses (a fallback only: every
  // other edit sets the text at once, and tests wait for those).
  const pause = useRef<NodeJS.Timeout | undefined>(undefined);
  useEffect(() => () => clearTimeout(pause.current), []);
  const { onChange, previewPauseMs: pauseMs = PREVIEW_PAUSE_MS } = props;
  const change = useCallback(
    (t: string) => {
      onChange(t);
      clearTimeout(pause.current);
      if (showPreview) pause.current = setTimeout(() => setText(t), pauseMs);
    },
    [onChange, showPreview, pauseMs],
  );
  const settle = useCallback((t: string) => {
    clearTimeout(pause.current);
    setText(t);
  }, []);

  const editor = (w: number, h: number, problem = props.problem) => (
    <YamlEditor
      initialText={props.initialText}
      width={w}
      height={h}
      isActive={props.isActive}
      errorLine={problem?.line}
      errorMessage={problem?.message}
      onChange={change}
      onSettledChange={settle}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
      onHelp={props.onHelp}
    />
  );
  if (!showPreview) return editor(width, height);
  const wide = width >= WIDE_COLUMNS;
  const grid = probeMatrix(layout, lastGood);
  // Beside the editor the matrix takes what its columns need, up to half the width; its columns
  // shrink to fit there (heads "name:port" over two lines), so that none is hidden.
  const previewWidth = previewWidthFor(layout, width);
  const matrixWidth = previewWidth - (wide ? 1 : 0);
  const widths = matrixWidths(grid, { maxRowLabel: 14, fitWidth: matrixWidth });
  const matrixRows = layout.rows.length + 3 + (widths.twoLineHead ? 1 : 0);
  // Heads cut to fit: beside the editor there is room below to name the columns whole.
  const cut = layout.columns.some(
    (c) => c.label.length > widths.col - 1 && (!widths.twoLineHead || c.label.slice(0, c.label.lastIndexOf(':')).length > widths.col - 1),
  );
  const previewHeight = wide ? height : Math.min(Math.max(4, matrixRows + 1), Math.floor(height / 2));
  const editorWidth = wide ? width - previewWidth - 1 : width;
  const editorHeight = wide ? height : height - previewHeight;
  const shownProblem = preview.problem ?? props.problem;
  return (
    <Box flexDirection={wide ? 'row' : 'column'} width={width} height={height}>
      {editor(editorWidth, editorHeight, shownProblem)}
      <Box flexDirection="column" width={previewWidth} height={previewHeight} paddingLeft={wide ? 1 : 0}>
        <MatrixView title="Live: who can talk to whom with this draft" grid={grid} widths={widths} width={matrixWidth} />
        <Text dimColor={!preview.problem} color={preview.problem ? 'yellow' : undefined} wrap="truncate">
          {preview.problem
            ? `draft does not load (${preview.problem.line ? `line ${preview.problem.line}` : 'see below'}): showing the last one that did`
            : `${SYMBOL.allowed} allowed  ${SYMBOL.denied} denied  ${SYMBOL.none} self`}
        </Text>
        {wide && cut ? (
          <Text dimColor wrap="wrap">
            {`columns: ${layout.columns.map((c) => c.label).join(' · ')}`}
          </Text>
        ) : null}
      </Box>
    </Box>
  );
}
