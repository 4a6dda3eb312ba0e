// An exam's life through a real progress store in a temp dir: start, crash, reopen, grade.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/progress-store.js';
import { planExam } from '../../src/core/training/exam-plan.js';
import { examMinutes, examToStart, reopenExam, scoreInputFor } from '../../src/core/training/exam-session.js';
import { examResultForStore, scoreExam } from '../../src/core/training/exam-score.js';
import { scenario } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const bank = [scenario('a', { difficulty: 1, topics: ['4.1'] }), scenario('b', { difficulty: 5, topics: ['3.3'] })];

describe('exam session', () => {
  it('survives a restart with the clock having run on, then grades the drafts as they stand', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'netpol-dojo-exam-'));
    dirs.push(dir);
    const start = new Date('2026-11-05T09:00:00Z');
    let now = start;
    const open = () => openStore({ dir, now: () => now, onNotice: () => undefined });

    const out = planExam(bank, { seed: 5, tasks: 2, minutes: 30 });
    if (!out.ok) throw new Error(out.error);
    const first = await open();
    const started = await first.startExam(examToStart(out.plan, now));
    expect(started.deadline).toBe('2026-11-05T09:30:00.000Z');
    expect(examMinutes(started)).toBe(30);

    // "crash", come back 20 minutes later
    now = new Date(start.getTime() + 20 * 60_000);
    const again = await open();
    const running = reopenExam(again.runningExam()!, now);
    expect(running.state).toBe('running');
    expect(running.clock).toMatchObject({ text: '10:00', phase: 'warning' });

    // come back after the deadline: expired, graded as it stands
    now = new Date(start.getTime() + 50 * 60_000);
    const late = reopenExam((await open()).runningExam()!, now);
    expect(late.state).toBe('expired');
    const grades = late.exam.tasks.map((t) => (t.exerciseId === 'b' ? { score: 1, passed: true } : undefined));
    const score = scoreExam(scoreInputFor(late.exam, grades, now));
    const weightB = late.exam.tasks.find((t) => t.exerciseId === 'b')!.weight;
    expect(score.totalPct).toBe(weightB);
    expect(score.timeUsedMs).toBe(30 * 60_000);
    const store = await open();
    const finished = await store.finishExam(late.exam.id, examResultForStore(score));
    expect(finished).toMatchObject({ status: 'finished', scorePct: weightB, passed: weightB >= 66 });
    expect(store.runningExam()).toBeUndefined();
  });
});
