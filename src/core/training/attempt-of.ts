// How a graded answer becomes a recorded attempt: the one mapping used by every place that
// grades (the `grade` command, practice, the exam hand-in), so that all record the same fields.
import type { GradeResult } from '../grader/grade.js';
import type { AttemptMode, NewAttempt } from './records.js';

export interface GradedAnswer {
  result: GradeResult;
  /** The answer text as graded (several files joined as one multi-document text). */
  answer: string;
  mode: AttemptMode;
  /** When work on the task began; with it the attempt records how long it took. */
  startedAt?: Date;
  finishedAt?: Date;
  examId?: string;
}

export function attemptOf(g: GradedAnswer): NewAttempt {
  const finishedAt = g.finishedAt ?? new Date();
  return {
    exerciseId: g.result.exercise,
    step: g.result.step,
    mode: g.mode,
    ...(g.startedAt ? { startedAt: g.startedAt.toISOString(), durationMs: Math.max(0, finishedAt.getTime() - g.startedAt.getTime()) } : {}),
    finishedAt: finishedAt.toISOString(),
    passed: g.result.passed,
    score: g.result.score,
    answer: g.answer,
    mismatches: g.result.mismatches,
    checks: g.result.checks,
    ...(g.examId ? { examId: g.examId } : {}),
  };
}
