import { describe, expect, it } from 'vitest';
import { failedAttemptsByScenario, failureReason, queueCounts, weakSpotQueue, weakTopics } from '../../src/core/training/review.js';
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
  // The failed ones only: new scenarios from a weak topic are tested apart below.
  const retries = (attempts: ReturnType<typeof attemptAt>[]) => weakSpotQueue(attempts, bank, now).filter((w) => w.kind === 'retry');
  const ids = (attempts: ReturnType<typeof attemptAt>[]) => retries(attempts).map((w) => w.exerciseId);

  it('takes in a scenario after a failure, not one only ever passed', () => {
    const q = retries([attemptAt('a', false, local(8)), attemptAt('b', true, local(8))]);
    expect(q.map((w) => w.exerciseId)).toEqual(['a']);
    expect(q[0]).toMatchObject({ due: true, passesSince: 0, failures: 1, why: 'failed 2 days ago; not passed since; topic deny all ingress at 50% passed' });
  });

  it('lets it go after two passes in a row on different days', () => {
    expect(ids([attemptAt('a', false, local(5)), attemptAt('a', true, local(6)), attemptAt('a', true, local(8))])).toEqual([]);
  });

  it('keeps it after two passes on the same day, resting until the next day', () => {
    const q = retries([attemptAt('a', false, local(9)), attemptAt('a', true, local(10, 9)), attemptAt('a', true, local(10, 11))]);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({
      due: false,
      passesSince: 2,
      why: 'failed yesterday; passed 2 times since, all on one day; back tomorrow; topic deny all ingress at 67% passed',
    });
  });

  it('is due again the day after a single pass', () => {
    const q = retries([attemptAt('a', false, local(7)), attemptAt('a', true, local(9))]);
    expect(q[0]).toMatchObject({ due: true, passesSince: 1, why: 'failed 3 days ago; passed once since; topic deny all ingress at 50% passed' });
  });

  it('starts over when a failure breaks the run of passes', () => {
    const attempts = [attemptAt('a', false, local(5)), attemptAt('a', true, local(6)), attemptAt('a', false, local(7)), attemptAt('a', true, local(8))];
    const q = retries(attempts);
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
    expect(q[0].weakestTopic).toEqual({ topic: '3.3', name: 'AND: one entry', passRate: 0, attempts: 3 });
    expect(q[0].why).toBe('failed yesterday; not passed since; topic AND: one entry at 0% passed');
  });

  it('lists resting scenarios after the due ones', () => {
    const attempts = [attemptAt('a', false, local(9)), attemptAt('a', true, local(10, 9)), attemptAt('b', false, local(3))];
    expect(retries(attempts).map((w) => [w.exerciseId, w.due])).toEqual([
      ['b', true],
      ['a', false],
    ]);
  });

  it('leaves out scenarios that are no longer in the bank', () => {
    expect(ids([attemptAt('gone', false, local(9))])).toEqual([]);
  });
});

describe('new scenarios from the weakest topic', () => {
  const now = local(10, 15);
  const bank = [
    scenario('failed-dns', { topics: ['4.4', '8'] }),
    scenario('dns-easy', { topics: ['4.4'], difficulty: 1 }),
    scenario('dns-hard', { topics: ['4.4'], difficulty: 4 }),
    scenario('dns-mid', { topics: ['4.4', '2.6'], difficulty: 2 }),
    scenario('dns-more', { topics: ['4.4'], difficulty: 5 }),
    scenario('ports-passed', { topics: ['2.6'] }),
    scenario('ports-new', { topics: ['2.6'] }),
    scenario('cidr-new', { topics: ['2.5'] }),
  ];
  // 4.4 (and chapter 8): 0 of 3 passed; 2.6: 3 of 3 passed.
  const attempts = [
    attemptAt('failed-dns', false, local(8)),
    attemptAt('failed-dns', false, local(9)),
    attemptAt('failed-dns', false, local(9, 14)),
    attemptAt('ports-passed', true, local(8)),
    attemptAt('ports-passed', true, local(9)),
    attemptAt('ports-passed', true, local(9, 13)),
  ];

  it('the weak topics: enough attempts, passed less than 4 times in 5, weakest first, sub-sections only', () => {
    expect(weakTopics(attempts, bank).map((t) => [t.topic, t.name, t.passRate])).toEqual([['4.4', 'deny egress, allow DNS', 0]]);
    // Two attempts say too little; 4 of 5 passed is not weak.
    expect(weakTopics(attempts.slice(0, 2), bank)).toEqual([]);
    const mostlyPassed = [...attempts.slice(0, 1), ...['a', 'b', 'c', 'd'].map((d, i) => attemptAt('dns-mid', true, local(2 + i)))];
    expect(weakTopics(mostlyPassed, bank).map((t) => t.topic)).toEqual([]);
  });

  it('offers untried scenarios of that topic after the due retries, the easiest first, each with its why in words', () => {
    const q = weakSpotQueue(attempts, bank, now);
    expect(q.map((w) => [w.exerciseId, w.kind])).toEqual([
      ['failed-dns', 'retry'],
      ['dns-easy', 'new'],
      ['dns-mid', 'new'],
      ['dns-hard', 'new'],
    ]);
    expect(q[1]).toMatchObject({ due: true, failures: 0, why: 'new: from your weakest topic, deny egress, allow DNS (0% of 3 attempts passed)' });
    expect(q[0].why).toBe('failed yesterday; not passed since; topic deny egress, allow DNS at 0% passed');
    expect(queueCounts(q)).toBe('1 due, 3 new');
    // No topic number anywhere a learner reads.
    for (const w of q) expect(w.why).not.toMatch(/\d\.\d/);
  });

  it('goes on to the next weak topic when the weakest has nothing left to try, and comes before resting retries', () => {
    const tried = ['dns-easy', 'dns-mid', 'dns-hard', 'dns-more'].map((id) => attemptAt(id, true, local(1)));
    // cidr: 1 of 3 passed (33%); a retry of it rests after a pass today.
    const cidr = [attemptAt('cidr-x', false, local(9)), attemptAt('cidr-x', true, local(10, 9)), attemptAt('cidr-x', false, local(3))];
    const more = [...bank, scenario('cidr-x', { topics: ['2.5'] })];
    const q = weakSpotQueue([...attempts, ...tried, ...cidr], more, now);
    expect(weakTopics([...attempts, ...tried, ...cidr], more).map((t) => t.topic)).toEqual(['2.5', '4.4']);
    expect(q.map((w) => [w.exerciseId, w.kind, w.due])).toEqual([
      ['failed-dns', 'retry', true],
      ['cidr-new', 'new', true],
      ['cidr-x', 'retry', false],
    ]);
    expect(q[1].why).toBe('new: from your weakest topic, egress to (33% of 3 attempts passed)');
  });

  it('no weak topic, nothing new; an unnamed topic is named by its section', () => {
    expect(weakSpotQueue(attempts.slice(3), bank, now)).toEqual([]);
    const odd = [scenario('x', { topics: ['10.2'] }), scenario('y', { topics: ['10.2'] })];
    const q = weakSpotQueue(
      [1, 2, 3].map((d) => attemptAt('x', false, local(d))),
      odd,
      now,
    );
    expect(q.map((w) => w.why)).toEqual([
      'failed 7 days ago; not passed since; topic section 10.2 at 0% passed',
      'new: from your weakest topic, section 10.2 (0% of 3 attempts passed)',
    ]);
  });
});
