// What a running mock exam needs beyond the training core: the text each task starts from, the
// task as the exam shows it (every requirement at once, no hints), the status of each task in
// the list, and handing in: grade every draft as it stands, record the attempts, finish the exam.
// No Ink here.
import type { Bank } from '../../core/bank/bank.js';
import type { Scenario } from '../../core/bank/scenario.js';
import { existingBlocksAt, preparedStep } from '../../core/bank/prepare.js';
import { clusterLines, difficultyDots, type Line } from '../../core/bank/describe.js';
import { gradeAnswer, type GradeResult } from '../../core/grader/grade.js';
import { examResultForStore, scoreExam, type ExamScore, type TaskGrade } from '../../core/training/exam-score.js';
import { scoreInputFor } from '../../core/training/exam-session.js';
import type { ExamRecord, ExamTask, ProgressStore } from '../../store/progress-store.js';
import { recordGrade } from '../../store/record-grade.js';
import { ANSWER_FILE, blamedLine } from '../practice/world.js';

/** An exam grades the whole task: the scenario's last step. */
export function examStep(s: Scenario): number {
  return Math.max(1, s.steps.length);
}

/** The editor's text before the learner types: the policies in place for a fix task, else nothing. */
export function examStartText(s: Scenario): string {
  if (s.kind !== 'fix') return '';
  return existingBlocksAt(s, examStep(s)).map((b) => b.text.trimEnd()).join('\n---\n') + '\n';
}

export type TaskStatus = 'untouched' | 'draft' | 'flagged';

/** Flagged wins (the learner asked to come back); a draft is any text that differs from the start. */
export function taskStatus(task: ExamTask, s: Scenario | undefined): TaskStatus {
  if (task.flagged) return 'flagged';
  if (task.draft === undefined) return 'untouched';
  return s && task.draft === examStartText(s) ? 'untouched' : 'draft';
}

/** Whether the task has an answer to grade (flagged or not): text that differs from the start. */
export function hasAnswer(task: ExamTask, s: Scenario | undefined): boolean {
  return task.draft !== undefined && !(s && task.draft === examStartText(s));
}

export const STATUS_MARK: Record<TaskStatus, string> = { untouched: '·', draft: '✎', flagged: '⚑' };

/** The task as the exam states it: all steps' requirements at once, the cluster, the policies in place. */
export function examTaskLines(s: Scenario, weight: number): Line[] {
  const step = examStep(s);
  const prep = preparedStep(s, step).prepared;
  const out: Line[] = [];
  out.push({ text: s.title, bold: true });
  out.push({ text: `${s.kind} · weight ${weight}% · difficulty ${difficultyDots(s.difficulty)} · about ${s.minutes} min`, dim: true });
  out.push({ text: '' });
  for (const l of s.task.trimEnd().split('\n')) out.push({ text: l });
  if (s.steps.length > 1) {
    out.push({ text: '' }, { text: 'Your answer must do all of this:', bold: true, color: 'cyan' });
    s.steps.forEach((st, i) => {
      out.push({ text: `${i + 1}. ${st.title}` });
      if (st.task) for (const l of st.task.trimEnd().split('\n')) out.push({ text: `   ${l}` });
    });
  }
  if (prep) {
    out.push({ text: '' }, { text: 'Cluster', bold: true });
    out.push(...clusterLines(prep.cluster).map((l) => ({ ...l, text: '  ' + l.text })));
  }
  out.push({ text: '' });
  const existing = existingBlocksAt(s, step);
  if (existing.length === 0) out.push({ text: 'No NetworkPolicies exist yet.', dim: true });
  else {
    out.push({ text: `Existing policies (${prep?.existing.length ?? existing.length})`, bold: true });
    for (const b of existing) for (const l of b.text.trimEnd().split('\n')) out.push({ text: '  ' + l });
  }
  return out;
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
}

export interface HandedIn {
  exam: ExamRecord;
  score: ExamScore;
  tasks: GradedTask[];
  /** The store refused a write: the result is shown but may be missing from the history. */
  saveError?: string;
}

/** Grades every task's draft as it stands (pure: no store). */
export function gradeExamTasks(bank: Bank, exam: ExamRecord): GradedTask[] {
  return exam.tasks.map((t) => {
    const s = bank.byId.get(t.exerciseId);
    const step = s ? examStep(s) : 1;
    const answer = t.draft ?? '';
    const base = { exerciseId: t.exerciseId, weight: t.weight, step, answer };
    if (!s) return { ...base, loadProblem: 'this scenario is no longer in the bank' };
    if (answer.trim() === '' || answer === examStartText(s)) return base;
    const outcome = gradeAnswer(s, [{ file: ANSWER_FILE, text: answer }], { step });
    if (!outcome.ok) return { ...base, loadProblem: blamedLine(outcome.findings)?.message ?? 'the answer does not load' };
    return { ...base, result: outcome.result };
  });
}

export function taskGrade(t: GradedTask): TaskGrade | undefined {
  if (t.result) return { score: t.result.score, passed: t.result.passed };
  if (t.loadProblem) return { score: 0, passed: false };
  return undefined;
}

/**
 * Hands the exam in at `now`: grades, records an attempt per task (mode 'exam', with the exam's
 * id), and finishes the exam record. The score stands even if the store cannot be written.
 */
export async function handInExam(store: ProgressStore, bank: Bank, exam: ExamRecord, now: Date): Promise<HandedIn> {
  const tasks = gradeExamTasks(bank, exam);
  // Time stops at the deadline: an exam graded late (reopened after expiry) used all of it.
  const finishedAt = new Date(Math.min(now.getTime(), Date.parse(exam.deadline)));
  const score = scoreExam(scoreInputFor(exam, tasks.map(taskGrade), finishedAt));
  let saveError: string | undefined;
  try {
    for (const t of tasks) {
      if (t.result) {
        await recordGrade(store, { result: t.result, answer: t.answer, mode: 'exam', examId: exam.id, finishedAt });
      } else {
        await store.recordAttempt({
          exerciseId: t.exerciseId, step: t.step, mode: 'exam', examId: exam.id, passed: false, score: 0, answer: t.answer,
          mismatches: t.loadProblem ? [{ reason: `the answer does not load: ${t.loadProblem}` }] : [],
          finishedAt: finishedAt.toISOString(),
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
