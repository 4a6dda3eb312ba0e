import { describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRepoRoot, openStore, resolveScoresDir } from '../../src/store/progress-store.js';
import { attempt, openTestStore, tempScoresDir } from './helpers.js';

const clock = (iso: string) => () => new Date(iso);

describe('progress store: attempts and status', () => {
  it('persists attempts so that a new store on the same directory sees them', async () => {
    const { store, dir } = await openTestStore({ now: clock('2026-11-05T10:00:00.000Z') });
    const saved = await store.recordAttempt(attempt('ingress-basic', false));
    expect(saved.id).toMatch(/\w/);
    expect(saved.finishedAt).toBe('2026-11-05T10:00:00.000Z');

    const again = await openStore({ dir, onNotice: () => undefined });
    expect(again.attempts()).toEqual([saved]);
  });

  it('reports new, failed and passed per exercise (passed if any attempt passed)', async () => {
    const { store } = await openTestStore();
    await store.recordAttempt(attempt('a', false));
    await store.recordAttempt(attempt('b', false));
    await store.recordAttempt(attempt('b', true));
    await store.recordAttempt(attempt('b', false));
    expect(store.statusOf('a')).toBe('failed');
    expect(store.statusOf('b')).toBe('passed');
    expect(store.statusOf('never-tried')).toBe('new');
  });

  it('keeps the status current between attempts, and with what another process wrote', async () => {
    const { store, dir } = await openTestStore();
    expect(store.statusOf('a')).toBe('new');
    await store.recordAttempt(attempt('a', false));
    expect(store.statusOf('a')).toBe('failed');
    await store.recordAttempt(attempt('a', true));
    expect(store.statusOf('a')).toBe('passed');
    const other = await openStore({ dir, onNotice: () => {} });
    await other.recordAttempt(attempt('b', true));
    expect(store.statusOf('b')).toBe('new');
    await store.reload();
    expect(store.statusOf('b')).toBe('passed');
  });

  it('passes a two-step exercise only when both steps are passed, in the status and the summary', async () => {
    const { store } = await openTestStore();
    await store.recordAttempt(attempt('two', true, { step: 1 }));
    expect(store.statusOf('two', 2)).toBe('failed');
    expect(store.summary(() => 2)).toMatchObject({ passed: 0, attempted: 1 });
    await store.recordAttempt(attempt('two', true, { step: 2 }));
    expect(store.statusOf('two', 2)).toBe('passed');
    expect(store.summary(() => 2)).toMatchObject({ passed: 1, attempted: 1 });
  });

  it('filters attempts by exercise, step, mode and exam', async () => {
    const { store } = await openTestStore();
    await store.recordAttempt(attempt('a', true, { step: 1 }));
    await store.recordAttempt(attempt('a', false, { step: 2, mode: 'exam', examId: 'e1' }));
    await store.recordAttempt(attempt('b', true, { mode: 'cli' }));
    expect(store.attempts({ exerciseId: 'a' }).map((a) => a.step)).toEqual([1, 2]);
    expect(store.attempts({ exerciseId: 'a', step: 2 })).toHaveLength(1);
    expect(store.attempts({ mode: 'cli' }).map((a) => a.exerciseId)).toEqual(['b']);
    expect(store.attempts({ examId: 'e1' }).map((a) => a.step)).toEqual([2]);
  });

  it('hands out copies: changing a returned attempt does not change the store', async () => {
    const { store } = await openTestStore();
    await store.recordAttempt(attempt('a', false));
    store.attempts()[0].passed = true;
    expect(store.statusOf('a')).toBe('failed');
  });

  it('summarises distinct exercises passed and attempted, and the best finished exam', async () => {
    const { store } = await openTestStore();
    expect(store.summary()).toEqual({ passed: 0, attempted: 0, examBest: null });
    await store.recordAttempt(attempt('a', true));
    await store.recordAttempt(attempt('a', true));
    await store.recordAttempt(attempt('b', false));
    const e1 = await store.startExam({ seed: 1, deadline: '2026-11-05T12:00:00Z', tasks: [] });
    await store.finishExam(e1.id, { scorePct: 72, passed: true });
    const e2 = await store.startExam({ seed: 2, deadline: '2026-11-05T12:00:00Z', tasks: [] });
    await store.finishExam(e2.id, { scorePct: 55, passed: false });
    const e3 = await store.startExam({ seed: 3, deadline: '2026-11-05T12:00:00Z', tasks: [] });
    await store.finishExam(e3.id, { scorePct: 90, passed: true, status: 'abandoned' });
    expect(store.summary()).toEqual({ passed: 1, attempted: 2, examBest: 72 });
  });
});

