// A practice session on one exercise: the task, the answer (editor with a live matrix, or the
// predict/pick drills), and the result with the matrix expected beside got and each cell's why.
// Every grade is recorded in the store as the `grade` command records it (attemptOf).
import React, { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { KeyHints } from '../components/KeyHelp.js';
import { ScrollLines, clampScroll } from '../components/ScrollLines.js';
import { MatrixView, columnsThatFit, firstColumnFor, matrixWidths, cellSymbol, SYMBOL } from '../components/MatrixView.js';
import { YamlEditor, EDITOR_KEYS } from '../editor/YamlEditor.js';
import type { Scenario } from '../../core/bank/scenario.js';
import { solutionAnswer } from '../../core/bank/scenario.js';
import { preparedStep, existingBlocksAt, resolvePattern, type PreparedStep } from '../../core/bank/prepare.js';
import { gradeAnswer, type GradeResult } from '../../core/grader/grade.js';
import { readPickAnswer, readPredictAnswer } from '../../core/grader/answer.js';
import type { Finding } from '../../core/findings.js';
import type { Engine } from '../../core/engine/engine.js';
import { verdictLines } from '../../core/engine/reasons.js';
import { attemptOf } from '../../core/training/attempt-of.js';
import type { PracticeData } from '../practice/services.js';
import { sessionReducer, initialSession, type KeyContext, type SessionState } from '../practice/session-state.js';
import {
  ANSWER_FILE, blamedLine, cellWhy, engineOf, existingWorld, expectedGrid, gotGrid, matrixLayout, previewOf,
  worldOfCandidate, worldOfPolicyAnswer, type Cell, type MatrixLayout,
} from '../practice/world.js';
import { useClock, useNow } from '../clock.js';
import { clock, hintLines, taskLines, wrap, wrapLines, type Line } from '../../core/bank/describe.js';

export interface ScreenKeys {
  footer: KeyHints;
  help: KeyHints;
}

const TASK_KEYS: KeyHints = [['Enter', 'answer'], ['↑/↓ PgUp/PgDn', 'scroll'], ['h', 'hint'], ['Esc', 'back'], ['?', 'help'], ['q', 'quit']];
const TASK_HELP: KeyHints = [
  ['Enter / a', 'write the answer'],
  ['↑ ↓ / j k', 'scroll a line'],
  ['PgUp PgDn / Space', 'scroll a page'],
  ['h', 'one more hint (each press reveals the next)'],
  ['Esc', 'back to the exercise list'],
  ['?', 'this help'],
  ['q / Ctrl+C', 'quit (the draft is kept)'],
];
const ANSWER_KEYS: KeyHints = [['Ctrl+S', 'grade'], ['Ctrl+E', '$EDITOR'], ['Esc', 'task'], ['F1', 'help'], ['Ctrl+C', 'quit']];
const ANSWER_HELP: KeyHints = [...EDITOR_KEYS.map(([k, v]) => [k, k === 'Esc' ? 'back to the task (the draft is kept)' : k.startsWith('Ctrl+S') ? 'grade the answer' : v] as const), ['Ctrl+C', 'quit (the draft is kept)']];
const PREDICT_KEYS: KeyHints = [['↑/↓', 'question'], ['Space', 'toggle'], ['y/n', 'yes/no'], ['Enter', 'grade'], ['Esc', 'task'], ['?', 'help']];
const PREDICT_HELP: KeyHints = [
  ['↑ ↓ / j k', 'move between questions'],
  ['Space', 'toggle yes / no'],
  ['y / → and n / ←', 'answer yes / no'],
  ['Enter / Ctrl+S', 'grade (unanswered questions count as wrong)'],
  ['h', 'one more hint'],
  ['Esc', 'back to the task'],
  ['?', 'this help'],
  ['q / Ctrl+C', 'quit'],
];
const PICK_KEYS: KeyHints = [['←/→', 'choose'], ['Enter', 'grade'], ['PgUp/PgDn', 'scroll'], ['Esc', 'task'], ['?', 'help']];
const PICK_HELP: KeyHints = [
  ['← → / ↑ ↓ / j k', 'select a candidate'],
  ['PgUp PgDn / Space', 'scroll the candidate files'],
  ['Enter / Ctrl+S', 'grade the selected candidate'],
  ['h', 'one more hint'],
  ['Esc', 'back to the task'],
  ['?', 'this help'],
  ['q / Ctrl+C', 'quit'],
];
const RESULT_KEYS: KeyHints = [['arrows', 'cell'], ['r', 'retry'], ['n', 'next'], ['h', 'hint'], ['s', 'solution'], ['Esc', 'task'], ['?', 'help']];
const RESULT_HELP: KeyHints = [
  ['← → ↑ ↓ / j k', 'move to a cell: its full why is shown'],
  ['PgUp PgDn / Space', 'scroll the details'],
  ['r', 'retry: back to the editor with your answer'],
  ['n', 'next step, or the next exercise'],
  ['h', 'one more hint'],
  ['s', 'show the reference solution (recorded as revealed)'],
  ['Esc', 'back to the task'],
  ['!', 'a cell that differs from what the step expects'],
  ['✓ ✗ ·', 'allowed / denied / not graded'],
  ['q / Ctrl+C', 'quit'],
];

export function sessionKeys(state: Pick<SessionState, 'view'>, kind: Scenario['kind']): ScreenKeys {
  if (state.view === 'task') return { footer: TASK_KEYS, help: TASK_HELP };
  if (state.view === 'result') return { footer: RESULT_KEYS, help: RESULT_HELP };
  if (kind === 'predict') return { footer: PREDICT_KEYS, help: PREDICT_HELP };
  if (kind === 'pick') return { footer: PICK_KEYS, help: PICK_HELP };
  return { footer: ANSWER_KEYS, help: ANSWER_HELP };
}

/** Narrower than this, the live preview goes below the editor and pick candidates one after another. */
export const WIDE_COLUMNS = 110;
const PREVIEW_DEBOUNCE_MS = 150;

// ---- answers as text ----

export function predictText(scenario: Scenario, step: number, answers: readonly (boolean | undefined)[]): string {
  return scenario.steps[step - 1].questions
    .map((q, i) => (answers[i] === undefined ? undefined : `${JSON.stringify(q.ask)}: ${answers[i] ? 'yes' : 'no'}`))
    .filter((l): l is string => l !== undefined)
    .join('\n');
}

function predictFromText(scenario: Scenario, step: number, text: string | undefined): (boolean | undefined)[] {
  const qs = scenario.steps[step - 1]?.questions ?? [];
  if (!text) return qs.map(() => undefined);
  const m = readPredictAnswer({ file: ANSWER_FILE, text });
  return qs.map((q) => (Array.isArray(m) ? undefined : m.get(q.ask)));
}

function pickFromText(scenario: Scenario, text: string | undefined): number {
  if (!text) return 0;
  const id = readPickAnswer({ file: ANSWER_FILE, text });
  return typeof id === 'string' ? Math.max(0, scenario.candidates.findIndex((c) => c.id === id)) : 0;
}

function answerTextOf(scenario: Scenario, state: SessionState): string {
  if (scenario.kind === 'predict') return predictText(scenario, state.step, state.predict);
  if (scenario.kind === 'pick') return `pick: ${scenario.candidates[state.pickIndex]?.id ?? ''}`;
  return state.text;
}

/** The first step without a passing attempt (the first, when all have passed). */
export function startingStep(data: PracticeData, s: Scenario): number {
  const passed = new Set(data.store.attempts({ exerciseId: s.id }).filter((a) => a.passed).map((a) => a.step));
  for (let step = 1; step <= s.steps.length; step++) if (!passed.has(step)) return step;
  return 1;
}

/** The text the answer starts from: the draft, else what the previous step ended with, else (fix) the existing policies. */
export function startingText(data: PracticeData, s: Scenario, step: number, carried?: string): string {
  const draft = data.drafts.text(s.id, step);
  if (draft !== undefined) return draft;
  if (carried !== undefined) return carried;
  if (step > 1) {
    const prev = data.drafts.text(s.id, step - 1) ?? data.store.attempts({ exerciseId: s.id, step: step - 1 }).filter((a) => a.passed).pop()?.answer;
    if (prev !== undefined) return prev;
  }
  if (s.kind === 'fix') return existingBlocksAt(s, step).map((b) => b.text.trimEnd()).join('\n---\n') + '\n';
  return '';
}

// ---- the graded result, ready to draw ----

interface Graded {
  text: string;
  result: GradeResult;
  engine: Engine;
  layout: MatrixLayout;
  expected: Cell[][];
  got: Cell[][];
  saved: 'saving' | 'saved' | string;
}

function gradedView(prep: PreparedStep, text: string, result: GradeResult, pickId?: string): Graded {
  const layout = matrixLayout(prep);
  const world = prep.scenario.kind === 'pick' && pickId ? worldOfCandidate(prep, pickId) : prep.scenario.kind === 'predict' ? existingWorld(prep) : worldOfPolicyAnswer(prep, text);
  const engine = engineOf(world.ok ? world : (existingWorld(prep) as Extract<typeof world, { ok: true }>));
  return { text, result, engine, layout, expected: expectedGrid(prep, layout), got: gotGrid(engine, layout), saved: 'saving' };
}

/** Where the result's cell cursor starts: the first wrong cell, else the first graded one. */
function firstCell(g: Graded): { row: number; col: number } {
  let graded: { row: number; col: number } | undefined;
  for (let row = 0; row < g.got.length; row++) {
    for (let col = 0; col < g.got[row].length; col++) {
      const e = g.expected[row][col];
      if (e !== undefined && g.got[row][col] !== undefined && e !== g.got[row][col]) return { row, col };
      if (!graded && g.got[row][col] !== undefined) graded = { row, col };
    }
  }
  return graded ?? { row: 0, col: 0 };
}

// ---- the component ----

export interface SessionProps {
  data: PracticeData;
  scenario: Scenario;
  width: number;
  height: number;
  isActive: boolean;
  onBack: () => void;
  onQuit: () => void;
  onHelp: () => void;
  /** Open the exercise after this one. */
  onNext: () => void;
  onKeys: (keys: ScreenKeys) => void;
  /** Called after each recorded attempt (the home summary changes). */
  onRecorded?: () => void;
  /** How attempts are recorded: 'review' when retrying a mistake from the review screen. */
  mode?: 'practice' | 'review';
  /** Start on this step with this answer in the editor (a retry of an old attempt). */
  start?: { step: number; text: string };
}

export function Session(props: SessionProps) {
  const { data, scenario: s, width, height } = props;
  const clockSource = useClock();
  const now = clockSource.now;
  const [state, dispatch] = useReducer(sessionReducer, undefined, () => {
    const start = props.start && props.start.step >= 1 && props.start.step <= s.steps.length ? props.start : undefined;
    const step = start?.step ?? startingStep(data, s);
    const text = start?.text ?? startingText(data, s, step);
    data.drafts.known(s.id, step, data.drafts.text(s.id, step) ?? text);
    const first = initialSession(step, text, predictFromText(s, step, text), pickFromText(s, text), now());
    // A retry goes straight to the answer, with the old one in place.
    return start ? { ...first, view: 'answer' as const } : first;
  });
  const [graded, setGraded] = useState<Graded | undefined>();
  const [problem, setProblem] = useState<{ line?: number; message: string } | undefined>();
  const prep = useMemo(() => preparedStep(s, state.step).prepared, [s, state.step]);

  // The clock: time on this step.
  useNow(1000);

  const { onKeys } = props;
  useEffect(() => onKeys(sessionKeys(state, s.kind)), [state.view, s.kind, onKeys]); // eslint-disable-line react-hooks/exhaustive-deps

  // Drafts: predict and pick answers are saved as they change; the editor saves through onChange.
  const answerText = answerTextOf(s, state);
  useEffect(() => {
    if (s.kind === 'predict' || s.kind === 'pick') data.drafts.schedule(s.id, state.step, answerText);
  }, [answerText, s.id, s.kind, state.step, data.drafts]);
  // Leaving the answer (or the session) writes the draft at once.
  useEffect(() => {
    if (state.view !== 'answer') void data.drafts.flush();
  }, [state.view, data.drafts]);
  useEffect(() => () => void data.drafts.flush(), [data.drafts]);

  const bodyHeight = Math.max(3, height - 1);
  const layout = useMemo(() => (prep ? matrixLayout(prep) : { rows: [], columns: [] }), [prep]);
  const resultRows = s.kind === 'predict' ? s.steps[state.step - 1].questions.length : layout.rows.length;
  // The result matrix scrolls sideways with its cursor, so every column can be reached.
  const resultCols = s.kind === 'predict' ? 1 : layout.columns.length;
  const ctx: KeyContext = {
    kind: s.kind, questions: s.steps[state.step - 1].questions.length, candidates: s.candidates.length,
    hintCount: s.hints.length, page: Math.max(1, bodyHeight - 2), rows: Math.max(1, resultRows), cols: Math.max(1, resultCols),
  };

  // The views say how far their scrolling pane can go (known only once they are laid out).
  const maxTopRef = useRef<number | undefined>(undefined);
  useKeys((key) => dispatch({ type: 'key', key, ctx: { ...ctx, maxTop: maxTopRef.current } }), {
    isActive: props.isActive && !(state.view === 'answer' && (s.kind === 'write' || s.kind === 'fix')),
    splitText: true,
  });

  // Requests: the side effects of keys.
  const { onBack, onQuit, onHelp, onNext, onRecorded } = props;
  const stateRef = useRef(state);
  stateRef.current = state;
  useEffect(() => {
    const request = state.request;
    if (!request) return;
    if (request === 'help') onHelp();
    if (request === 'back') onBack();
    if (request === 'quit') onQuit();
    if (request === 'grade') {
      const text = answerTextOf(s, state);
      const outcome = gradeAnswer(s, [{ file: ANSWER_FILE, text }], { step: state.step });
      if (!outcome.ok) {
        setProblem(blamedLine(outcome.findings) ?? { message: 'the answer does not load' });
        dispatch({ type: 'view', view: 'answer' });
        return;
      }
      setProblem(undefined);
      const pickId = s.kind === 'pick' ? s.candidates[state.pickIndex]?.id : undefined;
      const view = gradedView(prep!, text, outcome.result, pickId);
      setGraded(view);
      dispatch({ type: 'graded', cursor: firstCell(view) });
      void data.drafts.flush();
      data.store.recordAttempt(attemptOf({ result: outcome.result, answer: text, mode: props.mode ?? 'practice', startedAt: new Date(state.stepStartedAt) }))
        .then(() => {
          setGraded((g) => (g === view ? { ...view, saved: 'saved' } : g));
          onRecorded?.();
        })
        .catch((e: unknown) => setGraded((g) => (g === view ? { ...view, saved: `not saved: ${e instanceof Error ? e.message : String(e)}` } : g)));
      return;
    }
    if (request === 'reveal') {
      void data.store.recordReveal(s.id, state.step).catch(() => undefined);
      dispatch({ type: 'solutionShown' });
      return;
    }
    if (request === 'next') {
      if (graded?.result.passed && state.step < s.steps.length) {
        const step = state.step + 1;
        const carried = graded.text;
        const text = startingText(data, s, step, s.kind === 'write' || s.kind === 'fix' ? carried : undefined);
        data.drafts.known(s.id, step, data.drafts.text(s.id, step) ?? '');
        setGraded(undefined);
        dispatch({ type: 'startStep', step, text, predict: predictFromText(s, step, data.drafts.text(s.id, step)), pickIndex: 0, now: now() });
        return;
      }
      onNext();
    }
    dispatch({ type: 'requestDone' });
    // Runs once per request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.request]);

  const onEditorChange = useCallback((text: string) => {
    dispatch({ type: 'text', text });
    data.drafts.schedule(s.id, stateRef.current.step, text);
  }, [data.drafts, s.id]);
  const onEditorSubmit = useCallback((text: string) => {
    dispatch({ type: 'text', text });
    dispatch({ type: 'request', request: 'grade' });
  }, []);
  const onEditorCancel = useCallback((text: string) => {
    dispatch({ type: 'text', text });
    dispatch({ type: 'view', view: 'task' });
  }, []);

  if (!prep) {
    return (
      <Box flexDirection="column" width={width} height={height} paddingX={1}>
        <Text color="red">{`${s.id} cannot be prepared: ${preparedStep(s, state.step).findings[0]?.message ?? 'unknown error'}`}</Text>
        <Text>Esc goes back.</Text>
      </Box>
    );
  }

  const st = s.steps[state.step - 1];
  const elapsed = clock(now() - state.stepStartedAt);
  const headLeft = `${s.id} · Step ${state.step}/${s.steps.length}: ${st.title}`;
  const headRight = ` time ${elapsed}`;
  const head = (
    <Box width={width} height={1}>
      <Box flexGrow={1} flexShrink={1}><Text bold wrap="truncate">{headLeft}</Text></Box>
      <Text color="cyan">{headRight}</Text>
    </Box>
  );

  let body: React.ReactNode;
  if (state.view === 'task') {
    const lines = wrapLines(taskLines(prep, state.hints), width - 1);
    maxTopRef.current = Math.max(0, lines.length - bodyHeight);
    body = <ScrollLines lines={lines} top={clampScroll(state.taskTop, lines.length, bodyHeight)} width={width} height={bodyHeight} />;
  } else if (state.view === 'answer' && (s.kind === 'write' || s.kind === 'fix')) {
    body = (
      <AnswerEditor key={`${state.step}:${state.editorKey}`} prep={prep} layout={layout} initialText={state.text} width={width} height={bodyHeight}
        isActive={props.isActive} problem={problem} onChange={onEditorChange} onSubmit={onEditorSubmit} onCancel={onEditorCancel} onHelp={onHelp} />
    );
  } else if (state.view === 'answer' && s.kind === 'predict') {
    body = <PredictView prep={prep} answers={state.predict} index={state.predictIndex} hints={state.hints} width={width} height={bodyHeight} />;
  } else if (state.view === 'answer' && s.kind === 'pick') {
    body = <PickView prep={prep} index={state.pickIndex} top={state.pickTop} problem={problem} width={width} height={bodyHeight} maxTopRef={maxTopRef} />;
  } else if (graded) {
    body = <ResultView prep={prep} graded={graded} state={state} width={width} height={bodyHeight} maxTopRef={maxTopRef} />;
  } else body = <Text>Nothing graded yet.</Text>;

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {head}
      {body}
    </Box>
  );
}

// ---- answer: editor with the live matrix ----

/** The YAML editor with (practice) or without (exam) the live matrix beside or below it. */
export function AnswerEditor(props: {
  prep: PreparedStep; layout: MatrixLayout; initialText: string; width: number; height: number; isActive: boolean;
  problem?: { line?: number; message: string };
  /** false in the exam: no matrix, no hint of what the draft does. */
  preview?: boolean;
  onChange: (t: string) => void; onSubmit: (t: string) => void; onCancel: (t: string) => void; onHelp: () => void;
}) {
  const { prep, layout, width, height } = props;
  const showPreview = props.preview ?? true;
  const [text, setText] = useState(props.initialText);
  const [preview, setPreview] = useState(() => (showPreview ? previewOf(prep, layout, props.initialText) : { grid: [] }));
  const [lastGood, setLastGood] = useState(preview.grid);
  useEffect(() => {
    if (!showPreview) return;
    const t = setTimeout(() => {
      const p = previewOf(prep, layout, text);
      setPreview(p);
      if (!p.problem) setLastGood(p.grid);
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, prep, layout, showPreview]);
  const { onChange } = props;
  const change = useCallback((t: string) => {
    setText(t);
    onChange(t);
  }, [onChange]);

  if (!showPreview) {
    return (
      <YamlEditor initialText={props.initialText} width={width} height={height} isActive={props.isActive}
        errorLine={props.problem?.line} errorMessage={props.problem?.message}
        onChange={change} onSubmit={props.onSubmit} onCancel={props.onCancel} onHelp={props.onHelp} />
    );
  }
  const wide = width >= WIDE_COLUMNS;
  const w = matrixWidths(layout);
  const matrixRows = layout.rows.length + 3;
  const previewHeight = wide ? height : Math.min(Math.max(4, matrixRows + 1), Math.floor(height / 2));
  const previewWidth = wide ? Math.min(Math.max(30, w.rowLabel + w.col * layout.columns.length + 2), Math.floor(width * 0.45)) : width;
  const editorWidth = wide ? width - previewWidth - 1 : width;
  const editorHeight = wide ? height : height - previewHeight;
  const shownProblem = preview.problem ?? props.problem;
  const pane = (
    <Box flexDirection="column" width={previewWidth} height={previewHeight} paddingLeft={wide ? 1 : 0}>
      <MatrixView title="Live: who can talk to whom with this draft" layout={layout} grid={lastGood} width={previewWidth - (wide ? 1 : 0)} />
      <Text dimColor={!preview.problem} color={preview.problem ? 'yellow' : undefined} wrap="truncate">
        {preview.problem ? `draft does not load (${preview.problem.line ? `line ${preview.problem.line}` : 'see below'}): showing the last one that did` : `${SYMBOL.allowed} allowed  ${SYMBOL.denied} denied  ${SYMBOL.none} self`}
      </Text>
    </Box>
  );
  return (
    <Box flexDirection={wide ? 'row' : 'column'} width={width} height={height}>
      <YamlEditor initialText={props.initialText} width={editorWidth} height={editorHeight} isActive={props.isActive}
        errorLine={shownProblem?.line} errorMessage={shownProblem?.message}
        onChange={change} onSubmit={props.onSubmit} onCancel={props.onCancel} onHelp={props.onHelp} />
      {pane}
    </Box>
  );
}

// ---- predict ----

function PredictView(props: { prep: PreparedStep; answers: readonly (boolean | undefined)[]; index: number; hints: number; width: number; height: number }) {
  const { prep, answers, index, width, height } = props;
  const qs = prep.scenario.steps[prep.step - 1].questions;
  const lines: Line[] = [
    { text: 'Will each connection work? Space toggles, y/n answers, Enter grades.', dim: true },
    { text: '' },
  ];
  qs.forEach((q, i) => {
    const a = answers[i];
    const mark = a === undefined ? '[ ? ]' : a ? '[yes]' : '[no ]';
    lines.push({ text: `${i === index ? '>' : ' '} ${mark} ${q.ask}`, bold: i === index, color: a === undefined ? undefined : a ? 'green' : 'yellow' });
  });
  const answered = answers.filter((a) => a !== undefined).length;
  lines.push({ text: '' }, { text: `${answered}/${qs.length} answered`, dim: true });
  lines.push(...hintLines(prep.scenario, props.hints));
  const wrapped = wrapLines(lines, width - 1);
  const cursorLine = 2 + index;
  const top = Math.max(0, cursorLine - height + 3);
  return <ScrollLines lines={wrapped} top={top} width={width} height={height} />;
}

// ---- pick ----

function PickView(props: { prep: PreparedStep; index: number; top: number; problem?: { message: string }; width: number; height: number; maxTopRef: { current: number | undefined } }) {
  const { prep, index, width, height } = props;
  const cands = prep.scenario.candidates;
  const wide = width >= WIDE_COLUMNS && cands.length <= 3;
  const tabs = (
    <Text wrap="truncate">
      {cands.map((c, i) => (
        <Text key={c.id} inverse={i === index} bold={i === index}>{` ${i === index ? '>' : ' '}${c.id} `}</Text>
      ))}
      <Text dimColor>{'  ← → choose · Enter grades the selected one'}</Text>
    </Text>
  );
  const h = height - 1 - (props.problem ? 1 : 0);
  if (wide) {
    const colWidth = Math.floor(width / cands.length);
    props.maxTopRef.current = Math.max(0, ...cands.map((c) => c.policies.text.trimEnd().split('\n').length + 1 - (h - 2)));
    return (
      <Box flexDirection="column" width={width} height={height}>
        {tabs}
        {props.problem ? <Text color="red" wrap="truncate">{props.problem.message}</Text> : null}
        <Box flexDirection="row" height={h}>
          {cands.map((c, i) => {
            const lines: Line[] = [{ text: `${i === index ? '>' : ' '} candidate ${c.id}`, bold: true, color: i === index ? 'cyan' : undefined }, ...c.policies.text.trimEnd().split('\n').map((t) => ({ text: t, dim: i !== index }))];
            return (
              <Box key={c.id} width={colWidth} borderStyle={i === index ? 'bold' : 'single'} borderColor={i === index ? 'cyan' : undefined} flexDirection="column">
                <ScrollLines lines={lines} top={props.top} width={colWidth - 2} height={h - 2} />
              </Box>
            );
          })}
        </Box>
      </Box>
    );
  }
  // Narrow: the candidates one after another, the selected one first in view.
  const lines: Line[] = [];
  let selectedAt = 0;
  cands.forEach((c, i) => {
    if (i === index) selectedAt = lines.length;
    lines.push({ text: `${i === index ? '>' : ' '} candidate ${c.id}${i === index ? '  (selected)' : ''}`, bold: true, color: i === index ? 'cyan' : undefined });
    for (const t of c.policies.text.trimEnd().split('\n')) lines.push({ text: `  ${t}`, dim: i !== index });
    lines.push({ text: '' });
  });
  props.maxTopRef.current = Math.max(0, lines.length - h - selectedAt);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {tabs}
      {props.problem ? <Text color="red" wrap="truncate">{props.problem.message}</Text> : null}
      <ScrollLines lines={lines} top={selectedAt + props.top} width={width} height={h} />
    </Box>
  );
}

// ---- result ----

function verdictLine(r: GradeResult, saved: string): Line {
  const head = r.passed ? '✓ PASSED' : '✗ FAILED';
  const rec = saved === 'saved' ? 'recorded' : saved === 'saving' ? 'recording…' : saved;
  return { text: `${head}  step ${r.step}/${r.steps} · score ${Math.round(r.score * 100)}% · ${rec}`, bold: true, color: r.passed ? 'green' : 'red' };
}

export function detailLines(prep: PreparedStep, g: Graded, hints: number, solutionShown: boolean): Line[] {
  const r = g.result;
  // What the learner just asked for (hints, the solution) comes first.
  const top: Line[] = [];
  top.push(...hintLines(prep.scenario, hints));
  if (solutionShown) {
    const sol = prep.scenario.solutions[0];
    const blocks = sol ? solutionAnswer(sol, prep.step) : undefined;
    top.push({ text: '' }, { text: `Reference solution${sol ? `: ${sol.name}` : ''} (step ${prep.step})`, bold: true, color: 'magenta' });
    if (blocks?.length) for (const b of blocks) for (const l of b.text.trimEnd().split('\n')) top.push({ text: `  ${l}` });
    else top.push({ text: '  (no reference answer for this step)', dim: true });
    top.push({ text: '' }, { text: 'Why it works', bold: true });
    for (const l of prep.scenario.explanation.trimEnd().split('\n')) top.push({ text: `  ${l}` });
  }
  if (top.length) top.push({ text: '' });
  const out: Line[] = top.filter((l, i) => i > 0 || l.text !== '');
  for (const req of r.requirements) {
    const count = req.total > 1 && !req.met ? ` (${req.total - req.wrong}/${req.total} right)` : '';
    out.push({ text: `${req.met ? '✓' : '✗'} ${req.name}${count}`, color: req.met ? 'green' : 'red' });
    if (!req.met && req.advice) out.push({ text: `    advice: ${req.advice}`, color: 'cyan' });
  }
  if (r.mismatches.length) {
    out.push({ text: '' }, { text: `Wrong cells (${r.mismatches.length})`, bold: true });
    for (const m of r.mismatches) out.push({ text: `! ${m.from} -> ${m.to} ${m.port}/${m.protocol}: expected ${m.expected}, got ${m.got}: ${m.reason}`, color: 'red' });
  }
  const failed = r.checks.filter((c) => !c.passed);
  if (failed.length) {
    out.push({ text: '' }, { text: `Failed checks (${failed.length})`, bold: true });
    for (const c of failed) out.push({ text: `! ${c.from}: ${c.run}: expected ${c.expected}, got ${c.got}: ${c.reason}`, color: 'red' });
  }
  if (r.picks) {
    out.push({ text: '' }, { text: 'Candidates', bold: true });
    for (const p of r.picks) out.push({ text: `  ${p.id}: ${p.verdict}: ${p.explanation}` });
  }
  if (r.mistakes.length) {
    out.push({ text: '' }, { text: 'Mistakes spotted', bold: true, color: 'yellow' });
    for (const m of r.mistakes) out.push({ text: `  - ${m.message}`, color: 'yellow' });
  }
  for (const n of r.notes) out.push({ text: `note: ${n}`, dim: true });
  return out;
}

function ResultView(props: { prep: PreparedStep; graded: Graded; state: SessionState; width: number; height: number; maxTopRef: { current: number | undefined } }) {
  const { prep, graded: g, state, width, height } = props;
  const s = prep.scenario;
  const { row, col } = state.cursor;
  const top: React.ReactNode[] = [];
  let why: string[];
  let matrixHeight: number;
  if (s.kind === 'predict') {
    const qs = s.steps[prep.step - 1].questions;
    const said = predictFromText(s, prep.step, g.text);
    const q = qs[Math.min(row, qs.length - 1)];
    top.push(
      <Box key="q" flexDirection="column">
        <Text bold>Your answers</Text>
        {qs.map((x, i) => {
          const ok = said[i] === x.expect;
          const yours = said[i] === undefined ? '(none)' : said[i] ? 'yes' : 'no';
          return (
            <Text key={i} wrap="truncate" color={ok ? 'green' : 'red'} inverse={i === row}>
              {`${i === row ? '>' : ' '}${ok ? '✓ ' : '✗!'} ${x.ask}: you ${yours}, truth ${x.expect ? 'yes' : 'no'}`}
            </Text>
          );
        })}
      </Box>,
    );
    matrixHeight = qs.length + 1;
    if (q?.check) {
      const c = g.result.checks.find((x) => x.requirement === q.ask);
      why = [`${q.ask}: ${c?.reason ?? ''}`];
    } else if (q) {
      const from = resolvePattern(q.from, prep.endpoints)[0];
      const to = resolvePattern(q.to!, prep.endpoints)[0];
      why = verdictLines(g.engine, g.engine.verdict(prep.endpoints[from].id, prep.endpoints[to].id, { port: q.port!.port, protocol: q.port!.protocol! }));
    } else why = [];
  } else {
    const half = Math.floor((width - 1) / 2);
    const w = matrixWidths(g.layout);
    const sideBySide = w.rowLabel + 2 * w.col * Math.min(g.layout.columns.length, 1) <= width;
    const colsFit = columnsThatFit(g.layout, half, false);
    const shownCols = Math.max(1, Math.min(g.layout.columns.length, colsFit));
    const gotWidth = Math.min(half, w.rowLabel + w.col * shownCols + 1);
    // Both matrices show the same columns, those around the cursor.
    const firstColumn = firstColumnFor(col, Math.min(g.layout.columns.length, columnsThatFit(g.layout, gotWidth)), g.layout.columns.length);
    top.push(
      <Box key="m" flexDirection="row" width={width}>
        <MatrixView title="Expected" layout={g.layout} grid={g.expected} width={gotWidth} firstColumn={firstColumn} />
        <Box width={2} />
        <MatrixView title={`Got (${SYMBOL.wrong} = wrong)`} layout={g.layout} grid={g.got} expected={g.expected} cursor={{ row, col }} width={gotWidth} hideRowLabels={false} firstColumn={firstColumn} />
      </Box>,
    );
    void sideBySide;
    matrixHeight = g.layout.rows.length + 2;
    const r = g.layout.rows[row];
    const c = g.layout.columns[col];
    if (r && c && r.index !== c.to) {
      const lines = cellWhy(g.engine, prep.endpoints, r.index, c);
      const e = g.expected[row]?.[col];
      const gotCell = g.got[row]?.[col];
      const expectedWord = e === undefined ? 'not graded' : e ? 'allowed' : 'denied';
      lines[0] = `${lines[0]}  (expected ${expectedWord}${e !== undefined && e !== gotCell ? ` ${SYMBOL.wrong}` : ''})`;
      why = lines;
    } else why = [r && c ? `${r.label} -> ${c.label}: a pod to itself is never graded` : 'no cell'];
  }
  const details = wrapLines(detailLines(prep, g, state.hints, state.solutionShown), width - 1);
  // The cell's why is shown whole when the room allows (its last lines name the rule that
  // decides); the details below keep a few lines and scroll.
  const whyAll = wrapLines(why.map((t, i) => ({ text: t, bold: i === 0, color: i === 0 ? 'cyan' as const : undefined })), width - 1);
  const whyRoom = Math.max(1, height - 1 - matrixHeight - 1 - Math.max(2, Math.min(3, details.length)));
  const whyLines = whyAll.length <= whyRoom ? whyAll
    : [...whyAll.slice(0, whyRoom - 1), { ...whyAll[whyRoom - 1], text: `${whyAll[whyRoom - 1].text.slice(0, Math.max(0, width - 3))}…` }];
  const detailsHeight = Math.max(2, height - 1 - matrixHeight - whyLines.length - 1);
  props.maxTopRef.current = Math.max(0, details.length - detailsHeight);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate" bold color={verdictLine(g.result, g.saved).color}>{verdictLine(g.result, g.saved).text}</Text>
      {top}
      <Box flexDirection="column" height={whyLines.length}>
        {whyLines.map((l, i) => <Text key={i} wrap="truncate" color={l.color} bold={l.bold}>{l.text}</Text>)}
      </Box>
      <Text dimColor wrap="truncate">{'─'.repeat(Math.max(0, width - 1))}</Text>
      <ScrollLines lines={details} top={clampScroll(state.detailsTop, details.length, detailsHeight)} width={width} height={detailsHeight} />
    </Box>
  );
}

export { cellSymbol, wrap };
