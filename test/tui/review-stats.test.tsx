// Review mistakes, the weak-spot queue and the stats screen, on a store the test fills.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import React from 'react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type Screen } from '../../src/tui/App.js';
import { practiceServices } from '../../src/tui/practice/services.js';
import { openStore, type ProgressStore } from '../../src/store/progress-store.js';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { KEY, FakeClock, cleanupRendered, frameLines, renderAt, sendKeys, waitForFrame } from './helpers.js';

const EXERCISES = path.resolve(__dirname, '../../exercises');
let dir: string;
let store: ProgressStore;
let clock: FakeClock;

// The bank parsed and the lazily imported screens cached before any app mounts.
beforeAll(async () => {
  await import('../../src/tui/practice/screens.js');
  loadBank(EXERCISES);
});

// Local times, so that "today" and dates in the frame do not depend on the machine's zone.
const at = (day: number, hour: number) => new Date(2026, 10, day, hour, 0).toISOString();

const WRONG = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: default}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-review-'));
  clock = new FakeClock(new Date(2026, 10, 20, 18, 0).getTime());
  store = await openStore({ dir, onNotice: () => {}, now: () => new Date(clock.now()) });
  await store.recordAttempt({
    exerciseId: 'exercise-1',
    step: 1,
    mode: 'practice',
    passed: false,
    score: 0,
    answer: WRONG,
    finishedAt: at(18, 10),
    mismatches: [
      {
        from: 'netpol-test/client',
        to: 'netpol-test/web',
        port: 80,
        protocol: 'TCP',
        expected: 'denied',
        got: 'allowed',
        reason: 'not isolated (no Ingress policy selects it)',
        requirement: 'nothing reaches netpol-test',
      },
    ],
  });
  await store.recordAttempt({
    exerciseId: 'deny-all-ingress',
    step: 1,
    mode: 'exam',
    passed: false,
    score: 0,
    // An answer that did not load is an attempt (one left alone in an exam is not).
    answer: 'spec: {',
    mismatches: [{ reason: 'the answer does not load: the YAML does not parse' }],
    finishedAt: at(20, 9),
  });
  await store.recordAttempt({
    exerciseId: 'exercise-1',
    step: 1,
    mode: 'practice',
    passed: false,
    score: 0.5,
    answer: WRONG,
    mismatches: [],
    finishedAt: at(19, 11),
    durationMs: 240_000,
  });
});

afterEach(() => {
  cleanupRendered();
  rmSync(dir, { recursive: true, force: true });
});

function app(screen: Screen, size = { columns: 100, rows: 30 }) {
  const services = practiceServices({ store, exercisesDir: EXERCISES });
  return renderAt(<App services={services} clock={clock} initialScreen={screen} />, size);
}

describe('review mistakes', () => {
  it('lists failed attempts newest first by scenario; opens one; retries it as a review attempt', async () => {
    const r = app({ name: 'review' });
    const f = await waitForFrame(r.lastFrame, 'Review mistakes (3 failed attempts, newest first)');
    const lines = frameLines(f);
    const idx = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(idx('deny-all-ingress')).toBeLessThan(idx('exercise-1  Default deny'));
    expect(lines[idx('deny-all-ingress') + 1]).toMatch(/^> 2026-11-20 09:00 +step 1 +exam +the answer does not load/);
    expect(idx('2026-11-19 11:00')).toBeLessThan(idx('2026-11-18 10:00'));
    expect(lines[idx('2026-11-18 10:00')]).toContain('nothing reaches netpol-test: allowed (should be denied)');
    // deny all ingress (4.1) passed 0 times in 3: three new scenarios of it join the queue.
    expect(f).toContain('Drill my weak spots: 2 due, 3 new, 5 in the queue');

    // The oldest one: the answer beside the reference, the wrong cell, the explanation.
    await sendKeys(r.stdin, KEY.down, KEY.down, KEY.enter);
    let d = await waitForFrame(r.lastFrame, 'exercise-1 · step 1');
    expect(d).toContain('Your answer');
    expect(d).toContain('Reference solution');
    // The learner's namespace line differs from the reference's: marked on both sides.
    expect(d).toMatch(/- metadata: \{name: deny, namespace: default\} +│/);
    expect(d).toMatch(/│ \+ +name: /);
    await sendKeys(r.stdin, KEY.pgDn, KEY.pgDn);
    d = await waitForFrame(r.lastFrame, 'Why the reference works');
    expect(d).toContain('! netpol-test/client -> netpol-test/web 80/TCP: expected denied, got allowed: not isolated');

    // Retry: the practice editor with the old answer; the grade is recorded as 'review'.
    await sendKeys(r.stdin, 'r');
    await waitForFrame(r.lastFrame, '3 metadata: {name: deny, namespace: default}');
    expect(frameLines(r.lastFrame())[0]).toMatch(/Review · exercise-1$/);
    await sendKeys(r.stdin, KEY.ctrlS);
    await waitForFrame(r.lastFrame, (x) => x.includes('FAILED') && x.includes('recorded'));
    await store.reload();
    expect(store.attempts({ mode: 'review' }).map((a) => [a.exerciseId, a.step, a.passed, a.answer])).toEqual([['exercise-1', 1, false, WRONG]]);
    await sendKeys(r.stdin, KEY.esc, KEY.esc);
    await waitForFrame(r.lastFrame, 'Review mistakes (4 failed attempts');
  });

  it('one after the other at 80 columns', async () => {
    const r = app({ name: 'review' }, { columns: 80, rows: 24 });
    await waitForFrame(r.lastFrame, 'failed attempts, newest first');
    await sendKeys(r.stdin, KEY.down, KEY.enter);
    const d = await waitForFrame(r.lastFrame, 'Your answer (- only in your answer, + only in the reference)');
    expect(d).not.toContain('│');
    expect(d).toContain('- metadata: {name: deny, namespace: default}');
  });
});