describe('progress store: drafts and reveals', () => {
  it('keeps one draft per exercise step, survives reopening, and can be cleared', async () => {
    const { store, dir } = await openTestStore({ now: clock('2026-11-05T10:00:00.000Z') });
    await store.saveDraft('a', 1, 'first');
    await store.saveDraft('a', 2, 'second step');
    await store.saveDraft('a', 1, 'first, edited');
    const reopened = await openStore({ dir, onNotice: () => undefined });
    expect(reopened.getDraft('a', 1)).toEqual({ exerciseId: 'a', step: 1, text: 'first, edited', updatedAt: '2026-11-05T10:00:00.000Z', writer: expect.stringMatching(/:\d+:/) });
    expect(reopened.getDraft('a', 2)?.text).toBe('second step');
    await reopened.clearDraft('a', 1);
    expect(reopened.getDraft('a', 1)).toBeUndefined();
    expect((await openStore({ dir, onNotice: () => undefined })).getDraft('a', 1)).toBeUndefined();
  });

  it('records revealed solutions', async () => {
    const { store } = await openTestStore({ now: clock('2026-11-05T10:00:00.000Z') });
    await store.recordReveal('a', 2);
    await store.recordReveal('b', 1);
    expect(store.reveals('a')).toEqual([{ exerciseId: 'a', step: 2, at: '2026-11-05T10:00:00.000Z' }]);
    expect(store.reveals()).toHaveLength(2);
  });
});

describe('progress store: exams', () => {
  const tasks = [{ exerciseId: 'a', weight: 4 }, { exerciseId: 'b', weight: 7 }];

  it('starts, updates and finishes an exam', async () => {
    const { store, dir } = await openTestStore({ now: clock('2026-11-05T10:00:00.000Z') });
    const exam = await store.startExam({ seed: 42, deadline: '2026-11-05T12:00:00.000Z', tasks });
    expect(store.runningExam()?.id).toBe(exam.id);
    expect(exam).toMatchObject({ seed: 42, status: 'running', startedAt: '2026-11-05T10:00:00.000Z' });

    await store.updateExam(exam.id, (e) => {
      e.tasks[1].flagged = true;
      e.tasks[1].draft = 'spec: {}';
    });
    const done = await store.finishExam(exam.id, { scorePct: 64, passed: false, tasks: [{ score: 1, passed: true }, { score: 0.3, passed: false }] });
    expect(done.status).toBe('finished');
    expect(done.tasks[1]).toEqual({ exerciseId: 'b', weight: 7, flagged: true, draft: 'spec: {}', score: 0.3, passed: false });

    const reopened = await openStore({ dir, onNotice: () => undefined });
    expect(reopened.runningExam()).toBeUndefined();
    expect(reopened.exams()).toEqual([done]);
  });

  it('marks a still running exam abandoned when a new one starts', async () => {
    const { store } = await openTestStore();
    const first = await store.startExam({ seed: 1, deadline: '2026-11-05T12:00:00Z', tasks });
    const second = await store.startExam({ seed: 2, deadline: '2026-11-05T12:00:00Z', tasks });
    expect(store.runningExam()?.id).toBe(second.id);
    expect(store.exams().find((e) => e.id === first.id)?.status).toBe('abandoned');
  });

  it('rejects an update of an unknown exam and leaves the store unchanged', async () => {
    const { store, file } = await openTestStore();
    await store.recordAttempt(attempt('a', true));
    const before = await readFile(file, 'utf8');
    await expect(store.updateExam('nope', () => undefined)).rejects.toThrow(/no exam with id nope/);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(store.attempts()).toHaveLength(1);
  });
});

describe('progress store: location', () => {
  it('creates a missing directory (nested) on open', async () => {
    const dir = path.join(await tempScoresDir(), 'deeper', 'scores');
    const store = await openStore({ dir, onNotice: () => undefined });
    await store.recordAttempt(attempt('a', true));
    expect(existsSync(path.join(dir, 'progress.json'))).toBe(true);
  });

  it('takes an explicit dir first, then NETPOL_DOJO_SCORES (relative to cwd), then <repo>/scores', () => {
    const env = { NETPOL_DOJO_SCORES: 'elsewhere' };
    expect(resolveScoresDir({ dir: '/explicit', env, cwd: '/home/u' })).toBe(path.resolve('/explicit'));
    expect(resolveScoresDir({ env, cwd: '/home/u' })).toBe(path.resolve('/home/u/elsewhere'));
    const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    expect(resolveScoresDir({ env: {}, cwd: '/tmp' })).toBe(path.join(repo, 'scores'));
  });

  it('finds the repository root by its package.json name, from any depth', async () => {
    const outer = await tempScoresDir();
    await writeFile(path.join(outer, 'package.json'), JSON.stringify({ name: 'netpol-dojo' }));
    // a package.json with another name on the way up must be skipped
    await mkdir(path.join(outer, 'node_modules', 'other', 'dist'), { recursive: true });
    await writeFile(path.join(outer, 'node_modules', 'other', 'package.json'), JSON.stringify({ name: 'other' }));
    expect(findRepoRoot(path.join(outer, 'node_modules', 'other', 'dist', 'chunk.js'))).toBe(outer);
    expect(findRepoRoot(path.join(outer, 'dist', 'cli.js'))).toBe(outer);
  });
});
