// Whether an exercise is passed, attempted or new, from its attempts. An exercise of several steps
// is passed once every step has been passed: in practice step by step, or in a mock exam, whose
// answer holds the whole task and is graded at the last step. Attempted: any attempt made.
import { attemptsMade, type Attempt, type ExerciseStatus } from './records.js';

/** What the attempts of one exercise say, before its number of steps is known. */
export interface ExerciseRecord {
  /** Steps (1-based) with a passed attempt. */
  passedSteps: Set<number>;
  /** A mock exam passed the whole task. */
  examPassed: boolean;
}

/** Each attempted exercise's record, from a log of attempts. */
export function exerciseRecords(attempts: readonly Attempt[]): Map<string, ExerciseRecord> {
  const out = new Map<string, ExerciseRecord>();
  for (const a of attemptsMade(attempts)) {
    let r = out.get(a.exerciseId);
    if (!r) out.set(a.exerciseId, (r = { passedSteps: new Set(), examPassed: false }));
    if (!a.passed) continue;
    if (a.mode === 'exam') r.examPassed = true;
    else r.passedSteps.add(a.step);
  }
  return out;
}

/** The status of an exercise of `steps` steps (at least one) from its record. */
export function statusFrom(record: ExerciseRecord | undefined, steps: number): ExerciseStatus {
  if (!record) return 'new';
  if (record.examPassed) return 'passed';
  for (let step = 1; step <= Math.max(1, steps); step++) if (!record.passedSteps.has(step)) return 'failed';
  return 'passed';
}
