// The mock exam's side effects: opening (resume, abandon or grade an exam left running), the
// hand-in at zero, and the requests keys make (start, flag, abandon, hand in). The reducer
// stays pure; this hook is where the store and the grader are called.
import { useCallback, useEffect, type Dispatch, type MutableRefObject } from 'react';
import { planExam, DEFAULT_EXAM_MINUTES, DEFAULT_EXAM_TASKS } from '../../core/training/exam-plan.js';
import { examToStart, reopenExam } from '../../core/training/exam-session.js';
import type { ExamRecord } from '../../core/training/records.js';
import { handInExam } from '../../core/training/hand-in.js';
import type { PracticeData } from '../practice/services.js';
import type { DraftSaver } from '../practice/draft-saver.js';
import type { TuiClock } from '../clock.js';
import type { ExamAction, ExamState } from './exam-state.js';
import type { ExamOptions } from './ExamScreen.js';

const NOTE_TIME_UP = 'Time is up: every task was graded as its draft stood.';
const NOTE_EXPIRED = 'Time ran out while netpol-dojo was closed: every task was graded as its draft stood.';
export const NOTE_FINISHED = 'You finished early: every task was graded as its draft stood.';

export interface ExamEffects {
  data: PracticeData;
  clock: Pick<TuiClock, 'now'>;
  saver: DraftSaver | undefined;
  state: ExamState;
  dispatch: Dispatch<ExamAction>;
  stateRef: MutableRefObject<ExamState>;
  handInNote: MutableRefObject<string>;
  now: number;
  running: boolean;
  exam: ExamRecord | undefined;
  autoStart?: ExamOptions;
  onHelp: () => void;
  onBack: () => void;
  onQuit: () => void;
  onRecorded?: () => void;
}

export function useExamEffects(e: ExamEffects): void {
  const { data, clock, saver, state, dispatch, stateRef, handInNote, now, running, exam, onHelp, onBack, onQuit, onRecorded } = e;
  const props = { autoStart: e.autoStart };
  const handIn = useCallback(
    async (record: ExamRecord, note: string) => {
      dispatch({ type: 'show', view: 'grading', exam: record });
      const saverNow = saver;
      if (saverNow) await saverNow.flush();
      const handed = await handInExam(data.store, data.bank, record, new Date(clock.now()));
      dispatch({ type: 'handedIn', handedIn: handed, note: handed.saveError ? `${note} (not saved: ${handed.saveError})` : note });
      onRecorded?.();
    },
    [saver, data, clock, onRecorded, dispatch],
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
    [data, clock, dispatch],
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
  }, [now, running, exam, state.request, dispatch, handInNote]);

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
}
