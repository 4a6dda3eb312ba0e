import { describe, expect, it } from 'vitest';
import { failedAttemptsByScenario, failureReason, weakSpotQueue } from '../../src/core/training/review.js';
import { attemptAt, local, scenario } from './helpers.js';

const cell = {
  from: 'netpol-test/client-7d9f-abcde',
  to: 'netpol-test/web-5f9c-k2x9q',
  port: 80,
  protocol: 'TCP',
  expected: 'allowed',
  got: 'denied',
  reason: 'no policy allows it',
  requirement: 'client reaches web on 80',
};

describe('failureReason', () => {
  it('names the first wrong cell with its requirement', () => {
    const a = attemptAt('x', false, local(3), { mismatches: [cell, { ...cell, requirement: 'other' }] });
    const long = failureReason(a);
    expect(long.startsWith('client reaches web on 80: denied (should be allowed): netpol-test/client-7d9f-abcde -> ')).toBe(true);
    expect(long.length).toBe(100);
    const short = { ...cell, from: 'shop/client', to: 'shop/web' };
    expect(failureReason(attemptAt('x', false, local(3), { mismatches: [short] }))).toBe(
      'client reaches web on 80: denied (should be allowed): shop/client -> shop/web 80/TCP',
    );
  });

  it('falls back to the first failed check, then to the score', () => {
    const checks = [
      { from: 'a/b', run: 'nslookup web', expected: 'success', got: 'success', passed: true, reason: '', requirement: 'dns' },
      { from: 'a/b', run: 'wget -qO- http://web', expected: 'success', got: 'fail', passed: false, reason: 'x', requirement: 'reach web' },
    ];
    expect(failureReason(attemptAt('x', false, local(3), { checks }))).toBe('reach web: failed (should succeed): "wget -qO- http://web" from a/b');
    expect(failureReason(attemptAt('x', false, local(3), { score: 0.25 }))).toBe('scored 25%');
    expect(failureReason(attemptAt('x', false, local(3), { score: 0, answer: '  \n' }))).toBe('no answer');
  });

  it('keeps to one line of at most 100 characters, whatever was stored', () => {
    const long = { ...cell, requirement: 'a requirement with\na very long name '.repeat(5) };
    const r = failureReason(attemptAt('x', false, local(3), { mismatches: [long] }));
    expect(r.length).toBeLessThanOrEqual(100);
    expect(r).not.toContain('\n');
    expect(r.endsWith('…')).toBe(true);
    expect(failureReason(attemptAt('x', false, local(3), { mismatches: [42, null, 'junk'], score: 0 }))).toBe('scored 0%');
  });
});

describe('failedAttemptsByScenario', () => {
  it('lists failures newest first, grouped by scenario, the most recently failed group first', () => {
    const attempts = [
      attemptAt('a', false, local(1)),
      attemptAt('b', false, local(2)),
      attemptAt('a', false, local(3), { mismatches: [cell] }),
      attemptAt('a', true, local(4)),
      attemptAt('c', true, local(4)),
    ];
    const groups = failedAttemptsByScenario(attempts, [scenario('a'), scenario('b')]);
    expect(groups.map((g) => g.exerciseId)).toEqual(['a', 'b']);
    expect(groups[0].title).toBe('title of a');
    expect(groups[0].failures.map((f) => f.finishedAt)).toEqual([local(3).toISOString(), local(1).toISOString()]);
    expect(groups[0].failures[0].reason).toContain('client reaches web on 80');
    expect(groups[0].passedSince).toBe(true);
    expect(groups[1].passedSince).toBe(false);
  });
});

