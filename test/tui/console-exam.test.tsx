// A mock exam task solved in the console pane: the reference answer applied with kubectl through
// a here-document, no YAML draft, and hand-in grades the console's cluster (replayed from the
// commands the exam record keeps) as passed.
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
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
import { KEY, FakeClock, bracketedPaste, cleanupRendered, frameLines, renderAt, sendKeys, waitForFrame, waitUntil } from './helpers.js';

const EXERCISES = path.resolve(__dirname, '../../exercises');
const bank = loadBank(EXERCISES);
const SEED = 7;
const plan = (() => {
  const p = planExam(bank.scenarios, { seed: SEED, tasks: 2, minutes: 30 });
  if (!p.ok) throw new Error(p.error);
  return p.plan;
})();
const index = plan.tasks.findIndex((t) => ['write', 'fix'].includes(bank.byId.get(t.exerciseId)!.kind));
const task = bank.byId.get(plan.tasks[index].exerciseId)!;

let dir: string;
let store: ProgressStore;
let clock: FakeClock;

beforeAll(() => import('../../src/tui/practice/screens.js'));
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-exam-console-'));
  clock = new FakeClock();
  store = await openStore({ dir, onNotice: () => {}, now: () => new Date(clock.now()) });
});
afterEach(() => {
  cleanupRendered();
  rmSync(dir, { recursive: true, force: true });
});

it('a task solved with kubectl in the console passes at hand-in, and its commands are kept', async () => {
  expect(index, 'the plan holds a write or fix task').toBeGreaterThanOrEqual(0);
  const services = practiceServices({ store, exercisesDir: EXERCISES });
  const r = renderAt(<App services={services} clock={clock} initialScreen={{ name: 'exam', autoStart: { tasks: 2, minutes: 30, seed: SEED } }} />, { columns: 100, rows: 30 });
  await waitForFrame(r.lastFrame, 'Tasks (2)');
  await sendKeys(r.stdin, String(index + 1));
  const t = await waitForFrame(r.lastFrame, `Task ${index + 1}/2 · ${task.id}`);
  expect(t).toContain('c console');
  await sendKeys(r.stdin, 'c');
  await waitForFrame(r.lastFrame, 'its cluster is your answer');
  await waitForFrame(r.lastFrame, 'controlplane:~$');
  const answer = referenceAnswer(task, task.steps.length)!.text;
  const apply = `cat <<'EOF' | kubectl apply -f -\n${answer}EOF`;
  await sendKeys(r.stdin, bracketedPaste(`${apply}\n`));
  await waitForFrame(r.lastFrame, /(created|configured|labeled)\s*\n(.*\n)*controlplane:~\$/);
  // The commands are in the exam record at once (a crash now would lose nothing).
  await waitUntil('the console commands are saved', () => store.runningExam()?.tasks[index].console?.length === 1);
  await sendKeys(r.stdin, KEY.esc);
  await waitForFrame(r.lastFrame, `Task ${index + 1}/2 · ${task.id}`);
  await sendKeys(r.stdin, KEY.esc);
  const list = await waitForFrame(r.lastFrame, 'Tasks (2)');
  expect(frameLines(list).find((l) => new RegExp(`^[> ] ${index + 1} `).test(l))).toContain('✎ draft');
  await sendKeys(r.stdin, 'F');
  await waitForFrame(r.lastFrame, 'Finish now?');
  await sendKeys(r.stdin, 'y');
  const result = await waitForFrame(r.lastFrame, 'You finished early');
  expect(frameLines(result).find((l) => l.includes(task.title.slice(0, 20)))).toMatch(/100% +\d+\.0 +✓ passed/);
  await store.reload();
  const exam = store.exams()[0];
  const attempt = store.attempts({ examId: exam.id }).find((a) => a.exerciseId === task.id)!;
  expect(attempt.passed).toBe(true);
  expect(attempt.console?.map((e) => e.command)).toEqual([apply]);
  expect(attempt.answer).toBe('');
});

it('Ctrl+C twice on an empty prompt quits the exam; the commands run in its console are kept for the resume', async () => {
  const services = practiceServices({ store, exercisesDir: EXERCISES });
  const r = renderAt(<App services={services} clock={clock} initialScreen={{ name: 'exam', autoStart: { tasks: 2, minutes: 30, seed: SEED } }} />, { columns: 100, rows: 30 });
  await waitForFrame(r.lastFrame, 'Tasks (2)');
  await sendKeys(r.stdin, String(index + 1));
  await waitForFrame(r.lastFrame, `Task ${index + 1}/2 · ${task.id}`);
  await sendKeys(r.stdin, 'c');
  await waitForFrame(r.lastFrame, 'controlplane:~$');
  await sendKeys(r.stdin, 'kubectl get ns', KEY.enter);
  await waitForFrame(r.lastFrame, /kube-system\s+Active/);
  // A typed line is only dropped; two Ctrl+C on the empty prompt quit.
  await sendKeys(r.stdin, 'kubectl get po', KEY.ctrlC);
  await waitForFrame(r.lastFrame, 'kubectl get po^C');
  await sendKeys(r.stdin, KEY.ctrlC);
  await waitForFrame(r.lastFrame, 'press Ctrl+C again to quit');
  await sendKeys(r.stdin, KEY.ctrlC);
  await r.exited();
  await services.close();
  // The write started when the command ran; the process ends only once it is done (no process.exit).
  await waitUntil('the console commands are saved', () => store.runningExam()?.tasks[index].console?.length === 1);
  await store.reload(); // queued behind that write
  const again = await openStore({ dir, onNotice: () => {}, now: () => new Date(clock.now()) });
  expect(again.runningExam()?.tasks[index].console).toEqual(['kubectl get ns']);
});
