// What the trainer asks of wherever progress is kept. The store implements it; the TUI and the
// exam hand-in depend on this interface only, so neither knows about files or locks.
import type { Attempt, AttemptFilter, Draft, ExamRecord, ExamResult, ExerciseStatus, NewAttempt, NewExam, ProgressSummary, Reveal } from './records.js';

export interface ProgressLog {
  /** Picks up what other processes wrote since the last read. */
  reload(): Promise<void>;
  recordAttempt(input: NewAttempt): Promise<Attempt>;
  attempts(filter?: AttemptFilter): Attempt[];
  /** `steps`: the exercise's number of steps (default one): passed once every step was. */
  statusOf(exerciseId: string, steps?: number): ExerciseStatus;
  /** `stepsOf`: each exercise's number of steps, for what counts as passed. */
  summary(stepsOf?: (exerciseId: string) => number): ProgressSummary;
  saveDraft(exerciseId: string, step: number, text: string): Promise<Draft>;
  getDraft(exerciseId: string, step: number): Draft | undefined;
  recordReveal(exerciseId: string, step: number): Promise<Reveal>;
  reveals(exerciseId?: string): Reveal[];
  startExam(input: NewExam): Promise<ExamRecord>;
  updateExam(id: string, change: (exam: ExamRecord) => void): Promise<ExamRecord>;
  /** updateExam for the last moments of a process (a signal): synchronous, where the store can be. */
  updateExamSync?(id: string, change: (exam: ExamRecord) => void): ExamRecord;
  finishExam(id: string, result: ExamResult): Promise<ExamRecord>;
  runningExam(): ExamRecord | undefined;
  exams(): ExamRecord[];
}
