// A practice session on one exercise: the task, the answer (editor with a live matrix, or the
// predict/pick drills), and the result. This component owns the state and the side effects
// (grading, the store); each view is a file of its own, each view's keys a table in keymaps.ts.
// Every grade is recorded as the `grade` command records it (attemptOf).
import React, { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { ScreenKeys } from '../input/keymap.js';
import type { Scenario } from '../../core/bank/scenario.js';
import { preparedStep } from '../../core/bank/prepare.js';
import { attemptOf } from '../../core/training/attempt-of.js';
import { blamedLine } from '../../core/training/answer-file.js';
import type { PracticeData } from './services.js';
import { sessionReducer, type KeyContext } from './session-state.js';
import { matrixLayout } from './world.js';
import { answerTextOf, openingSession, predictFromText, startingText } from './answers.js';
import { firstCell, gradedView, type Graded } from './graded.js';
import { practiceKeys } from './keymaps.js';
import { useClock, useNow } from '../clock.js';
import { TaskView } from './TaskView.js';
import { PracticeHead } from './PracticeHead.js';
import { AnswerView } from './AnswerView.js';
import { PredictView } from './PredictView.js';
import { PickView } from './PickView.js';
import { ResultView } from './ResultView.js';
import { ConsolePane } from '../console/ConsolePane.js';
import { pageOf, type PaneExtent } from '../components/ScrollLines.js';
import { ConsoleRun } from '../console/console-run.js';
import { consoleKeymapFor, howToAnswer } from '../console/keymap.js';
import { gradeStep } from './grade-step.js';

export interface PracticeProps {
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
  /** Every step opens in the console on its cluster (a track played in kubectl). */
  inConsole?: boolean;
  /** Start on this step with this answer in the editor (a retry of an old attempt). */
  start?: { step: number; text: string };
}

export function Practice(props: PracticeProps) {
  const { data, scenario: s, width, height } = props;
  const now = useClock().now;
  const [state, dispatch] = useReducer(sessionReducer, undefined, () => openingSession(data, s, props.start, props.inConsole, now()));
  const [graded, setGraded] = useState<Graded | undefined>();
  const [problem, setProblem] = useState<{ line?: number; message: string } | undefined>();
  const prep = useMemo(() => preparedStep(s, state.step).prepared, [s, state.step]);
  // One console per step, made when first opened; it outlives the pane (Esc keeps its cluster).
  const consoles = useRef(new Map<number, ConsoleRun>());
  const consoleOf = (step: number) => {
    let run = consoles.current.get(step);
    if (!run) consoles.current.set(step, (run = new ConsoleRun(s, step)));
    return run;
  };
  useNow(1000); // the header's time on this step

  const { onKeys } = props;
  useEffect(() => onKeys(practiceKeys(state.view, s.kind)), [state.view, s.kind, onKeys]);

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
  const questions = s.steps[state.step - 1].questions.length;
  const ctx: KeyContext = {
    kind: s.kind,
    questions,
    candidates: s.candidates.length,
    hintCount: s.hints.length,
    page: Math.max(1, bodyHeight - 2),
    // The result matrix scrolls sideways with its cursor, so every column can be reached.
    rows: Math.max(1, s.kind === 'predict' ? questions : (graded?.table?.rows.length ?? 1)),
    cols: Math.max(1, s.kind === 'predict' ? 1 : (graded?.table?.columns.length ?? 1)),
  };
  // The views say how far their scrolling pane can go and how tall it is (known only once they
  // are laid out): a page is the pane's height, not the screen's.
  const paneRef = useRef<PaneExtent | undefined>(undefined);
  const inEditor = state.view === 'answer' && (s.kind === 'write' || s.kind === 'fix');
  const inConsole = state.view === 'console';
  useKeys(
    (key) => {
      const pane = paneRef.current;
      dispatch({ type: 'key', key, ctx: pane ? { ...ctx, maxTop: pane.maxTop, page: pageOf(pane.height) } : ctx });
    },
    {
      isActive: props.isActive && !inEditor && !inConsole,
      splitText: true,
    },
  );

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
      const { outcome, answer, console: typed } = gradeStep(s, state.step, answerTextOf(s, state), consoles.current.get(state.step));
      if (!outcome.ok) {
        setProblem(blamedLine(outcome.findings) ?? { message: 'the answer does not load' });
        dispatch({ type: 'view', view: state.view === 'console' ? 'console' : 'answer' });
        return;
      }
      setProblem(undefined);
      // Drawn from the grader's own output (a console's cluster as much as a YAML answer).
      const view = gradedView(prep!, answer, outcome);
      setGraded(view);
      dispatch({ type: 'graded', cursor: firstCell(prep!, view) });
      void data.drafts.flush();
      const attempt = attemptOf({ result: outcome.result, answer, mode: props.mode ?? 'practice', startedAt: new Date(state.stepStartedAt) });
      data.store
        .recordAttempt(typed ? { ...attempt, console: typed } : attempt)
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
        // The module's exercises go on in the same shell: a console used for this step carries on.
        const run = consoles.current.get(state.step);
        if (run?.used && !consoles.current.has(step)) consoles.current.set(step, run);
        const text = startingText(data, s, step, s.kind === 'write' || s.kind === 'fix' ? graded.text : undefined);
        data.drafts.known(s.id, step, data.drafts.text(s.id, step) ?? '');
        setGraded(undefined);
        dispatch({ type: 'startStep', step, text, predict: predictFromText(s, step, data.drafts.text(s.id, step)), pickIndex: 0, now: now() });
        if (props.inConsole) dispatch({ type: 'view', view: 'console' });
        return;
      }
      onNext();
    }
    dispatch({ type: 'requestDone' });
    // Runs once per request, with the state of that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.request]);

  const onEditorChange = useCallback(
    (text: string) => {
      dispatch({ type: 'text', text });
      data.drafts.schedule(s.id, stateRef.current.step, text);
    },
    [data.drafts, s.id],
  );
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

  const head = <PracticeHead scenario={s} step={state.step} elapsedMs={now() - state.stepStartedAt} width={width} />;
  const size = { width, height: bodyHeight };
  let body: React.ReactNode;
  if (state.view === 'task') body = <TaskView prep={prep} hints={state.hints} top={state.taskTop} paneRef={paneRef} {...size} />;
  else if (inEditor) {
    body = (
      <AnswerView
        key={`${state.step}:${state.editorKey}`}
        prep={prep}
        layout={layout}
        text={state.text}
        {...size}
        isActive={props.isActive}
        problem={problem}
        onChange={onEditorChange}
        onSubmit={onEditorSubmit}
        onCancel={onEditorCancel}
        onHelp={onHelp}
      />
    );
  } else if (inConsole) {
    body = (
      <ConsolePane
        run={consoleOf(state.step)}
        title={`${s.id} step ${state.step} · its cluster`}
        keymap={consoleKeymapFor(s.kind)}
        answerHint={howToAnswer(s.kind)}
        {...size}
        isActive={props.isActive}
        message={problem ? `Not graded: ${problem.line ? `line ${problem.line}: ` : ''}${problem.message}` : undefined}
        onLeave={() => dispatch({ type: 'view', view: 'task' })}
        onHelp={onHelp}
        onGrade={s.kind === 'write' || s.kind === 'fix' ? () => dispatch({ type: 'request', request: 'grade' }) : undefined}
      />
    );
  } else if (state.view === 'answer' && s.kind === 'predict')
    body = (
      <PredictView prep={prep} answers={state.predict} index={state.predictIndex} hints={state.hints} top={state.policiesTop} paneRef={paneRef} {...size} />
    );
  else if (state.view === 'answer' && s.kind === 'pick')
    body = <PickView prep={prep} index={state.pickIndex} top={state.pickTop} problem={problem} paneRef={paneRef} {...size} />;
  else if (graded) body = <ResultView prep={prep} graded={graded} state={state} paneRef={paneRef} {...size} />;
  else body = <Text>Nothing graded yet.</Text>;

  return (
    // Clipped vertically only (as App's body): a horizontal clip re-slices every line per frame.
    <Box flexDirection="column" width={width} height={height} overflowY="hidden">
      {head}
      {body}
    </Box>
  );
}
