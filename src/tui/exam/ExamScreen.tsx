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
import { AnswerEditor } from '../components/AnswerEditor.js';
import type { Scenario } from '../../core/bank/scenario.js';
import { preparedStep } from '../../core/bank/prepare.js';
import { planExam, DEFAULT_EXAM_MINUTES, DEFAULT_EXAM_TASKS } from '../../core/training/exam-plan.js';
import { examToStart, reopenExam } from '../../core/training/exam-session.js';
import type { ExamRecord } from '../../core/training/records.js';
import { blamedLine } from '../../core/training/answer-file.js';
import { examStartText, hasAnswer, examStep, handInExam } from '../../core/training/hand-in.js';
import type { PracticeData } from '../practice/services.js';
import { DraftSaver } from '../practice/draft-saver.js';
import { worldOfPolicyAnswer } from '../practice/world.js';
import { useClock, useNow } from '../clock.js';
import { examReducer, initialExamState, isRunningView } from './exam-state.js';
import { examKeys } from './keymaps.js';
import { ExamHead } from './ExamHead.js';
import { ExamIntroView, ExamReopenView } from './ExamIntroView.js';
import { TaskListView } from './TaskListView.js';
import { ExamTaskView } from './ExamTaskView.js';
import { ExamResultView, TaskReviewView } from './ExamResultView.js';

export interface ExamOptions {
  tasks?: number;
  minutes?: number;
  seed?: number;
}

const NOTE_TIME_UP = 'Time is up: every task was graded as its draft stood.';
const NOTE_EXPIRED = 'Time ran out while netpol-dojo was closed: every task was graded as its draft stood.';
const NOTE_FINISHED = 'You finished early: every task was graded as its draft stood.';

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

