// The mock exam through the real App, bank, grader and a store in a temp dir, with a fake clock:
// start, answer one task, flag another, let the time run out, see the graded result; survive
// a crash (unmount mid-exam) with the clock having run on; finish early with confirmation.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import React from 'react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from '../../src/tui/App.js';
import { practiceServices } from '../../src/tui/practice/services.js';
import { openStore, type ProgressStore } from '../../src/store/progress-store.js';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { planExam } from '../../src/core/training/exam-plan.js';
import { referenceAnswer } from '../../src/tui/review/attempt-lines.js';
import { examStartText } from '../../src/core/training/hand-in.js';
import { KEY, FakeClock, bracketedPaste, cleanupRendered, frameLines, renderAt, sendKeys, waitForFrame, waitUntil } from './helpers.js';

const EXERCISES = path.resolve(__dirname, '../../exercises');
const bank = loadBank(EXERCISES);
const SEED = 7;
const plan = (() => {
  const p = planExam(bank.scenarios, { seed: SEED, tasks: 2, minutes: 30 });
  if (!p.ok) throw new Error(p.error);
  return p.plan;
})();
const [first, second] = plan.tasks.map((t) => bank.byId.get(t.exerciseId)!);

let dir: string;
let store: ProgressStore;
let clock: FakeClock;

// The practice screens are imported lazily by the app: have them in the module cache already.
beforeAll(() => import('../../src/tui/practice/screens.js'));

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-exam-'));
  clock = new FakeClock();
  store = await openStore({ dir, onNotice: () => {}, now: () => new Date(clock.now()) });
});

afterEach(() => {
  cleanupRendered();
  rmSync(dir, { recursive: true, force: true });
});

function app(screen: 'start' | 'open', size = { columns: 100, rows: 30 }) {
  const services = practiceServices({ store, exercisesDir: EXERCISES });
  const initialScreen = screen === 'start' ? { name: 'exam' as const, autoStart: { tasks: 2, minutes: 30, seed: SEED } } : { name: 'exam' as const };
  return { services, r: renderAt(<App services={services} clock={clock} initialScreen={initialScreen} />, size) };
}

const MIN = 60_000;

