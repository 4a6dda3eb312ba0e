// An exercise is passed once every step is (module 13's exercises have two or three: deny, then
// allow); a mock exam pass counts for the whole task; any attempt makes it attempted.
import { describe, expect, it } from 'vitest';
import { exerciseRecords, statusFrom } from '../../src/core/training/exercise-status.js';
import type { Attempt } from '../../src/core/training/records.js';

let n = 0;
const attempt = (exerciseId: string, step: number, passed: boolean, extra: Partial<Attempt> = {}): Attempt => ({
  id: `a${n++}`,
  exerciseId,
  step,
  mode: 'practice',
  finishedAt: '2026-12-01T10:00:00.000Z',
  passed,
  score: passed ? 1 : 0.5,
  answer: 'kind: NetworkPolicy',
  mismatches: passed ? [] : [{ reason: 'x' }],
  ...extra,
});

const status = (attempts: Attempt[], id: string, steps: number) => statusFrom(exerciseRecords(attempts).get(id), steps);

describe('exercise status', () => {
  it('is new without attempts, failed while a step is not passed, passed once every step is', () => {
    expect(status([], 'ex', 2)).toBe('new');
    const first = [attempt('ex', 1, true)];
    expect(status(first, 'ex', 2)).toBe('failed');
    expect(status([...first, attempt('ex', 2, false)], 'ex', 2)).toBe('failed');
    expect(status([...first, attempt('ex', 2, false), attempt('ex', 2, true)], 'ex', 2)).toBe('passed');
    // A later failure does not take a pass back.
    expect(status([...first, attempt('ex', 2, true), attempt('ex', 1, false)], 'ex', 2)).toBe('passed');
  });

  it('needs every step, not only the last', () => {
    expect(status([attempt('ex', 3, true)], 'ex', 3)).toBe('failed');
    expect(status([attempt('ex', 1, true), attempt('ex', 3, true)], 'ex', 3)).toBe('failed');
    expect(
      status(
        [1, 2, 3].map((s) => attempt('ex', s, true)),
        'ex',
        3,
      ),
    ).toBe('passed');
  });

  it('counts a passed mock exam task as the whole exercise passed, an unanswered one as nothing', () => {
    expect(status([attempt('ex', 2, true, { mode: 'exam', examId: 'e1' })], 'ex', 2)).toBe('passed');
    const unanswered = attempt('ex', 2, false, { mode: 'exam', examId: 'e1', score: 0, mismatches: [] });
    expect(status([unanswered], 'ex', 2)).toBe('new');
  });

  it('treats a one-step exercise (or an unknown step count) as one step', () => {
    expect(status([attempt('one', 1, true)], 'one', 1)).toBe('passed');
    expect(status([attempt('one', 1, true)], 'one', 0)).toBe('passed');
  });
});
