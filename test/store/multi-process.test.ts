// Real processes against one store: concurrent writers must merge, and a writer killed at any
// moment must leave a readable file holding everything it reported as committed.
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTestStore, tempScoresDir } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const writerScript = path.join(here, 'fixtures', 'writer.ts');
const repoRoot = path.resolve(here, '../..');

interface Writer {
  child: ChildProcess;
  committed: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWriter(dir: string, count: number | 'forever', tag: string, answerBytes = 64): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dir, String(count), tag, String(answerBytes)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const writer: Writer = {
    child,
    committed: [],
    stderr: [],
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
  };
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.startsWith('committed ')) writer.committed.push(line.slice('committed '.length));
  });
  child.stderr!.on('data', (chunk: Buffer) => writer.stderr.push(chunk.toString()));
  return writer;
}

/** Resolves once the writer has committed at least `n` attempts (or has exited). */
function committedAtLeast(writer: Writer, n: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (writer.committed.length >= n) return resolve();
      setTimeout(check, 2);
    };
    writer.exited.then(() => resolve());
    check();
  });
}

describe('several processes writing at once', () => {
  it('loses no attempt: three writers x 100 attempts -> 300 attempts', { timeout: 300_000 }, async () => {
    const dir = await tempScoresDir();
    const writers = ['a', 'b', 'c'].map((tag) => startWriter(dir, 100, tag));
    const results = await Promise.all(writers.map((w) => w.exited));
    for (const [i, w] of writers.entries()) {
      expect(w.stderr.join(''), `writer ${i} stderr`).toBe('');
      expect(results[i].code).toBe(0);
    }

    const { store, notices } = await openTestStore({ dir });
    expect(notices).toEqual([]);
    const ids = store.attempts().map((a) => a.id);
    expect(ids).toHaveLength(300);
    expect(new Set(ids)).toEqual(new Set(writers.flatMap((w) => w.committed)));
    expect((await readdir(dir)).sort()).toEqual(['progress.json']); // no lock or temp file left
  });

  it('merges two stores of one process writing concurrently', async () => {
    const dir = await tempScoresDir();
    const one = await openTestStore({ dir });
    const two = await openTestStore({ dir });
    const writes = [];
    for (let i = 0; i < 20; i++) {
      const base = { step: 1, mode: 'cli' as const, passed: true, score: 1, answer: '', mismatches: [] };
      writes.push(one.store.recordAttempt({ ...base, id: `one-${i}`, exerciseId: 'a' }));
      writes.push(two.store.recordAttempt({ ...base, id: `two-${i}`, exerciseId: 'b' }));
    }
    await Promise.all(writes);
    await one.store.reload();
    expect(one.store.attempts()).toHaveLength(40);
    expect(one.store.statusOf('b')).toBe('passed');
  });
});

describe('a writer killed at a random moment', () => {
  it('never leaves a corrupt or truncated file, and keeps every committed attempt (SIGKILL at random points of 200+ writes)', { timeout: 300_000 }, async () => {
    const dir = await tempScoresDir();
    const survivors = new Set<string>();
    let kills = 0;
    for (let round = 0; survivors.size < 200; round++) {
      kills++;
      // Large answers make each write take long enough for the kill to land mid-write sometimes.
      const writer = startWriter(dir, 'forever', `r${round}`, 4096);
      await committedAtLeast(writer, 1 + Math.floor(Math.random() * 30));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      writer.child.kill('SIGKILL');
      const { signal } = await writer.exited;
      expect(signal, writer.stderr.join('')).toBe('SIGKILL');
      for (const id of writer.committed) survivors.add(id);

      // The file parses on its own (no store involved)...
      const raw = JSON.parse(await readFile(path.join(dir, 'progress.json'), 'utf8')) as { attempts: { id: string }[] };
      const onDisk = new Set(raw.attempts.map((a) => a.id));
      for (const id of survivors) expect(onDisk.has(id), `attempt ${id}`).toBe(true);

      // ...and a store opens it without any notice (reads take no lock); its first write takes
      // over the dead writer's lock and removes its temp file, if it left them.
      const { store, notices } = await openTestStore({ dir });
      expect(notices).toEqual([]);
      expect(store.attempts().length).toBe(onDisk.size);
      await store.recordAttempt({ id: `check-${round}`, exerciseId: 'check', step: 1, mode: 'cli', passed: true, score: 1, answer: '', mismatches: [] });
      survivors.add(`check-${round}`);
      expect((await readdir(dir)).filter((n) => n !== 'progress.json')).toEqual([]);
    }
    console.log(`SIGKILL test: ${kills} kills, ${survivors.size} committed attempts, all kept`);
  });
});
