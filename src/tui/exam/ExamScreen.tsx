// The mock exam: a task list with weights and status, each task's text (no hints, no solutions),
// the YAML editor without the live matrix, flags, and hand-in (on the F key after a y, or
// automatically when the clock reaches zero). Then the result and a review of every task.
// The exam lives in the store from its first second (deadline absolute, drafts in the exam
// record), so quitting or a crash loses nothing: reopening offers to resume or abandon it.
// This component owns the state and side effects; the views are files of their own, the keys
// tables in keymaps.ts.
import React, { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { ScreenKeys } from '../input/keymap.js';
import type { Scenario } from '../../core/bank/scenario.js';
import { preparedStep } from '../../core/bank/prepare.js';
import { blamedLine } from '../../core/training/answer-file.js';
import { hasAnswer, examStep } from '../../core/training/hand-in.js';
import type { PracticeData } from '../practice/services.js';
import { worldOfPolicyAnswer } from '../practice/world.js';
import { useClock, useNow } from '../clock.js';
import { examReducer, initialExamState, isRunningView } from './exam-state.js';
import { examKeys } from './keymaps.js';
import { ExamIntroView, ExamReopenView } from './ExamIntroView.js';
import { TaskListView } from './TaskListView.js';
import { ExamTaskView } from './ExamTaskView.js';
import { ExamResultView, TaskReviewView } from './ExamResultView.js';
import { ExamAnswerView } from './ExamAnswerView.js';
import { confirmLine, draftProblemsOf, examDraftSaver } from './exam-drafts.js';
import { NOTE_FINISHED, useExamEffects } from './use-exam-effects.js';
import { ExamConsole, useExamConsoles } from '../console/ExamConsole.js';

export interface ExamOptions {
  tasks?: number;
  minutes?: number;
  seed?: number;
}

export interface ExamProps {
  data: PracticeData;
  /** Start a new exam at once with these settings when none is running (the `exam` command). */
  autoStart?: ExamOptions;
  width: number;
  height: number;
  isActive: boolean;
  onBack: () => void;
  onQuit: () => void;
  onHelp: () => void;
  onKeys: (keys: ScreenKeys) => void;
  /** The running exam's deadline for the header countdown; undefined when none runs. */
  onDeadline: (deadline: string | undefined) => void;
  onRecorded?: () => void;
}

export function Exam(props: ExamProps) {
  const { data, width, height } = props;
  const clock = useClock();
  const [state, dispatch] = useReducer(examReducer, undefined, initialExamState);
  const [problem, setProblem] = useState<{ line?: number; message: string } | undefined>();
  const stateRef = useRef(state);
  stateRef.current = state;
  const running = isRunningView(state.view);
  const now = useNow(1000, running);
  const handInNote = useRef(NOTE_FINISHED);

  const exam = state.exam;
  const examId = exam?.id;
  const saver = useMemo(() => (examId ? examDraftSaver(data, examId) : undefined), [data, examId]);
  useEffect(() => {
    if (!saver) return;
    data.savers.add(saver);
    return () => {
      void saver.flush().finally(() => data.savers.delete(saver));
    };
  }, [saver, data]);

  const { onKeys, onDeadline, onBack, onQuit, onHelp, onRecorded } = props;
  const { view, confirm } = state;
  useEffect(() => onKeys(examKeys({ view, confirm })), [view, confirm, onKeys]);
  useEffect(() => {
    onDeadline(running && exam ? exam.deadline : undefined);
  }, [running, exam?.deadline, onDeadline]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => () => onDeadline(undefined), [onDeadline]);

  const scenarioOf = useCallback((id: string): Scenario | undefined => data.bank.byId.get(id), [data]);

  useExamEffects({
    data,
    clock,
    saver,
    state,
    dispatch,
    stateRef,
    handInNote,
    now,
    running,
    exam,
    autoStart: props.autoStart,
    onHelp,
    onBack,
    onQuit,
    onRecorded,
  });

  const bodyHeight = Math.max(3, height - 1);
  const tasks = useMemo(() => exam?.tasks ?? [], [exam]);
  const ctx = { tasks: Math.max(1, tasks.length), page: Math.max(1, bodyHeight - 2) };
  const inEditor = (state.view === 'answer' || state.view === 'console') && !state.confirm;
  const consoles = useExamConsoles();
  // The scrolling views say how far they can go once laid out.
  const maxTopRef = useRef<number | undefined>(undefined);
  useKeys((key) => dispatch({ type: 'key', key, ctx: { ...ctx, maxTop: maxTopRef.current } }), { isActive: props.isActive && !inEditor, splitText: true });

  const current = tasks[state.index];
  const scenario = current ? scenarioOf(current.exerciseId) : undefined;
  const prep = useMemo(() => (scenario ? preparedStep(scenario, examStep(scenario)).prepared : undefined), [scenario]);

  const onEditorChange = useCallback(
    (text: string) => {
      const i = stateRef.current.index;
      dispatch({ type: 'draft', index: i, text });
      saver?.schedule(String(i), 0, text);
      setProblem(undefined);
    },
    [saver],
  );
  const onEditorSubmit = useCallback(
    (text: string) => {
      onEditorChange(text);
      void saver?.flush();
      // Like kubectl apply: a draft that does not load is refused with the line to fix.
      if (prep && text.trim() !== '') {
        const world = worldOfPolicyAnswer(prep, text);
        if (!world.ok) {
          setProblem(blamedLine(world.findings) ?? { message: 'the draft does not load' });
          return;
        }
      }
      dispatch({ type: 'view', view: 'list' });
    },
    [onEditorChange, saver, prep],
  );
  const onEditorCancel = useCallback(
    (text: string) => {
      onEditorChange(text);
      void saver?.flush();
      dispatch({ type: 'view', view: 'task' });
    },
    [onEditorChange, saver],
  );

  // A draft that would not load is marked in the list before hand-in, as kubectl apply would refuse it.
  const draftProblems = useMemo(() => draftProblemsOf(tasks, scenarioOf), [tasks, scenarioOf]);

  const size = { width, height: bodyHeight };
  let body: React.ReactNode;
  switch (state.view) {
    case 'loading':
    case 'grading':
      body = <Text>{state.view === 'grading' ? 'Grading every task…' : 'Opening the exam…'}</Text>;
      break;
    case 'intro':
      body = <ExamIntroView tasks={props.autoStart?.tasks} minutes={props.autoStart?.minutes} message={state.message} {...size} />;
      break;
    case 'reopen':
      body = <ExamReopenView exam={exam} drafts={tasks.filter((t) => hasAnswer(t, scenarioOf(t.exerciseId))).length} now={new Date(clock.now())} {...size} />;
      break;
    case 'list':
      body = <TaskListView tasks={tasks} index={state.index} scenarioOf={scenarioOf} draftProblems={draftProblems} message={state.message} width={width} />;
      break;
    case 'task':
      body = <ExamTaskView task={current} scenario={scenario} index={state.index} count={tasks.length} top={state.top} maxTopRef={maxTopRef} {...size} />;
      break;
    case 'answer':
      body = (
        <ExamAnswerView
          task={current}
          scenario={scenario}
          prep={prep}
          index={state.index}
          count={tasks.length}
          editorKey={state.editorKey}
          isActive={props.isActive && !state.confirm}
          problem={problem}
          onChange={onEditorChange}
          onSubmit={onEditorSubmit}
          onCancel={onEditorCancel}
          onHelp={onHelp}
          {...size}
        />
      );
      break;
    case 'console':
      body =
        !exam || !scenario ? (
          <Text color="red">This task cannot be prepared.</Text>
        ) : (
          <ExamConsole
            consoles={consoles}
            exam={exam}
            index={state.index}
            scenario={scenario}
            store={data.store}
            {...size}
            isActive={props.isActive && !state.confirm}
            onCommands={(index, commands, edits) => dispatch({ type: 'console', index, commands, edits })}
            onMessage={(message) => dispatch({ type: 'message', message })}
            onLeave={() => dispatch({ type: 'view', view: 'task' })}
            onHelp={onHelp}
          />
        );
      break;
    case 'result':
      body = <ExamResultView handedIn={state.handedIn} note={state.note} index={state.index} scenarioOf={scenarioOf} width={width} />;
      break;
    case 'review':
      body = <TaskReviewView handedIn={state.handedIn} index={state.index} top={state.top} scenarioOf={scenarioOf} maxTopRef={maxTopRef} {...size} />;
      break;
  }

  const confirmText = confirmLine(state.confirm, tasks, scenarioOf, draftProblems);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box flexDirection="column" height={state.confirm ? height - 1 : height} overflow="hidden">
        {body}
      </Box>
      {state.confirm ? (
        <Text inverse bold wrap="truncate">
          {confirmText}
        </Text>
      ) : null}
    </Box>
  );
}