/** Saves each task's draft into the exam record, after a pause, as practice drafts are saved. */
function examDraftSaver(data: PracticeData, examId: string): DraftSaver {
  return new DraftSaver({
    saveDraft: (task, _step, text) =>
      data.store.updateExam(examId, (e) => {
        const t = e.tasks[Number(task)];
        if (t && e.status === 'running') t.draft = text;
      }),
    getDraft: (task) => {
      const draft = data.store.runningExam()?.tasks[Number(task)]?.draft;
      return draft === undefined ? undefined : { text: draft };
    },
  });
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

  const handIn = useCallback(
    async (record: ExamRecord, note: string) => {
      dispatch({ type: 'show', view: 'grading', exam: record });
      const saverNow = saver;
      if (saverNow) await saverNow.flush();
      const handed = await handInExam(data.store, data.bank, record, new Date(clock.now()));
      dispatch({ type: 'handedIn', handedIn: handed, note: handed.saveError ? `${note} (not saved: ${handed.saveError})` : note });
      onRecorded?.();
    },
    [saver, data, clock, onRecorded],
  );

  const start = useCallback(
    async (options: ExamOptions) => {
      const seed = options.seed ?? Math.floor(clock.now() % 2_147_483_647);
      const planned = planExam(data.bank.scenarios, { seed, tasks: options.tasks ?? DEFAULT_EXAM_TASKS, minutes: options.minutes ?? DEFAULT_EXAM_MINUTES });
      if (!planned.ok) {
        dispatch({ type: 'show', view: 'intro', message: `Cannot plan the exam: ${planned.error}` });
        return;
      }
      const record = await data.store.startExam(examToStart(planned.plan, new Date(clock.now())));
      dispatch({ type: 'show', view: 'list', exam: record });
    },
    [data, clock],
  );

  // Opening: an exam left running is resumed, abandoned, or (out of time) graded now.
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        await data.store.reload();
      } catch {
        // The snapshot already loaded is good enough to decide.
      }
      if (!live) return;
      const left = data.store.runningExam();
      if (left) {
        const reopened = reopenExam(left, new Date(clock.now()));
        if (reopened.state === 'expired') await handIn(left, NOTE_EXPIRED);
        else dispatch({ type: 'show', view: 'reopen', exam: left });
      } else if (props.autoStart) await start(props.autoStart);
      else dispatch({ type: 'show', view: 'intro' });
    })().catch(
      (e: unknown) => live && dispatch({ type: 'show', view: 'intro', message: `The progress store failed: ${e instanceof Error ? e.message : String(e)}` }),
    );
    return () => {
      live = false;
    };
    // Once, on opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // At zero, hand in whatever stands.
  useEffect(() => {
    if (!running || !exam || state.request) return;
    if (Date.parse(exam.deadline) <= now) {
      handInNote.current = NOTE_TIME_UP;
      dispatch({ type: 'request', request: 'handIn' });
    }
  }, [now, running, exam, state.request]);

  // Requests: the side effects of keys.
  useEffect(() => {
    const request = state.request;
    if (!request) return;
    const done = (message?: string) => dispatch({ type: 'requestDone', message });
    const fail = (e: unknown) => done(`The progress store failed: ${e instanceof Error ? e.message : String(e)}`);
    switch (request) {
      case 'help':
        onHelp();
        return done();
      case 'back':
        onBack();
        return done();
      case 'quit':
        onQuit();
        return done();
      case 'start':
        void start(props.autoStart ?? {}).catch(fail);
        return;
      case 'resume':
        dispatch({ type: 'view', view: 'list' });
        return done();
      case 'abandon': {
        if (!exam) return done();
        void data.store
          .finishExam(exam.id, { scorePct: 0, passed: false, status: 'abandoned' })
          .then(() => dispatch({ type: 'show', view: 'intro', message: 'The exam was abandoned (not scored).' }))
          .catch(fail);
        return;
      }
      case 'flag': {
        if (!exam) return done();
        const i = state.index;
        const flagged = !exam.tasks[i]?.flagged;
        dispatch({ type: 'exam', exam: { ...exam, tasks: exam.tasks.map((t, j) => (j === i ? { ...t, flagged } : t)) } });
        // The screen shows the flag at once and takes the next key; the store write follows.
        done();
        void data.store
          .updateExam(exam.id, (e) => {
            if (e.tasks[i]) e.tasks[i].flagged = flagged;
          })
          .catch((e: unknown) => dispatch({ type: 'message', message: `The progress store failed: ${e instanceof Error ? e.message : String(e)}` }));
        return;
      }
      case 'handIn': {
        const current = stateRef.current.exam;
        if (!current) return done();
        const note = handInNote.current;
        handInNote.current = NOTE_FINISHED;
        void handIn(current, note).catch(fail);
        return;
      }
      case 'checkDraft':
        return done();
    }
    // Runs once per request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.request]);

  const bodyHeight = Math.max(3, height - 1);
  const tasks = useMemo(() => exam?.tasks ?? [], [exam]);
  const ctx = { tasks: Math.max(1, tasks.length), page: Math.max(1, bodyHeight - 2) };
  const inEditor = state.view === 'answer' && !state.confirm;
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
  const draftProblems = useMemo(
    () =>
      tasks.map((t) => {
        const sc = scenarioOf(t.exerciseId);
        if (!sc || !hasAnswer(t, sc)) return undefined;
        const p = preparedStep(sc, examStep(sc)).prepared;
        const world = p && t.draft !== undefined ? worldOfPolicyAnswer(p, t.draft) : undefined;
        return world && !world.ok ? (blamedLine(world.findings)?.message ?? 'the draft does not load') : undefined;
      }),
    [tasks, scenarioOf],
  );

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
      body =
        !prep || !scenario || !current ? (
          <Text color="red">This task cannot be prepared.</Text>
        ) : (
          <Box flexDirection="column">
            <ExamHead left={`Task ${state.index + 1}/${tasks.length} · ${scenario.title}`} right={`weight ${current.weight}%`} width={width} />
            <AnswerEditor
              key={`${state.index}:${state.editorKey}`}
              prep={prep}
              layout={{ rows: [], columns: [] }}
              preview={false}
              initialText={current.draft ?? examStartText(scenario)}
              width={width}
              height={bodyHeight}
              isActive={props.isActive && !state.confirm}
              problem={problem}
              onChange={onEditorChange}
              onSubmit={onEditorSubmit}
              onCancel={onEditorCancel}
              onHelp={onHelp}
            />
          </Box>
        );
      break;
    case 'result':
      body = <ExamResultView handedIn={state.handedIn} note={state.note} index={state.index} scenarioOf={scenarioOf} width={width} />;
      break;
    case 'review':
      body = <TaskReviewView handedIn={state.handedIn} index={state.index} top={state.top} scenarioOf={scenarioOf} maxTopRef={maxTopRef} {...size} />;
      break;
  }

  // A flagged task may have no answer at all: count answers, not statuses.
  const unanswered = tasks.filter((t) => !hasAnswer(t, scenarioOf(t.exerciseId))).length;
  const flaggedCount = tasks.filter((t) => t.flagged).length;
  const unloadable = draftProblems.filter(Boolean).length;
  const confirmText =
    state.confirm === 'finish'
      ? `Finish now? Tasks are graded as they stand (${unanswered} unanswered${flaggedCount ? `, ${flaggedCount} flagged` : ''}${unloadable ? `, ${unloadable} not loading` : ''})  y / n`
      : state.confirm === 'abandon'
        ? 'Abandon this exam? It will not be scored.  y / n'
        : '';
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
