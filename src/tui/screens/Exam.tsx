// The mock exam: a task list with weights and status, each task's text (no hints, no solutions),
// the YAML editor without the live matrix, flags, and hand-in (on the F key after a y, or
// automatically when the clock reaches zero). Then the result and a review of every task.
// The exam lives in the store from its first second (deadline absolute, drafts in the exam
// record), so quitting or a crash loses nothing: reopening offers to resume or abandon it.
import React, { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { KeyHints } from '../components/KeyHelp.js';
import { ScrollLines, clampScroll } from '../components/ScrollLines.js';
import { EDITOR_KEYS } from '../editor/YamlEditor.js';
import { AnswerEditor, type ScreenKeys } from './Session.js';
import type { Scenario } from '../../core/bank/scenario.js';
import { preparedStep } from '../../core/bank/prepare.js';
import { wrapLines, type Line } from '../../core/bank/describe.js';
import { planExam, DEFAULT_EXAM_MINUTES, DEFAULT_EXAM_TASKS } from '../../core/training/exam-plan.js';
import { examToStart, reopenExam, examMinutes } from '../../core/training/exam-session.js';
import { examClock, formatDuration } from '../../core/training/exam-clock.js';
import { PASS_MARK_PCT } from '../../core/training/exam-score.js';
import { formatPct } from '../../core/training/stats.js';
import type { ExamRecord } from '../../core/training/records.js';
import type { PracticeData } from '../practice/services.js';
import { DraftSaver } from '../practice/draft-saver.js';
import { blamedLine, worldOfPolicyAnswer } from '../practice/world.js';
import { useClock, useNow } from '../clock.js';
import { examReducer, initialExamState, isRunningView, type ExamState } from '../exam/exam-state.js';
import { STATUS_MARK, examTaskLines, taskStatus } from '../exam/exam-run.js';
import { examStartText, hasAnswer, examStep, handInExam, type GradedTask } from '../../core/training/hand-in.js';
import { reviewLines } from '../review/attempt-lines.js';

export interface ExamOptions {
  tasks?: number;
  minutes?: number;
  seed?: number;
}

const INTRO_KEYS: KeyHints = [['Enter', 'start the exam'], ['Esc', 'back'], ['?', 'help'], ['q', 'quit']];
const INTRO_HELP: KeyHints = [['Enter / s', 'start the exam (the clock starts at once)'], ['Esc', 'back home'], ['?', 'this help'], ['q / Ctrl+C', 'quit']];
const REOPEN_KEYS: KeyHints = [['Enter/r', 'resume'], ['a', 'abandon'], ['Esc', 'back'], ['?', 'help']];
const REOPEN_HELP: KeyHints = [
  ['Enter / r', 'resume the exam where you left it (the clock has kept running)'],
  ['a', 'abandon it (asks first; it is not scored)'],
  ['Esc', 'back home (the exam keeps running)'],
  ['q / Ctrl+C', 'quit (the exam keeps running)'],
];
const LIST_KEYS: KeyHints = [['↑/↓', 'task'], ['Enter', 'open'], ['a', 'answer'], ['f', 'flag'], ['F', 'finish now'], ['Esc', 'home'], ['?', 'help']];
const LIST_HELP: KeyHints = [
  ['↑ ↓ / j k', 'select a task'],
  ['1 … 9', 'open task number N'],
  ['Enter / Space', 'read the selected task'],
  ['a / e', 'write the answer of the selected task'],
  ['f', 'flag or unflag the task to come back to it'],
  ['n / p, Tab', 'next / previous task'],
  ['F', 'finish now: hand in and grade every task (asks first)'],
  ['Esc', 'home; the exam keeps running, reopen it from Mock exam'],
  ['⚑ ✎ ·', 'flagged / draft / untouched'],
  ['q / Ctrl+C', 'quit; the exam keeps running and can be resumed'],
];
const TASK_KEYS: KeyHints = [['Enter', 'answer'], ['↑/↓', 'scroll'], ['f', 'flag'], ['n/p', 'next/prev'], ['Esc', 'list'], ['F', 'finish'], ['?', 'help']];
const TASK_HELP: KeyHints = [
  ['Enter / a', 'write the answer (your draft is kept)'],
  ['↑ ↓ / j k', 'scroll a line'],
  ['PgUp PgDn / Space', 'scroll a page'],
  ['f', 'flag or unflag this task'],
  ['n / p, Tab', 'next / previous task'],
  ['Esc / l', 'back to the task list'],
  ['F', 'finish now (asks first)'],
  ['q / Ctrl+C', 'quit; the exam keeps running'],
];
const ANSWER_KEYS: KeyHints = [['Ctrl+S', 'save, to the list'], ['Ctrl+E', '$EDITOR'], ['Esc', 'task'], ['F1', 'help'], ['Ctrl+C', 'quit']];
const ANSWER_HELP: KeyHints = [
  ...EDITOR_KEYS.map(([k, v]) => [k, k.startsWith('Ctrl+S') ? 'check that the draft loads, back to the task list' : k === 'Esc' ? 'back to the task (the draft is kept)' : v] as const),
  ['', 'No live matrix in the exam: the draft is graded when the exam ends'],
  ['Ctrl+C', 'quit; the exam and its drafts are kept'],
];
const CONFIRM_KEYS: KeyHints = [['y', 'yes'], ['n/Esc', 'no']];
const RESULT_KEYS: KeyHints = [['↑/↓', 'task'], ['Enter', 'review the task'], ['Esc', 'home'], ['?', 'help'], ['q', 'quit']];
const RESULT_HELP: KeyHints = [
  ['↑ ↓ / j k', 'select a task'],
  ['Enter', 'review it: your YAML, the reference, the wrong cells, the explanation'],
  ['Esc', 'home'],
  ['q / Ctrl+C', 'quit'],
];
const REVIEW_KEYS: KeyHints = [['↑/↓ PgUp/PgDn', 'scroll'], ['n/p', 'next/prev task'], ['Esc', 'result'], ['?', 'help']];
const REVIEW_HELP: KeyHints = [
  ['↑ ↓ / j k', 'scroll a line'],
  ['PgUp PgDn / Space', 'scroll a page'],
  ['n / p, Tab', 'next / previous task'],
  ['Esc', 'back to the result'],
  ['- / +', 'a line only in your answer / only in the reference'],
  ['q / Ctrl+C', 'quit'],
];
const WAIT_KEYS: KeyHints = [['Esc', 'back'], ['Ctrl+C', 'quit']];

export function examKeys(state: Pick<ExamState, 'view' | 'confirm'>): ScreenKeys {
  if (state.confirm) return { footer: CONFIRM_KEYS, help: CONFIRM_KEYS };
  switch (state.view) {
    case 'intro': return { footer: INTRO_KEYS, help: INTRO_HELP };
    case 'reopen': return { footer: REOPEN_KEYS, help: REOPEN_HELP };
    case 'list': return { footer: LIST_KEYS, help: LIST_HELP };
    case 'task': return { footer: TASK_KEYS, help: TASK_HELP };
    case 'answer': return { footer: ANSWER_KEYS, help: ANSWER_HELP };
    case 'result': return { footer: RESULT_KEYS, help: RESULT_HELP };
    case 'review': return { footer: REVIEW_KEYS, help: REVIEW_HELP };
    default: return { footer: WAIT_KEYS, help: WAIT_KEYS };
  }
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
  useEffect(() => onKeys(examKeys(state)), [state.view, state.confirm, onKeys]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    onDeadline(running && exam ? exam.deadline : undefined);
  }, [running, exam?.deadline, onDeadline]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => () => onDeadline(undefined), [onDeadline]);

  const scenarioOf = useCallback((id: string): Scenario | undefined => data.bank.byId.get(id), [data]);

  const handIn = useCallback(async (record: ExamRecord, note: string) => {
    dispatch({ type: 'show', view: 'grading', exam: record });
    const saverNow = saver;
    if (saverNow) await saverNow.flush();
    const handed = await handInExam(data.store, data.bank, record, new Date(clock.now()));
    dispatch({ type: 'handedIn', handedIn: handed, note: handed.saveError ? `${note} (not saved: ${handed.saveError})` : note });
    onRecorded?.();
  }, [saver, data, clock, onRecorded]);

  const start = useCallback(async (options: ExamOptions) => {
    const seed = options.seed ?? Math.floor(clock.now() % 2_147_483_647);
    const planned = planExam(data.bank.scenarios, { seed, tasks: options.tasks ?? DEFAULT_EXAM_TASKS, minutes: options.minutes ?? DEFAULT_EXAM_MINUTES });
    if (!planned.ok) {
      dispatch({ type: 'show', view: 'intro', message: `Cannot plan the exam: ${planned.error}` });
      return;
    }
    const record = await data.store.startExam(examToStart(planned.plan, new Date(clock.now())));
    dispatch({ type: 'show', view: 'list', exam: record });
  }, [data, clock]);

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
    })().catch((e: unknown) => live && dispatch({ type: 'show', view: 'intro', message: `The progress store failed: ${e instanceof Error ? e.message : String(e)}` }));
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
      case 'help': onHelp(); return done();
      case 'back': onBack(); return done();
      case 'quit': onQuit(); return done();
      case 'start': void start(props.autoStart ?? {}).catch(fail); return;
      case 'resume': dispatch({ type: 'view', view: 'list' }); return done();
      case 'abandon': {
        if (!exam) return done();
        void data.store.finishExam(exam.id, { scorePct: 0, passed: false, status: 'abandoned' })
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
        void data.store.updateExam(exam.id, (e) => {
          if (e.tasks[i]) e.tasks[i].flagged = flagged;
        }).catch((e: unknown) => dispatch({ type: 'message', message: `The progress store failed: ${e instanceof Error ? e.message : String(e)}` }));
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
      case 'checkDraft': return done();
    }
    // Runs once per request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.request]);

  const bodyHeight = Math.max(3, height - 1);
  const tasks = exam?.tasks ?? [];
  const ctx = { tasks: Math.max(1, tasks.length), page: Math.max(1, bodyHeight - 2) };
  const inEditor = state.view === 'answer' && !state.confirm;
  // The scrolling views say how far they can go once laid out.
  const maxTopRef = useRef<number | undefined>(undefined);
  useKeys((key) => dispatch({ type: 'key', key, ctx: { ...ctx, maxTop: maxTopRef.current } }), { isActive: props.isActive && !inEditor, splitText: true });

  const current = tasks[state.index];
  const scenario = current ? scenarioOf(current.exerciseId) : undefined;
  const prep = useMemo(() => (scenario ? preparedStep(scenario, examStep(scenario)).prepared : undefined), [scenario]);

  const onEditorChange = useCallback((text: string) => {
    const i = stateRef.current.index;
    dispatch({ type: 'draft', index: i, text });
    saver?.schedule(String(i), 0, text);
    setProblem(undefined);
  }, [saver]);
  const onEditorSubmit = useCallback((text: string) => {
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
  }, [onEditorChange, saver, prep]);
  const onEditorCancel = useCallback((text: string) => {
    onEditorChange(text);
    void saver?.flush();
    dispatch({ type: 'view', view: 'task' });
  }, [onEditorChange, saver]);

  let body: React.ReactNode;
  const head = (left: string, right = '') => (
    <Box width={width} height={1}>
      <Box flexGrow={1} flexShrink={1}><Text bold wrap="truncate">{left}</Text></Box>
      {right ? <Box flexShrink={0} paddingLeft={1}><Text dimColor wrap="truncate">{right}</Text></Box> : null}
    </Box>
  );
  const message = state.message ? <Text color="yellow" wrap="truncate">{state.message}</Text> : null;

  switch (state.view) {
    case 'loading':
    case 'grading':
      body = <Text>{state.view === 'grading' ? 'Grading every task…' : 'Opening the exam…'}</Text>;
      break;
    case 'intro': {
      const opts = props.autoStart ?? {};
      const lines: Line[] = [
        { text: 'Mock exam', bold: true },
        { text: '' },
        { text: `${opts.tasks ?? DEFAULT_EXAM_TASKS} tasks in ${opts.minutes ?? DEFAULT_EXAM_MINUTES} minutes, write and fix only, each with a weight.` },
        { text: 'Visit the tasks in any order, flag some for later, leave some half done.' },
        { text: 'No hints, no solutions and no live matrix while the exam runs.' },
        { text: `At zero every task is graded as its draft stands. You pass at ${PASS_MARK_PCT}%.` },
        { text: 'Quitting does not stop the clock: reopen the exam to resume it.' },
        { text: '' },
        { text: 'Press Enter to start.', bold: true, color: 'cyan' },
      ];
      body = (
        <Box flexDirection="column">
          {message}
          <ScrollLines lines={wrapLines(lines, width - 1)} top={0} width={width} height={bodyHeight - (message ? 1 : 0)} />
        </Box>
      );
      break;
    }
    case 'reopen': {
      const c = exam ? examClock(exam.deadline, new Date(clock.now())) : undefined;
      const drafts = tasks.filter((t) => hasAnswer(t, scenarioOf(t.exerciseId))).length;
      const lines: Line[] = [
        { text: 'A mock exam is still running.', bold: true },
        { text: '' },
        { text: `Started ${exam ? new Date(exam.startedAt).toLocaleString() : ''} · ${exam ? examMinutes(exam) : 0} minutes · ${tasks.length} tasks, ${drafts} with a draft` },
        { text: `The clock kept running while netpol-dojo was closed: ${c?.text ?? ''} left.` },
        { text: '' },
        { text: 'Enter or r resumes it. a abandons it (not scored). Esc goes back.', color: 'cyan' },
      ];
      body = <ScrollLines lines={wrapLines(lines, width - 1)} top={0} width={width} height={bodyHeight} />;
      break;
    }
    case 'list': {
      const counts = { untouched: 0, draft: 0, flagged: 0 };
      const rows = tasks.map((t, i) => {
        const s = scenarioOf(t.exerciseId);
        const st = taskStatus(t, s);
        counts[st]++;
        const hasDraft = st === 'flagged' && t.draft !== undefined && s && t.draft !== examStartText(s);
        const label = `${STATUS_MARK[st]} ${st}${hasDraft ? '+draft' : ''}`;
        const text = `${i === state.index ? '>' : ' '}${String(i + 1).padStart(2)}  ${label.padEnd(14)} ${`${t.weight}%`.padStart(6)}  ${(s?.kind ?? '?').padEnd(5)}  ${s?.title ?? t.exerciseId}`;
        return <Text key={i} wrap="truncate" bold={i === state.index} color={i === state.index ? 'cyan' : undefined}>{text}</Text>;
      });
      body = (
        <Box flexDirection="column">
          {head(`Tasks (${tasks.length})`, `${counts.draft} draft · ${counts.flagged} flagged · ${counts.untouched} untouched`)}
          <Text dimColor wrap="truncate">{`   #  ${'status'.padEnd(14)} weight  kind   task`}</Text>
          {rows}
          <Text> </Text>
          {message}
        </Box>
      );
      break;
    }
    case 'task': {
      const lines = scenario && current ? wrapLines(examTaskLines(scenario, current.weight), width - 1) : [{ text: 'This scenario is not in the bank any more.' }];
      const st = current ? taskStatus(current, scenario) : 'untouched';
      maxTopRef.current = Math.max(0, lines.length - bodyHeight);
      body = (
        <Box flexDirection="column">
          {head(`Task ${state.index + 1}/${tasks.length} · ${current?.exerciseId ?? ''}`, `${STATUS_MARK[st]} ${st}`)}
          <ScrollLines lines={lines} top={clampScroll(state.top, lines.length, bodyHeight)} width={width} height={bodyHeight} />
        </Box>
      );
      break;
    }
    case 'answer': {
      if (!prep || !scenario || !current) {
        body = <Text color="red">This task cannot be prepared.</Text>;
        break;
      }
      body = (
        <Box flexDirection="column">
          {head(`Task ${state.index + 1}/${tasks.length} · ${scenario.title}`, `weight ${current.weight}%`)}
          <AnswerEditor key={`${state.index}:${state.editorKey}`} prep={prep} layout={{ rows: [], columns: [] }} preview={false}
            initialText={current.draft ?? examStartText(scenario)} width={width} height={bodyHeight}
            isActive={props.isActive && !state.confirm} problem={problem}
            onChange={onEditorChange} onSubmit={onEditorSubmit} onCancel={onEditorCancel} onHelp={onHelp} />
        </Box>
      );
      break;
    }
    case 'result':
      body = <ExamResultView state={state} scenarioOf={scenarioOf} width={width} height={height} />;
      break;
    case 'review': {
      const h = state.handedIn;
      const t = h?.tasks[state.index];
      const scored = h?.score.tasks[state.index];
      const s = t ? scenarioOf(t.exerciseId) : undefined;
      const lines = t ? wrapLines(taskReviewLines(t, s, width), width - 1) : [];
      maxTopRef.current = Math.max(0, lines.length - bodyHeight);
      body = (
        <Box flexDirection="column">
          {head(`Task ${state.index + 1}/${h?.tasks.length ?? 0} · ${s?.title ?? t?.exerciseId ?? ''}`, scored ? `${scored.verdict} · ${scored.points}/${scored.weight} points` : '')}
          <ScrollLines lines={lines} top={clampScroll(state.top, lines.length, bodyHeight)} width={width} height={bodyHeight} />
        </Box>
      );
      break;
    }
  }

  // A flagged task may have no answer at all: count answers, not statuses.
  const unanswered = tasks.filter((t) => !hasAnswer(t, scenarioOf(t.exerciseId))).length;
  const flaggedCount = tasks.filter((t) => t.flagged).length;
  const confirmText = state.confirm === 'finish'
    ? `Finish now? Tasks are graded as they stand (${unanswered} unanswered${flaggedCount ? `, ${flaggedCount} flagged` : ''})  y / n`
    : state.confirm === 'abandon' ? 'Abandon this exam? It will not be scored.  y / n' : '';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box flexDirection="column" height={state.confirm ? height - 1 : height} overflow="hidden">{body}</Box>
      {state.confirm ? <Text inverse bold wrap="truncate">{confirmText}</Text> : null}
    </Box>
  );
}

