import { describe, expect, it } from 'vitest';
import { examWeights, planExam, seededRandom, type ExamPlan } from '../../src/core/training/exam-plan.js';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { scenario } from './helpers.js';

function plan(...args: Parameters<typeof planExam>): ExamPlan {
  const out = planExam(...args);
  if (!out.ok) throw new Error(out.error);
  return out.plan;
}

const mixedBank = Array.from({ length: 20 }, (_, i) =>
  scenario(`s${i}`, { topics: [`${1 + (i % 7)}.${1 + (i % 3)}`], difficulty: 1 + (i % 5), steps: 1 + (i % 3) }),
);

describe('planExam', () => {
  it('gives the same exam for the same seed, whatever the order of the bank', () => {
    const a = plan(mixedBank, { seed: 42 });
    const b = plan([...mixedBank].reverse(), { seed: 42 });
    expect(b).toEqual(a);
    expect(a.seed).toBe(42);
  });

  it('gives different exams for different seeds', () => {
    const plans = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
        plan(mixedBank, { seed })
          .tasks.map((t) => t.exerciseId)
          .join(','),
      ),
    );
    expect(plans.size).toBeGreaterThan(1);
  });

  it('defaults to 8 distinct tasks in 45 minutes, graded at the last step', () => {
    const p = plan(mixedBank, { seed: 7 });
    expect(p.minutes).toBe(45);
    expect(p.tasks).toHaveLength(8);
    expect(new Set(p.tasks.map((t) => t.exerciseId)).size).toBe(8);
    for (const t of p.tasks) expect(t.step).toBe(mixedBank.find((s) => s.id === t.exerciseId)!.steps.length);
  });

  it('asks only write and fix scenarios', () => {
    const bank = [
      ...['p1', 'p2', 'p3'].map((id, i) => scenario(id, { kind: 'predict', topics: [`9.${i}`], difficulty: 5 })),
      ...['k1', 'k2'].map((id, i) => scenario(id, { kind: 'pick', topics: [`8.${i}`], difficulty: 4 })),
      scenario('w1', { kind: 'write' }),
      scenario('f1', { kind: 'fix' }),
    ];
    for (let seed = 0; seed < 20; seed++) {
      expect(
        plan(bank, { seed, tasks: 2 })
          .tasks.map((t) => t.exerciseId)
          .sort(),
      ).toEqual(['f1', 'w1']);
    }
  });

  it('prefers scenarios that bring a topic not covered yet', () => {
    const crowded = Array.from({ length: 8 }, (_, i) => scenario(`same${i}`, { topics: ['3.3'], difficulty: 1 + (i % 5) }));
    const unique = ['2.2', '4.4', '5.3'].map((t, i) => scenario(`u${i}`, { topics: [t], difficulty: 3 }));
    for (let seed = 0; seed < 30; seed++) {
      const topics = plan([...crowded, ...unique], { seed, tasks: 4 }).tasks.flatMap((t) => [...crowded, ...unique].find((s) => s.id === t.exerciseId)!.topics);
      expect(new Set(topics)).toEqual(new Set(['3.3', '2.2', '4.4', '5.3']));
    }
  });

  it('spreads difficulties when topics do not decide', () => {
    const bank = [1, 2, 3].flatMap((d) => Array.from({ length: 5 }, (_, i) => scenario(`d${d}-${i}`, { topics: ['4.1'], difficulty: d })));
    for (let seed = 0; seed < 30; seed++) {
      const ds = plan(bank, { seed, tasks: 6 }).tasks.map((t) => bank.find((s) => s.id === t.exerciseId)!.difficulty);
      expect(ds.sort()).toEqual([1, 1, 2, 2, 3, 3]);
    }
  });

  it('weights add up to 100 and grow with difficulty', () => {
    for (let seed = 0; seed < 10; seed++) {
      const p = plan(mixedBank, { seed });
      expect(p.tasks.reduce((a, t) => a + t.weight, 0)).toBe(100);
      const withDifficulty = p.tasks.map((t) => ({ w: t.weight, d: mixedBank.find((s) => s.id === t.exerciseId)!.difficulty }));
      for (const x of withDifficulty) for (const y of withDifficulty) if (x.d < y.d) expect(x.w).toBeLessThanOrEqual(y.w);
    }
  });

  it('says clearly when the bank is too small, and rejects nonsense sizes', () => {
    const small = [scenario('a'), scenario('b'), scenario('c', { kind: 'predict' })];
    const out = planExam(small, { seed: 1, tasks: 3 });
    expect(out).toEqual({ ok: false, error: expect.stringContaining('needs 3 write or fix scenarios, but the bank has 2') });
    expect(planExam(small, { seed: 1, tasks: 0 }).ok).toBe(false);
    expect(planExam(small, { seed: 1, tasks: 1, minutes: 0 }).ok).toBe(false);
    expect(planExam(small, { seed: 1.5, tasks: 1 }).ok).toBe(false);
  });

  it('plans a default exam from the real bank', () => {
    const bank = loadBank().scenarios;
    const p = plan(bank, { seed: 2026 });
    expect(p.tasks).toHaveLength(8);
    for (const t of p.tasks) expect(['write', 'fix']).toContain(bank.find((s) => s.id === t.exerciseId)!.kind);
    const topics = new Set(p.tasks.flatMap((t) => bank.find((s) => s.id === t.exerciseId)!.topics));
    expect(topics.size).toBeGreaterThanOrEqual(8);
  });
});

describe('examWeights', () => {
  it('weighs an exam-hard task twice a warm-up', () => {
    expect(examWeights([1, 5])).toEqual([33, 67]);
  });

  it('hands out rounding leftovers so the sum is exactly 100', () => {
    expect(examWeights([2, 2, 2])).toEqual([34, 33, 33]);
    expect(examWeights([1, 2, 3, 4, 5, 1, 2, 3]).reduce((a, b) => a + b, 0)).toBe(100);
    expect(examWeights([])).toEqual([]);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    expect(seededRandom(10)()).not.toBe(xs[0]);
  });
});