describe('weakSpotQueue', () => {
  const now = local(10, 15);
  const bank = [scenario('a'), scenario('b'), scenario('c'), scenario('two-steps', { steps: 2 })];
  const ids = (attempts: ReturnType<typeof attemptAt>[]) => weakSpotQueue(attempts, bank, now).map((w) => w.exerciseId);

  it('takes in a scenario after a failure, not one only ever passed', () => {
    const q = weakSpotQueue([attemptAt('a', false, local(8)), attemptAt('b', true, local(8))], bank, now);
    expect(q.map((w) => w.exerciseId)).toEqual(['a']);
    expect(q[0]).toMatchObject({ due: true, passesSince: 0, failures: 1, why: 'failed 2 days ago; not passed since; topic 4.1 at 50% passed' });
  });

  it('lets it go after two passes in a row on different days', () => {
    expect(ids([attemptAt('a', false, local(5)), attemptAt('a', true, local(6)), attemptAt('a', true, local(8))])).toEqual([]);
  });

  it('keeps it after two passes on the same day, resting until the next day', () => {
    const q = weakSpotQueue([attemptAt('a', false, local(9)), attemptAt('a', true, local(10, 9)), attemptAt('a', true, local(10, 11))], bank, now);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({
      due: false,
      passesSince: 2,
      why: 'failed yesterday; passed 2 times since, all on one day; back tomorrow; topic 4.1 at 67% passed',
    });
  });

  it('is due again the day after a single pass', () => {
    const q = weakSpotQueue([attemptAt('a', false, local(7)), attemptAt('a', true, local(9))], bank, now);
    expect(q[0]).toMatchObject({ due: true, passesSince: 1, why: 'failed 3 days ago; passed once since; topic 4.1 at 50% passed' });
  });

  it('starts over when a failure breaks the run of passes', () => {
    const attempts = [attemptAt('a', false, local(5)), attemptAt('a', true, local(6)), attemptAt('a', false, local(7)), attemptAt('a', true, local(8))];
    const q = weakSpotQueue(attempts, bank, now);
    expect(q[0]).toMatchObject({ exerciseId: 'a', passesSince: 1, failures: 2, lastFailedAt: local(7).toISOString() });
  });

  it('counts a pass only when it is of the whole task (the last step)', () => {
    const step1 = (day: number) => attemptAt('two-steps', true, local(day), { step: 1 });
    expect(ids([attemptAt('two-steps', false, local(5), { step: 2 }), step1(6), step1(7)])).toEqual(['two-steps']);
    const step2 = (day: number) => attemptAt('two-steps', true, local(day), { step: 2 });
    expect(ids([attemptAt('two-steps', false, local(5), { step: 2 }), step2(6), step2(7)])).toEqual([]);
  });

  it('uses local calendar days: 23:30 and 00:30 are two days', () => {
    expect(ids([attemptAt('a', false, local(7, 20)), attemptAt('a', true, local(7, 23, 30)), attemptAt('a', true, local(8, 0, 30))])).toEqual([]);
  });

  it('puts the most recent failure day first', () => {
    expect(ids([attemptAt('a', false, local(6)), attemptAt('b', false, local(9)), attemptAt('c', false, local(8))])).toEqual(['b', 'c', 'a']);
  });

  it('on the same failure day, puts the scenario of the weaker topic first', () => {
    const weakBank = [
      scenario('strong', { topics: ['4.1'] }),
      scenario('weak', { topics: ['3.3'] }),
      scenario('other41', { topics: ['4.1'] }),
      scenario('other33', { topics: ['3.3'] }),
    ];
    const attempts = [
      // 4.1: 3 of 4 passed; 3.3: 0 of 3 passed
      attemptAt('other41', true, local(2)),
      attemptAt('other41', true, local(3)),
      attemptAt('other41', true, local(4)),
      attemptAt('other33', false, local(2)),
      attemptAt('other33', false, local(3)),
      attemptAt('weak', false, local(9, 8)),
      attemptAt('strong', false, local(9, 18)),
    ];
    const q = weakSpotQueue(attempts, weakBank, now);
    expect(q.map((w) => w.exerciseId)).toEqual(['weak', 'strong', 'other33']);
    expect(q[0].weakestTopic).toEqual({ topic: '3.3', passRate: 0 });
    expect(q[0].why).toBe('failed yesterday; not passed since; topic 3.3 at 0% passed');
  });

  it('lists resting scenarios after the due ones', () => {
    const attempts = [attemptAt('a', false, local(9)), attemptAt('a', true, local(10, 9)), attemptAt('b', false, local(3))];
    expect(weakSpotQueue(attempts, bank, now).map((w) => [w.exerciseId, w.due])).toEqual([
      ['b', true],
      ['a', false],
    ]);
  });

  it('leaves out scenarios that are no longer in the bank', () => {
    expect(ids([attemptAt('gone', false, local(9))])).toEqual([]);
  });
});
