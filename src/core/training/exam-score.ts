// Scoring a handed-in (or timed-out) mock exam: each task earns its weight times the
// grader's 0..1 score; the exam passes at 66%, the CKA's pass mark.
import type { ExamResult } from './records.js';

export const PASS_MARK_PCT = 66;

/** What the grader said of one task's draft; undefined when the task was left empty. */
export interface TaskGrade {
  score: number;
  passed: boolean;
}

export type TaskVerdict = 'passed' | 'partial' | 'failed' | 'unanswered';

export interface ScoredTask {
  exerciseId: string;
  weight: number;
  /** 0..1 as graded (0 for an unanswered task). */
  score: number;
  passed: boolean;
  /** weight × score, to one decimal. */
  points: number;
  verdict: TaskVerdict;
}

export interface ExamScore {
  tasks: ScoredTask[];
  /** Points earned as a percentage of all weights, to one decimal. */
  totalPct: number;
  passed: boolean;
  /** From the start to the hand-in, never beyond the deadline. */
  timeUsedMs: number;
}

export interface ExamScoreInput {
  tasks: { exerciseId: string; weight: number; grade?: TaskGrade }[];
  startedAt: Date | string;
  deadline: Date | string;
  finishedAt: Date | string;
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

function verdictOf(grade: TaskGrade | undefined): TaskVerdict {
  if (!grade) return 'unanswered';
  if (grade.passed) return 'passed';
  return grade.score > 0 ? 'partial' : 'failed';
}

/**
 * The pass decision uses the percentage as shown (one decimal), so a result never reads
 * "66.0%" and "fail" at once, and float dust (65.99999…) does not fail an exact 66.
 */
export function scoreExam(input: ExamScoreInput): ExamScore {
  const tasks: ScoredTask[] = input.tasks.map((t) => {
    const score = t.grade ? Math.min(1, Math.max(0, t.grade.score)) : 0;
    return {
      exerciseId: t.exerciseId,
      weight: t.weight,
      score,
      passed: t.grade?.passed ?? false,
      points: oneDecimal(t.weight * score),
      verdict: verdictOf(t.grade),
    };
  });
  const weights = input.tasks.reduce((a, t) => a + t.weight, 0);
  const earned = input.tasks.reduce((a, t, i) => a + t.weight * tasks[i].score, 0);
  const totalPct = weights > 0 ? oneDecimal((earned / weights) * 100) : 0;
  const start = new Date(input.startedAt).getTime();
  const end = Math.min(new Date(input.finishedAt).getTime(), new Date(input.deadline).getTime());
  return { tasks, totalPct, passed: totalPct >= PASS_MARK_PCT, timeUsedMs: Math.max(0, end - start) };
}

/** The store's finishExam argument for a scored exam (tasks in the same order). */
export function examResultForStore(score: ExamScore): ExamResult {
  return {
    scorePct: score.totalPct,
    passed: score.passed,
    status: 'finished',
    tasks: score.tasks.map((t) => ({ score: t.score, passed: t.passed })),
  };
}