describe('weak spots', () => {
  it('the queue with each why, new scenarios from the weakest topic; Enter starts the selected one', async () => {
    const r = app({ name: 'review' });
    await waitForFrame(r.lastFrame, 'failed attempts, newest first');
    await sendKeys(r.stdin, 'd');
    const f = await waitForFrame(r.lastFrame, 'Enter starts the selected one');
    const lines = frameLines(f);
    const first = lines.findIndex((l) => l.includes('>  1.'));
    // Failed today comes before failed yesterday.
    expect(lines[first]).toContain('deny-all-ingress');
    expect(lines[first + 1]).toMatch(/failed today; not passed since/);
    expect(f).toMatch(/2\. exercise-1 +Default deny/);
    expect(f).toMatch(/failed yesterday; not passed since; topic deny all ingress at 0% passed/);
    // Then what was never tried, from the weakest topic, each with its why in words.
    expect(lines[first + 4]).toMatch(/^ {2} 3\. \S+/);
    expect(lines[first + 5]).toMatch(/^ +new: from your weakest topic, deny all ingress \(0% of 3 attempts passed\)$/);
    expect(f).not.toMatch(/topic \d/);
    expect(f).toContain('2 due, 3 new · 5 in the queue');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'deny-all-ingress · Step 1');
    expect(frameLines(r.lastFrame())[0]).toMatch(/Review · deny-all-ingress$/);
    await sendKeys(r.stdin, KEY.esc);
    await waitForFrame(r.lastFrame, 'Enter starts the selected one');
    // A new one starts like a retry: Down twice, Enter.
    const fresh = /3\. (\S+)/.exec(lines[first + 4])![1];
    await sendKeys(r.stdin, KEY.down, KEY.down);
    await waitForFrame(r.lastFrame, `>  3. ${fresh}`);
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, (x) => frameLines(x)[0].endsWith(`Review · ${fresh}`));
  });
});

describe('stats', () => {
  it('topics with attempts, pass rate and median time; the exam chart; the streak', async () => {
    await store.recordAttempt({
      exerciseId: 'exercise-1',
      step: 1,
      mode: 'practice',
      passed: true,
      score: 1,
      answer: WRONG,
      mismatches: [],
      finishedAt: at(20, 12),
      durationMs: 60_000,
    });
    const exam = await store.startExam({
      seed: 1,
      deadline: new Date(clock.now() + 45 * 60_000).toISOString(),
      tasks: [{ exerciseId: 'exercise-1', weight: 100 }],
    });
    await store.finishExam(exam.id, { scorePct: 72.5, passed: true });
    const r = app({ name: 'home' }, { columns: 80, rows: 24 });
    await waitForFrame(r.lastFrame, 'exercises passed');
    await sendKeys(r.stdin, '4');
    const f = await waitForFrame(r.lastFrame, 'Exam history');
    expect(frameLines(f)[0]).toMatch(/Stats$/);
    expect(f).toContain('Streak: 3 days in a row');
    expect(f).toMatch(/4\.1 +deny all ingress +\d+ +\d+ +\d+%/);
    expect(f).toMatch(/2026-11-20 +█+[█░|]+ +72\.5% +pass/);
    await sendKeys(r.stdin, KEY.esc);
    await waitForFrame(r.lastFrame, '> 1. Practice');
  });
});
