// `netpol-dojo stats` end to end, in-process, on a progress store the test fills in a temp dir.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { openStore } from '../../src/store/progress-store.js';
import { captureIo } from '../cli/capture-io.js';
import type { StatsReport } from '../../src/core/training/stats.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function scoresDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'netpol-dojo-stats-'));
  dirs.push(dir);
  return dir;
}

async function run(dir: string, ...argv: string[]) {
  const io = captureIo({ env: { NO_COLOR: '1', NETPOL_DOJO_SCORES: dir } });
  const code = await runCli(['stats', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

/** Attempts on real bank scenarios (deny-all-ingress: topics 4.1, 2.3), an exam finished. */
async function fill(dir: string): Promise<void> {
  const store = await openStore({ dir, onNotice: () => undefined });
  const base = { step: 1, mode: 'practice' as const, answer: 'kind: NetworkPolicy', mismatches: [] };
  await store.recordAttempt({ ...base, exerciseId: 'deny-all-ingress', passed: false, score: 0.5, durationMs: 90_000 });
  await store.recordAttempt({ ...base, exerciseId: 'deny-all-ingress', passed: true, score: 1, durationMs: 30_000 });
  await store.recordAttempt({ ...base, exerciseId: 'deny-egress-allow-dns', passed: true, score: 1 });
  const exam = await store.startExam({
    seed: 3,
    deadline: new Date(Date.now() + 45 * 60_000).toISOString(),
    tasks: [{ exerciseId: 'deny-all-ingress', weight: 100 }],
  });
  await store.finishExam(exam.id, { scorePct: 72.5, passed: true });
  const abandoned = await store.startExam({ seed: 4, deadline: new Date(Date.now() + 45 * 60_000).toISOString(), tasks: [] });
  await store.finishExam(abandoned.id, { scorePct: 0, passed: false, status: 'abandoned' });
}

describe('netpol-dojo stats', () => {
  it('says there is nothing yet on an empty store, and succeeds', async () => {
    const r = await run(await scoresDir());
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^No attempts yet\./);
    expect(r.err).toBe('');
  });

  it('gives topics, exams, streak and totals as JSON', async () => {
    const dir = await scoresDir();
    await fill(dir);
    const r = await run(dir, '--output', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as StatsReport;
    expect(Object.keys(report).sort()).toEqual(['exams', 'streakDays', 'topics', 'totals']);
    const t41 = report.topics.find((t) => t.topic === '4.1')!;
    expect(t41).toMatchObject({ attempts: 2, passes: 1, passRate: 0.5, medianDurationMs: 60_000 });
    expect(report.topics.find((t) => t.topic === '2.3')).toMatchObject({ attempts: 2, passes: 1 });
    expect(report.topics.find((t) => t.topic === '4.4')).toMatchObject({ attempts: 1, passes: 1, medianDurationMs: null });
    expect(report.exams).toHaveLength(1);
    expect(report.exams[0]).toMatchObject({ scorePct: 72.5, passed: true });
    expect(report.streakDays).toBe(1);
    expect(report.totals).toMatchObject({ attempts: 3, passes: 2, scenariosAttempted: 2, scenariosPassed: 2, examsFinished: 1 });
  });

  it('prints a topic table, the exam chart and the streak as text', async () => {
    const dir = await scoresDir();
    await fill(dir);
    const r = await run(dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Streak: 1 day in a row');
    expect(r.out).toMatch(/^4\.1 +deny all ingress +2 +1 +50% +1 min$/m);
    expect(r.out).toMatch(/^4\.4 +deny egress, allow DNS +1 +1 +100% +-$/m);
    expect(r.out).toContain('| marks the 66% pass mark');
    expect(r.out).toMatch(/72\.5%  pass$/m);
    expect(r.out).not.toContain('\x1b[');
  });

  it('refuses an unknown output format with a usage error', async () => {
    const r = await run(await scoresDir(), '--output', 'xml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('-o/--output must be one of json, yaml (or left out for the default), not "xml"');
  });
});
