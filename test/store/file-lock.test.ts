import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LockTimeoutError, withFileLock } from '../../src/store/file-lock.js';
import { attempt, openTestStore, tempScoresDir } from './helpers.js';

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

const lockContent = (pid: number, at: Date) => JSON.stringify({ pid, host: os.hostname(), at: at.toISOString(), token: 'theirs' });

describe('the progress.json lock', () => {
  it('takes over a lock whose owner process is dead', async () => {
    const dir = await tempScoresDir();
    await writeFile(path.join(dir, 'progress.json.lock'), lockContent(await deadPid(), new Date()));
    const { store } = await openTestStore({ dir, lock: { timeoutMs: 60_000 } });
    await store.recordAttempt(attempt('a', true));
    expect(store.statusOf('a')).toBe('passed');
    expect(existsSync(path.join(dir, 'progress.json.lock'))).toBe(false);
  });

  it('takes over a lock from another machine that nobody refreshed for staleMs', async () => {
    const dir = await tempScoresDir();
    const old = new Date(Date.now() - 60_000);
    await writeFile(path.join(dir, 'progress.json.lock'), JSON.stringify({ pid: 1, host: 'elsewhere', at: old.toISOString(), token: 'theirs' }));
    await utimes(path.join(dir, 'progress.json.lock'), old, old);
    const { store } = await openTestStore({ dir, lock: { timeoutMs: 60_000, staleMs: 10_000 } });
    await store.recordAttempt(attempt('a', true));
    expect(store.attempts()).toHaveLength(1);
  });

  it('never breaks a live holder on this machine on age alone', async () => {
    const dir = await tempScoresDir();
    // A live process (this one, under another token) holding it for a minute: still its lock.
    await writeFile(path.join(dir, 'progress.json.lock'), lockContent(process.pid, new Date(Date.now() - 60_000)));
    const { store, file } = await openTestStore({ dir, lock: { timeoutMs: 300, staleMs: 10 } });
    await expect(store.recordAttempt(attempt('a', true))).rejects.toThrow(/^could not lock .*: it is held by process \d+ on .* since /);
    expect(await readFile(`${file}.lock`, 'utf8')).toContain('"theirs"');
  });

  it('gives up with a clear error while a live process holds a fresh lock, and writes nothing', async () => {
    const dir = await tempScoresDir();
    const { store, file } = await openTestStore({ dir, lock: { timeoutMs: 100, staleMs: 60_000 } });
    await store.recordAttempt(attempt('before', true));
    await writeFile(`${file}.lock`, lockContent(process.pid, new Date()));
    const failure = store.recordAttempt(attempt('a', true));
    await expect(failure).rejects.toBeInstanceOf(LockTimeoutError);
    await expect(failure).rejects.toThrow(new RegExp(`could not lock .*progress\\.json\\.lock: it is held by process ${process.pid}`));
    expect(JSON.parse(await readFile(file, 'utf8')).attempts.map((a: { exerciseId: string }) => a.exerciseId)).toEqual(['before']);
    expect(store.attempts()).toHaveLength(1);
    // the lock is still the other owner's
    expect(await readFile(`${file}.lock`, 'utf8')).toContain('"theirs"');
  });

  it('releases the lock when the guarded action throws', async () => {
    const lock = path.join(await tempScoresDir(), 'x.lock');
    await expect(withFileLock(lock, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });

  it('does not delete a lock that someone else took over meanwhile', async () => {
    const lock = path.join(await tempScoresDir(), 'x.lock');
    await withFileLock(lock, async () => {
      await writeFile(lock, lockContent(process.pid, new Date())); // simulates a takeover
    });
    expect(await readFile(lock, 'utf8')).toContain('"theirs"');
  });

  it('lets only one holder in at a time within one process', async () => {
    const lock = path.join(await tempScoresDir(), 'x.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withFileLock(lock, async () => {
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setImmediate(resolve));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
  });
});