function taskReviewLines(t: GradedTask, s: Scenario | undefined, width: number): Line[] {
  const out: Line[] = [];
  if (t.loadProblem) out.push({ text: `The answer does not load: ${t.loadProblem}`, color: 'red' }, { text: '' });
  if (t.result) {
    for (const req of t.result.requirements) out.push({ text: `${req.met ? '✓' : '✗'} ${req.name}`, color: req.met ? 'green' : 'red' });
    if (t.result.mistakes.length) for (const m of t.result.mistakes) out.push({ text: `  - ${m.message}`, color: 'yellow' });
    out.push({ text: '' });
  }
  out.push(...reviewLines({ scenario: s, step: t.step, answer: t.answer, mismatches: t.result?.mismatches ?? [], checks: t.result?.checks }, width - 1));
  return out;
}

const VERDICT_MARK = { passed: '✓ passed', partial: '~ partial', failed: '✗ failed', unanswered: '· unanswered' } as const;

function ExamResultView(props: { state: ExamState; scenarioOf: (id: string) => Scenario | undefined; width: number; height: number }) {
  const { state, width } = props;
  const h = state.handedIn;
  if (!h) return <Text>No result.</Text>;
  const { score } = h;
  const titleWidth = Math.max(10, width - 4 - 8 - 7 - 10 - 14 - 2);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color={score.passed ? 'green' : 'red'} wrap="truncate">
        {`${score.passed ? '✓ PASS' : '✗ FAIL'}  ${formatPct(score.totalPct)} (pass mark ${PASS_MARK_PCT}%) · time used ${formatDuration(score.timeUsedMs)}`}
      </Text>
      {state.note ? <Text dimColor wrap="truncate">{state.note}</Text> : null}
      <Text> </Text>
      <Text dimColor wrap="truncate">{`   #  ${'task'.padEnd(titleWidth)}  weight   score   points  verdict`}</Text>
      {score.tasks.map((t, i) => {
        const s = props.scenarioOf(t.exerciseId);
        const name = (s?.title ?? t.exerciseId).slice(0, titleWidth).padEnd(titleWidth);
        const line = `${i === state.index ? '>' : ' '}${String(i + 1).padStart(3)}  ${name}  ${`${t.weight}%`.padStart(6)}  ${`${Math.round(t.score * 100)}%`.padStart(6)}  ${t.points.toFixed(1).padStart(7)}  ${VERDICT_MARK[t.verdict]}`;
        const color = t.verdict === 'passed' ? 'green' : t.verdict === 'partial' ? 'yellow' : 'red';
        return <Text key={i} wrap="truncate" color={color} bold={i === state.index} inverse={i === state.index}>{line}</Text>;
      })}
      <Text> </Text>
      <Text dimColor wrap="truncate">Enter reviews the selected task: your YAML, the reference, what went wrong and why.</Text>
    </Box>
  );
}
