// The trainer's records: what a learner did (attempts, drafts, exams, revealed solutions).
// The core owns their shape; the store persists them as they are, and the CLI and TUI read them.

export type AttemptMode = 'practice' | 'exam' | 'review' | 'cli';

export interface Attempt {
  id: string;
  exerciseId: string;
  step: number;
  mode: AttemptMode;
  startedAt?: string;
  finishedAt: string;
  durationMs?: number;
  passed: boolean;
  /** 0..1 share of the checks that passed (the grader decides the scale). */
  score: number;
  answer: string;
  mismatches: unknown[];
  checks?: unknown[];
  examId?: string;
  /** What was typed in the console pane for this attempt, in order (absent: the console was not used). */
  console?: ConsoleEntry[];
}

/**
 * An exam task handed in without an answer is not an attempt: it stays in the exam record (it
 * scores 0 there) but never counts as tried. Versions before 2026-12 recorded such a task as an
 * exam attempt with nothing graded (no mismatches, no checks, score 0); readers skip those.
 */
export function isUnansweredExamAttempt(a: Pick<Attempt, 'mode' | 'passed' | 'score' | 'mismatches' | 'checks' | 'console'>): boolean {
  return a.mode === 'exam' && !a.passed && a.score === 0 && a.mismatches.length === 0 && !a.checks?.length && !a.console?.length;
}

/** The attempts that were made: what status, stats and review count. */
export function attemptsMade<A extends Attempt>(attempts: readonly A[]): A[] {
  return attempts.filter((a) => !isUnansweredExamAttempt(a));
}

/** One command typed in the console pane, and what it printed when that was short. */
export interface ConsoleEntry {
  /** The command as entered (a here-document's lines joined with line feeds). */
  command: string;
  /** Its output; absent when it was too long to keep (`outputLines` says how long). */
  output?: string[];
  outputLines?: number;
  exitCode: number;
}

/** What recording an attempt needs; id and finishedAt are filled in when absent. */
export type NewAttempt = Omit<Attempt, 'id' | 'finishedAt'> & { id?: string; finishedAt?: string };

/** Unsent editor text of one step. */
export interface Draft {
  exerciseId: string;
  step: number;
  text: string;
  updatedAt: string;
  /** Which terminal wrote it ("host:pid:..."), so that two TUIs on one store can tell their drafts apart. */
  writer?: string;
  /** The draft another terminal had written, kept when this one replaced it without having seen it. */
  previous?: { text: string; updatedAt: string; writer?: string };
}

export interface ExamTask {
  exerciseId: string;
  weight: number;
  flagged?: boolean;
  draft?: string;
  score?: number;
  passed?: boolean;
  /** The commands run in this task's console, in order; replayed at hand-in to rebuild its cluster. */
  console?: string[];
  /** What each editor the console opened (kubectl edit, vi FILE) saved, in order (null: it failed), for the replay. */
  consoleEdits?: (string | null)[];
}

export type ExamStatus = 'running' | 'finished' | 'abandoned';

export interface ExamRecord {
  id: string;
  seed: number;
  startedAt: string;
  deadline: string;
  finishedAt?: string;
  status: ExamStatus;
  tasks: ExamTask[];
  scorePct?: number;
  passed?: boolean;
}

/** An exam about to start. */
export interface NewExam {
  seed: number;
  tasks: ExamTask[];
  /** ISO time by which the exam must be handed in. */
  deadline: string;
  id?: string;
}

/** How an exam ended. */
export interface ExamResult {
  scorePct: number;
  passed: boolean;
  /** Per-task results in task order (merged into the stored tasks). */
  tasks?: Partial<ExamTask>[];
  status?: 'finished' | 'abandoned';
}

/** The learner looked at the solution of one step. */
export interface Reveal {
  exerciseId: string;
  step: number;
  at: string;
}

export type ExerciseStatus = 'passed' | 'failed' | 'new';

export interface AttemptFilter {
  exerciseId?: string;
  step?: number;
  mode?: AttemptMode;
  examId?: string;
}

export interface ProgressSummary {
  /** Exercises with at least one passing attempt. */
  passed: number;
  /** Exercises with at least one attempt. */
  attempted: number;
  /** Best scorePct among finished exams, or null if none was finished. */
  examBest: number | null;
}
