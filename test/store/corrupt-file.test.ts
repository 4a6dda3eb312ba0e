import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { emptyStoreData, upgradeStoreData } from '../../src/store/progress-store.js';
import { attempt, openTestStore, tempScoresDir } from './helpers.js';

const validAttempt = { id: 'x1', exerciseId: 'a', step: 1, mode: 'practice', finishedAt: '2026-01-01T00:00:00Z', passed: true, score: 1, answer: '', mismatches: [] };

const unreadable: [string, string][] = [
  ['bad JSON', '{"version": 1, "attempts": ['],
  ['a truncated file', JSON.stringify({ ...emptyStoreData(), attempts: [validAttempt] }).slice(0, 40)],
  ['an empty file', ''],
  ['a foreign array', '[1,2]'],
  ['a foreign object', '{"foo":1}'],
  ['a future version', JSON.stringify({ ...emptyStoreData(), version: 2 })],
  ['a wrong shape', JSON.stringify({ ...emptyStoreData(), attempts: { a: 1 } })],
  ['JSON null', 'null'],
];

describe('an unreadable progress.json', () => {
  it.each(unreadable)('is moved aside with one notice and a fresh store starts: %s', async (_name, content) => {
    const dir = await tempScoresDir();
    await writeFile(path.join(dir, 'progress.json'), content);
    const { store, notices } = await openTestStore({ dir, now: () => new Date('2026-11-05T10:11:12.345Z') });

    expect(store.attempts()).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).not.toContain('\n');
    expect(notices[0]).toMatch(/^netpol-dojo: .*progress\.json was unreadable \(.+\); moved it to .*progress\.json\.corrupt-2026-11-05T10-11-12-345Z; starting a fresh store$/);
    // never deleted: the bytes are kept verbatim
    expect(await readFile(path.join(dir, 'progress.json.corrupt-2026-11-05T10-11-12-345Z'), 'utf8')).toBe(content);

    // and the fresh store works and is readable afterwards
    await store.recordAttempt(attempt('a', true));
    const reopened = await openTestStore({ dir });
    expect(reopened.notices).toEqual([]);
    expect(reopened.store.statusOf('a')).toBe('passed');
  });

  it('names the parse error in the notice', async () => {
    const dir = await tempScoresDir();
    await writeFile(path.join(dir, 'progress.json'), '{"version": 1, oops}');
    const { notices } = await openTestStore({ dir });
    expect(notices[0]).toMatch(/unreadable \(.*JSON.*\)/);
  });

  it('keeps every earlier corrupt copy when it happens twice in the same millisecond', async () => {
    const dir = await tempScoresDir();
    const now = () => new Date('2026-11-05T10:11:12.345Z');
    await writeFile(path.join(dir, 'progress.json'), 'first');
    await openTestStore({ dir, now });
    await writeFile(path.join(dir, 'progress.json'), 'second');
    await openTestStore({ dir, now });
    const copies = (await readdir(dir)).filter((n) => n.includes('.corrupt-')).sort();
    expect(copies).toHaveLength(2);
    const contents = await Promise.all(copies.map((n) => readFile(path.join(dir, n), 'utf8')));
    expect(contents.sort()).toEqual(['first', 'second']);
  });

  it('also recovers when the file goes bad while a store is open', async () => {
    const { store, dir, notices } = await openTestStore();
    await store.recordAttempt(attempt('a', true));
    await writeFile(path.join(dir, 'progress.json'), '{"version":1,"attempts":[{');
    await store.recordAttempt(attempt('b', false));
    expect(notices).toHaveLength(1);
    expect(store.attempts().map((a) => a.exerciseId)).toEqual(['b']);
  });
});

describe('schema versions', () => {
  it('accepts the current version and fills in collections an older writer did not have', async () => {
    const dir = await tempScoresDir();
    await writeFile(path.join(dir, 'progress.json'), JSON.stringify({ version: 1, attempts: [validAttempt] }));
    const { store, notices } = await openTestStore({ dir });
    expect(notices).toEqual([]);
    expect(store.statusOf('a')).toBe('passed');
    expect(store.getDraft('a', 1)).toBeUndefined();
    await store.saveDraft('a', 1, 'text');
    expect(JSON.parse(await readFile(path.join(dir, 'progress.json'), 'utf8'))).toMatchObject({ version: 1, drafts: { 'a#1': { text: 'text' } }, exams: [], reveals: [] });
  });

  it('rejects versions with no migration path and files with no version', () => {
    expect(upgradeStoreData({ version: 0, attempts: [] })).toEqual({ ok: false, reason: 'unknown version 0' });
    expect(upgradeStoreData({ attempts: [] })).toMatchObject({ ok: false });
    expect(upgradeStoreData({ version: 1.5 })).toMatchObject({ ok: false });
    expect(upgradeStoreData(emptyStoreData())).toEqual({ ok: true, data: emptyStoreData() });
  });
});
