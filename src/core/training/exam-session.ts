// The glue between an exam plan, the store's ExamRecord and the clock: what to store when an
// exam starts, and what a reopened exam is (still running, or out of time and due for grading).
import type { ExamRecord, NewExam } from './records.js';
import type { ExamPlan } from './exam-plan.js';
import { examClock, examDeadline, type ExamClock } from './exam-clock.js';
import type { ExamScoreInput, TaskGrade } from './exam-score.js';

/** The store's startExam argument; the deadline is fixed now, so the clock survives a crash. */
export function examToStart(plan: ExamPlan, now: Date): NewExam {
  return {
    seed: plan.seed,
    deadline: examDeadline(now, plan.minutes).toISOString(),
    tasks: plan.tasks.map((t) => ({ exerciseId: t.exerciseId, weight: t.weight })),
  };
}

export type ReopenedExam =
  | { state: 'running'; exam: ExamRecord; clock: ExamClock }
  /** Time ran out while netpol-dojo was closed: grade the drafts as they stand. */
  | { state: 'expired'; exam: ExamRecord; clock: ExamClock };

/** How a running exam found in the store stands at `now` (offer resume or abandon when running). */
export function reopenExam(exam: ExamRecord, now: Date): ReopenedExam {
  const clock = examClock(exam.deadline, now);
  return { state: clock.phase === 'over' ? 'expired' : 'running', exam, clock };
}

/** The exam's length in whole minutes, from its stored start and deadline. */
export function examMinutes(exam: Pick<ExamRecord, 'startedAt' | 'deadline'>): number {
  return Math.round((Date.parse(exam.deadline) - Date.parse(exam.startedAt)) / 60_000);
}

/** scoreExam's input for a stored exam; `grades[i]` for task i, undefined when left empty. */
export function scoreInputFor(exam: ExamRecord, grades: readonly (TaskGrade | undefined)[], finishedAt: Date): ExamScoreInput {
  return {
    startedAt: exam.startedAt,
    deadline: exam.deadline,
    finishedAt,
    tasks: exam.tasks.map((t, i) => ({ exerciseId: t.exerciseId, weight: t.weight, ...(grades[i] ? { grade: grades[i] } : {}) })),
  };
}