describe('a mock exam', () => {
  it('start, answer one task, flag another, time runs out: every task graded and stored', async () => {
    const { r } = app('start');
    let f = await waitForFrame(r.lastFrame, (x) => x.includes('Tasks (2)') && x.includes('⏱'));
    expect(frameLines(f)[0]).toMatch(/Mock exam · ⏱ 30:00 left$/);
    expect(f).toContain('0 draft · 0 flagged · 2 untouched');
    expect(f).toContain(`${plan.tasks[0].weight}%`);
    // The header sits over its columns: '#' over the number, 'weight' right-aligned over the %.
    const header = frameLines(f).find((l) => l.includes('status'))!;
    const row = frameLines(f).find((l) => l.startsWith('> 1'))!;
    expect(header.trimEnd()).toBe('  #  status         weight  kind   task');
    expect(row.trimEnd()).toBe(
      `> 1  · untouched    ${`${plan.tasks[0].weight}%`.padStart(6)}  ${first.kind.padEnd(5)}  ${first.title}`.slice(0, 100).trimEnd(),
    );
    for (const word of ['status', 'kind', 'task'])
      expect(header.indexOf(word)).toBe(row.indexOf(word === 'status' ? '·' : word === 'kind' ? first.kind : first.title));
    expect(header.indexOf('weight') + 'weight'.length).toBe(row.indexOf('%') + 1);

    // Task 1: the text states every step at once; no hints, no solutions offered.
    await sendKeys(r.stdin, KEY.enter);
    f = await waitForFrame(r.lastFrame, `Task 1/2 · ${first.id}`);
    expect(f).toContain(first.title);
    expect(f).not.toMatch(/\bh +hint|solution/i);
    await sendKeys(r.stdin, KEY.enter);
    f = await waitForFrame(r.lastFrame, 'Ctrl+S save, to the list');
    expect(f).not.toContain('Live: who can talk to whom');
    const answer = referenceAnswer(first, first.steps.length)!.text;
    // A fix task's editor starts from the policies in place: clear them first.
    await sendKeys(r.stdin, KEY.ctrlEnd, KEY.backspace.repeat(examStartText(first).length + 2), bracketedPaste(answer.replace(/\n$/, '')));
    await sendKeys(r.stdin, KEY.ctrlS);
    f = await waitForFrame(r.lastFrame, 'Tasks (2)');
    expect(frameLines(f).find((l) => l.includes('> 1'))).toContain('✎ draft');

    // Task 2 flagged, left untouched.
    await sendKeys(r.stdin, KEY.down, 'f');
    f = await waitForFrame(r.lastFrame, '1 draft · 1 flagged · 0 untouched');
    expect(frameLines(f).find((l) => l.includes('> 2'))).toContain('⚑ flagged');
    // Flagged is not answered: finishing now would leave task 2 without an answer, and F says so.
    await sendKeys(r.stdin, 'F');
    await waitForFrame(r.lastFrame, 'Finish now? Tasks are graded as they stand (1 unanswered, 1 flagged)  y / n');
    await sendKeys(r.stdin, 'n');
    await waitForFrame(r.lastFrame, (x) => !x.includes('Finish now?') && x.includes('Tasks (2)'));

    // The countdown warns in the last 10 and 2 minutes, in words as well as colour.
    clock.advance(25 * MIN);
    await waitForFrame(r.lastFrame, '! 05:00 left (under 10 min)');
    clock.advance(4 * MIN);
    await waitForFrame(r.lastFrame, '!! 01:00 LEFT (under 2 min)');
    clock.advance(1 * MIN);
    f = await waitForFrame(r.lastFrame, 'Time is up: every task was graded as its draft stood.');
    expect(f).toContain(`time used 30 min`);
    const rows = frameLines(f);
    // The fix task's draft may differ from the reference in ways the grader does not mind.
    expect(rows.find((l) => l.includes(first.title.slice(0, 20)))).toMatch(/100% +\d+\.0 +✓ passed/);
    expect(rows.find((l) => l.includes(second.title.slice(0, 20)))).toMatch(/0% +0\.0 +· unanswered/);
    expect(f).toContain(`${plan.tasks[0].weight}% (pass mark 66%)`);

    await store.reload();
    const exam = store.exams()[0];
    expect(exam.status).toBe('finished');
    expect(exam.scorePct).toBe(plan.tasks[0].weight);
    expect(exam.tasks.map((t) => [t.passed, t.flagged ?? false])).toEqual([
      [true, false],
      [false, true],
    ]);
    const attempts = store.attempts({ examId: exam.id });
    // The unanswered task is in the exam record (above) but is no attempt.
    expect(attempts.map((a) => [a.exerciseId, a.mode, a.passed])).toEqual([[first.id, 'exam', true]]);

    // The review of a task: the learner's YAML, the reference, the explanation.
    await sendKeys(r.stdin, KEY.down, KEY.enter);
    f = await waitForFrame(r.lastFrame, 'Task 2/2');
    expect(f).toContain('Reference solution');
    expect(f).toMatch(/\+ +(apiVersion|kind|---)/);
    await sendKeys(r.stdin, KEY.esc, KEY.esc);
    await waitForFrame(r.lastFrame, '> 1. Practice');
  });

  it('survives a crash: reopened, it offers to resume with the clock having run on', async () => {
    let { r } = app('start');
    await waitForFrame(r.lastFrame, 'Tasks (2)');
    await sendKeys(r.stdin, 'a');
    await waitForFrame(r.lastFrame, 'Ctrl+S save');
    await sendKeys(r.stdin, KEY.ctrlEnd, '# my work in progress');
    // The draft reaches the exam record after the usual pause.
    await waitUntil('the draft in the exam record', async () => {
      await store.reload();
      return (store.runningExam()?.tasks[0].draft ?? '').includes('# my work in progress');
    });
    r.instance.unmount(); // the crash: nothing handed in

    clock.advance(3 * MIN);
    ({ r } = app('open'));
    let f = await waitForFrame(r.lastFrame, 'A mock exam is still running.');
    expect(f).toContain('27:00 left');
    expect(f).toContain('2 tasks, 1 with a draft');
    await sendKeys(r.stdin, KEY.enter);
    f = await waitForFrame(r.lastFrame, (x) => x.includes('Tasks (2)') && x.includes('27:00 left'));
    expect(frameLines(f)[0]).toMatch(/Mock exam · ⏱ 27:00 left$/);
    expect(frameLines(f).find((l) => l.includes('> 1'))).toContain('✎ draft');
    await sendKeys(r.stdin, 'a');
    await waitForFrame(r.lastFrame, 'Ctrl+S save');
    await sendKeys(r.stdin, KEY.ctrlEnd);
    await waitForFrame(r.lastFrame, '# my work in progress');
  });

  it('an exam that ran out while closed is graded as its drafts stand when reopened', async () => {
    let { r } = app('start');
    await waitForFrame(r.lastFrame, 'Tasks (2)');
    r.instance.unmount();
    clock.advance(45 * MIN);
    ({ r } = app('open'));
    const f = await waitForFrame(r.lastFrame, 'Time ran out while netpol-dojo was closed');
    expect(f).toContain('✗ FAIL  0% (pass mark 66%) · time used 30 min');
    await store.reload();
    expect(store.runningExam()).toBeUndefined();
    expect(store.exams()[0].status).toBe('finished');
  });

  it('the task text does not scroll past its end: PgUp after extra PgDn moves back at once', async () => {
    const { r } = app('start', { columns: 80, rows: 24 });
    await waitForFrame(r.lastFrame, 'Tasks (2)');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Task 1/2');
    await sendKeys(r.stdin, ...Array(8).fill(KEY.pgDn));
    const end = await waitForFrame(r.lastFrame, (f) => /\s(\d+)\/\1\n/.test(f));
    const total = Number(/\s(\d+)\/\1\n/.exec(end)![1]);
    await sendKeys(r.stdin, 'k');
    await waitForFrame(r.lastFrame, `↓ ${total - 1}/${total}`);
  });

  it('F asks first; y hands in early; abandon from the reopen screen is not scored', async () => {
    let { r } = app('start', { columns: 80, rows: 24 });
    await waitForFrame(r.lastFrame, 'Tasks (2)');
    await sendKeys(r.stdin, 'F');
    await waitForFrame(r.lastFrame, 'Finish now? Tasks are graded as they stand (2 unanswered)  y / n');
    await sendKeys(r.stdin, 'n');
    await waitForFrame(r.lastFrame, (f) => !f.includes('Finish now?') && f.includes('Tasks (2)'));
    clock.advance(2 * MIN);
    await sendKeys(r.stdin, 'F', 'y');
    const f = await waitForFrame(r.lastFrame, 'You finished early');
    expect(f).toContain('time used 2 min');
    r.instance.unmount();

    ({ r } = app('start', { columns: 80, rows: 24 }));
    await waitForFrame(r.lastFrame, 'Tasks (2)');
    r.instance.unmount();
    ({ r } = app('open', { columns: 80, rows: 24 }));
    await waitForFrame(r.lastFrame, 'A mock exam is still running.');
    await sendKeys(r.stdin, 'a');
    await waitForFrame(r.lastFrame, 'Abandon this exam? It will not be scored.');
    await sendKeys(r.stdin, 'y');
    await waitForFrame(r.lastFrame, 'The exam was abandoned (not scored).');
    await store.reload();
    expect(store.exams().map((e) => e.status)).toEqual(['finished', 'abandoned']);
  });
});
