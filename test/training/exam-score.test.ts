import { describe, expect, it } from 'vitest';
import { examResultForStore, scoreExam, type ExamScoreInput } from '../../src/core/training/exam-score.js';

const times = { startedAt: '2026-11-05T09:00:00Z', deadline: '2026-11-05T09:45:00Z', finishedAt: '2026-11-05T09:30:00Z' };

function only(weight: number, score: number, passed = false): ExamScoreInput {
  return { ...times, tasks: [{ exerciseId: 'x', weight, grade: { score, passed } }] };
}

describe('scoreExam', () => {
  it('passes at exactly 66% and fails just below', () => {
    expect(scoreExam(only(100, 0.66))).toMatchObject({ totalPct: 66, passed: true });
    expect(scoreExam(only(100, 0.659))).toMatchObject({ totalPct: 65.9, passed: false });
  });

  it('is not fooled by floating point dust at the pass mark', () => {
    // three tasks of weight 7 at 0.66 each add up to 65.99999999999999% in floating point
    const tasks = Array.from({ length: 3 }, (_, i) => ({ exerciseId: `t${i}`, weight: 7, grade: { score: 0.66, passed: false } }));
    expect(scoreExam({ ...times, tasks })).toMatchObject({ totalPct: 66, passed: true });
  });

  it('weighs each task and gives a verdict per task', () => {
    const s = scoreExam({
      ...times,
      tasks: [
        { exerciseId: 'a', weight: 40, grade: { score: 1, passed: true } },
        { exerciseId: 'b', weight: 30, grade: { score: 0.5, passed: false } },
        { exerciseId: 'c', weight: 20, grade: { score: 0, passed: false } },
        { exerciseId: 'd', weight: 10 },
      ],
    });
    expect(s.tasks.map((t) => [t.exerciseId, t.points, t.verdict])).toEqual([
      ['a', 40, 'passed'],
      ['b', 15, 'partial'],
      ['c', 0, 'failed'],
      ['d', 0, 'unanswered'],
    ]);
    expect(s.totalPct).toBe(55);
    expect(s.passed).toBe(false);
  });

  it('uses the weights as they are when they do not add up to 100', () => {
    expect(
      scoreExam({
        ...times,
        tasks: [
          { exerciseId: 'a', weight: 3, grade: { score: 1, passed: true } },
          { exerciseId: 'b', weight: 1 },
        ],
      }).totalPct,
    ).toBe(75);
  });

  it('counts time used up to the hand-in, never beyond the deadline', () => {
    expect(scoreExam(only(100, 1, true)).timeUsedMs).toBe(30 * 60_000);
    expect(scoreExam({ ...only(100, 1, true), finishedAt: '2026-11-05T11:00:00Z' }).timeUsedMs).toBe(45 * 60_000);
  });

  it("turns into the store's finishExam argument", () => {
    const s = scoreExam({
      ...times,
      tasks: [
        { exerciseId: 'a', weight: 70, grade: { score: 1, passed: true } },
        { exerciseId: 'b', weight: 30 },
      ],
    });
    expect(examResultForStore(s)).toEqual({
      scorePct: 70,
      passed: true,
      status: 'finished',
      tasks: [
        { score: 1, passed: true },
        { score: 0, passed: false },
      ],
    });
  });
});
