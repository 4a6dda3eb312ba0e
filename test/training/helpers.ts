// Small literals for the training tests: scenarios without files, attempts at local times.
import type { Attempt, ExamRecord } from '../../src/store/schema.js';
import type { ScenarioInfo } from '../../src/core/training/scenario-info.js';

export function scenario(id: string, extra: Partial<Omit<ScenarioInfo, 'steps'>> & { steps?: number } = {}): ScenarioInfo {
  const { steps = 1, ...rest } = extra;
  return { id, title: `title of ${id}`, kind: 'write', topics: ['4.1'], difficulty: 2, minutes: 5, ...rest, steps: Array.from({ length: steps }, () => ({})) };
}

/** A local time on a day of November 2026 (month index 10), so days are the learner's days. */
export function local(day: number, hour = 12, minute = 0): Date {
  return new Date(2026, 10, day, hour, minute);
}

let counter = 0;

export function attemptAt(exerciseId: string, passed: boolean, at: Date, extra: Partial<Attempt> = {}): Attempt {
  return {
    id: `a${++counter}`,
    exerciseId,
    step: 1,
    mode: 'practice',
    finishedAt: at.toISOString(),
    passed,
    score: passed ? 1 : 0.5,
    answer: 'kind: NetworkPolicy',
    mismatches: [],
    ...extra,
  };
}

export function exam(id: string, finishedAt: Date, scorePct: number, extra: Partial<ExamRecord> = {}): ExamRecord {
  return {
    id,
    seed: 1,
    startedAt: new Date(finishedAt.getTime() - 30 * 60_000).toISOString(),
    deadline: new Date(finishedAt.getTime() + 15 * 60_000).toISOString(),
    finishedAt: finishedAt.toISOString(),
    status: 'finished',
    tasks: [],
    scorePct,
    passed: scorePct >= 66,
    ...extra,
  };
}
