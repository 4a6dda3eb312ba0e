// Handing a mock exam in: every draft graded as it stands, an attempt recorded per answered task, the exam
// record finished. The text each task starts from lives here too: a draft equal to it is no answer.
import type { Bank } from '../bank/bank.js';
import type { Scenario } from '../bank/scenario.js';
import { existingBlocksAt } from '../bank/prepare.js';
import { joinDocuments } from '../text/yaml-documents.js';
import { gradeAnswer, type GradeResult } from '../grader/grade.js';
import { examResultForStore, scoreExam, type ExamScore, type TaskGrade } from './exam-score.js';
import { scoreInputFor } from './exam-session.js';
import { attemptOf } from './attempt-of.js';
import { ANSWER_FILE, blamedLine } from './answer-file.js';
import type { ConsoleEntry, ExamRecord, ExamTask } from './records.js';
import type { ClusterState } from '../grader/grade.js';
import { gradeConsoleAnswer, replayConsole, untouchedDraft } from './console-answer.js';
import type { ProgressLog } from './progress-log.js';

/** An exam grades the whole task: the scenario's last step. */
export function examStep(s: Scenario): number {
  return Math.max(1, s.steps.length);
}

/** The editor's text before the learner types: the policies in place for a fix task, else nothing. */
export function examStartText(s: Scenario): string {
  if (s.kind !== 'fix') return '';
  return joinDocuments(existingBlocksAt(s, examStep(s)).map((b) => b.text));
}

/** Whether the task has an answer to grade (flagged or not): text that differs from the start. */
export function hasAnswer(task: ExamTask, s: Scenario | undefined): boolean {
  if ((task.console?.length ?? 0) > 0 && (s?.kind === 'write' || s?.kind === 'fix')) return true;
  return task.draft !== undefined && !(s && task.draft === examStartText(s));
}

/** One task as graded at hand-in. */
export interface GradedTask {
  exerciseId: string;
  weight: number;
  step: number;
  /** The draft as it stood ('' when the task was left alone). */
  answer: string;
  /** The grader's result; undefined when unanswered or when the answer does not load. */
  result?: GradeResult;
  /** Why an answer that was given does not load (kubectl would have refused it). */
  loadProblem?: string;
  /** The task's console commands as replayed (absent: the console was not used). */
  console?: ConsoleEntry[];
}

export interface HandedIn {
  exam: ExamRecord;
  score: ExamScore;
  tasks: GradedTask[];
  /** The store refused a write: the result is shown but may be missing from the history. */
  saveError?: string;
}

/** A task's console as replayed at hand-in: its cluster now and what was typed. */
export interface ReplayedConsole {
  state: ClusterState;
  entries: ConsoleEntry[];
}

/** Grades every task's draft as it stands, on its console's cluster when one was used (pure: no store). */
export function gradeExamTasks(bank: Bank, exam: ExamRecord, consoles: ReadonlyMap<number, ReplayedConsole> = new Map()): GradedTask[] {
  return exam.tasks.map((t, i) => {
    const s = bank.byId.get(t.exerciseId);
    const step = s ? examStep(s) : 1;
    const answer = t.draft ?? '';
    const base = { exerciseId: t.exerciseId, weight: t.weight, step, answer };
    if (!s) return { ...base, loadProblem: 'this scenario is no longer in the bank' };
    const replayed = consoles.get(i);
    if (replayed && (s.kind === 'write' || s.kind === 'fix')) {
      const { outcome } = gradeConsoleAnswer(s, step, replayed.state, answer);
      const withConsole = { ...base, answer: untouchedDraft(s, step, answer) ? '' : answer, console: replayed.entries };
      if (!outcome.ok) return { ...withConsole, loadProblem: blamedLine(outcome.findings)?.message ?? 'the answer does not load' };
      return { ...withConsole, result: outcome.result };
    }
    if (answer.trim() === '' || answer === examStartText(s)) return base;
    const outcome = gradeAnswer(s, [{ file: ANSWER_FILE, text: answer }], { step });
    if (!outcome.ok) return { ...base, loadProblem: blamedLine(outcome.findings)?.message ?? 'the answer does not load' };
    return { ...base, result: outcome.result };
  });
}

/** Left alone at hand-in: nothing graded and nothing that failed to load. Scores 0, is no attempt. */
export function isUnanswered(t: GradedTask): boolean {
  return !t.result && !t.loadProblem;
}

export function taskGrade(t: GradedTask): TaskGrade | undefined {
  if (isUnanswered(t)) return undefined;
  return t.result ? { score: t.result.score, passed: t.result.passed } : { score: 0, passed: false };
}

/**
 * Hands the exam in at `now`: grades, records an attempt per answered task (mode 'exam', with the
 * exam's id), and finishes the exam record. The score stands even if the store cannot be written.
 */
export async function handInExam(store: Pick<ProgressLog, 'recordAttempt' | 'finishExam'>, bank: Bank, exam: ExamRecord, now: Date): Promise<HandedIn> {
  // A console lives in memory; its commands are in the record, and replaying them rebuilds its cluster.
  const consoles = new Map<number, ReplayedConsole>();
  for (const [i, t] of exam.tasks.entries()) {
    const s = bank.byId.get(t.exerciseId);
    if (!s || !t.console?.length || (s.kind !== 'write' && s.kind !== 'fix')) continue;
    const { console: c, entries } = await replayConsole(s, examStep(s), t.console, { now: () => Date.parse(exam.startedAt) }, t.consoleEdits);
    consoles.set(i, { state: c.state(), entries });
  }
  const tasks = gradeExamTasks(bank, exam, consoles);
  // Time stops at the deadline: an exam graded late (reopened after expiry) used all of it.
  const finishedAt = new Date(Math.min(now.getTime(), Date.parse(exam.deadline)));
  const score = scoreExam(scoreInputFor(exam, tasks.map(taskGrade), finishedAt));
  let saveError: string | undefined;
  try {
    for (const t of tasks) {
      // An unanswered task is in the exam record (score 0) but was never tried.
      if (isUnanswered(t)) continue;
      if (t.result) {
        await store.recordAttempt({
          ...attemptOf({ result: t.result, answer: t.answer, mode: 'exam', examId: exam.id, finishedAt }),
          ...(t.console ? { console: t.console } : {}),
        });
      } else {
        await store.recordAttempt({
          exerciseId: t.exerciseId,
          step: t.step,
          mode: 'exam',
          examId: exam.id,
          passed: false,
          score: 0,
          answer: t.answer,
          mismatches: [{ reason: `the answer does not load: ${t.loadProblem}` }],
          finishedAt: finishedAt.toISOString(),
          ...(t.console ? { console: t.console } : {}),
        });
      }
    }
    const drafts = exam.tasks.map((t) => t.draft);
    const finished = await store.finishExam(exam.id, examResultForStore(score));
    // Keep the drafts in the record: they are the answers the result refers to.
    return { exam: { ...finished, tasks: finished.tasks.map((t, i) => ({ ...t, draft: t.draft ?? drafts[i] })) }, score, tasks };
  } catch (e) {
    saveError = e instanceof Error ? e.message : String(e);
  }
  return { exam, score, tasks, saveError };
}
