// Handing in a mock exam with tasks left alone: they stay in the exam record and its score,
// but are no attempt; and the readers skip such "attempts" that older versions stored.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { handInExam, isUnanswered } from '../../src/core/training/hand-in.js';
import { attemptsMade, isUnansweredExamAttempt, type ExamRecord, type NewAttempt } from '../../src/core/training/records.js';
import { buildStats } from '../../src/core/training/stats.js';
import { failedAttemptsByScenario, weakSpotQueue } from '../../src/core/training/review.js';
import { referenceAnswer } from '../../src/tui/review/attempt-lines.js';
import { attemptAt, local, scenario } from './helpers.js';
import { openTestStore } from '../store/helpers.js';

const bank = loadBank(path.resolve(__dirname, '../../exercises'));

describe('hand-in: unanswered tasks', () => {
  it('records an attempt for the answered task only; the unanswered one scores 0 in the exam', async () => {
    const [done, alone] = bank.scenarios.filter((s) => s.kind === 'write').slice(0, 2);
    const exam: ExamRecord = {
      id: 'e1',
      seed: 1,
      startedAt: '2026-11-05T09:00:00.000Z',
      deadline: '2026-11-05T10:00:00.000Z',
      status: 'running',
      tasks: [
        { exerciseId: done.id, weight: 50, draft: referenceAnswer(done, done.steps.length)!.text },
        { exerciseId: alone.id, weight: 50 },
      ],
    };
    const recorded: NewAttempt[] = [];
    const store = {
      recordAttempt: async (a: NewAttempt) => (recorded.push(a), { ...a, id: String(recorded.length), finishedAt: a.finishedAt ?? '' }),
      finishExam: async (_id: string, r: { scorePct: number; passed: boolean }) => ({
        ...exam,
        status: 'finished' as const,
        scorePct: r.scorePct,
        passed: r.passed,
      }),
    };
    const handed = await handInExam(store, bank, exam, new Date('2026-11-05T09:30:00.000Z'));
    expect(recorded.map((a) => [a.exerciseId, a.mode, a.passed])).toEqual([[done.id, 'exam', true]]);
    expect(handed.tasks.map(isUnanswered)).toEqual([false, true]);
    expect(handed.score.tasks.map((t) => t.verdict)).toEqual(['passed', 'unanswered']);
    expect(handed.score.totalPct).toBe(50);
  });
});

describe('readers: "no answer" exam attempts of older stores', () => {
  const legacy = (id: string, at: Date) => attemptAt(id, false, at, { mode: 'exam', examId: 'old', score: 0, answer: '', mismatches: [] });
  const bankInfo = ['a', 'b', 'c', 'd'].map((id) => scenario(id, { topics: ['4.4'] }));
  const attempts = [attemptAt('a', false, local(3)), legacy('b', local(3)), legacy('c', local(3)), legacy('d', local(3))];
  const now = local(4);

  it('recognises them, and only them', () => {
    expect(attempts.map(isUnansweredExamAttempt)).toEqual([false, true, true, true]);
    // An exam answer that did not load, or was graded 0, is an attempt.
    expect(isUnansweredExamAttempt(legacy('x', now))).toBe(true);
    expect(isUnansweredExamAttempt({ ...legacy('x', now), mismatches: [{ reason: 'the answer does not load: x' }] })).toBe(false);
    expect(isUnansweredExamAttempt({ ...legacy('x', now), mode: 'practice' })).toBe(false);
    expect(attemptsMade(attempts)).toEqual([attempts[0]]);
  });

  it('stats, review mistakes and weak spots do not count them', () => {
    const stats = buildStats({ attempts, exams: [] }, bankInfo, now);
    expect(stats.totals).toMatchObject({ attempts: 1, scenariosAttempted: 1 });
    expect(stats.topics.map((t) => [t.topic, t.attempts])).toEqual([['4.4', 1]]);
    expect(failedAttemptsByScenario(attempts, bankInfo).map((g) => g.exerciseId)).toEqual(['a']);
    // One real attempt is too few for a weak topic: no "new" entries, and b..d are not retries.
    expect(weakSpotQueue(attempts, bankInfo, now).map((w) => [w.exerciseId, w.kind])).toEqual([['a', 'retry']]);
  });

  it('the store reports them as new and leaves them out of the summary', async () => {
    const { store } = await openTestStore();
    for (const a of attempts) await store.recordAttempt(a);
    expect(['a', 'b'].map((id) => store.statusOf(id))).toEqual(['failed', 'new']);
    expect(store.summary()).toMatchObject({ attempted: 1, passed: 0 });
  });
});
