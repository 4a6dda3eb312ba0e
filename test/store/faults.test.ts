// The progress store under fault: a lock holder that stops, a full disk, a read-only folder,
// odd things in place of the file, malformed records, two terminals on one draft.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { chmod, lstat, mkdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, StoreError, emptyStoreData, type ProgressStore } from '../../src/store/progress-store.js';
import { DraftSaver } from '../../src/tui/practice/draft-saver.js';
import { examDraftSaver } from '../../src/tui/exam/exam-drafts.js';
import type { PracticeData } from '../../src/tui/practice/services.js';
import { attempt, openTestStore, tempScoresDir } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

// ---- a small tmpfs, where the machine lets us mount one (root in a container, usually) ----
const mounts: string[] = [];
function mountTmpfs(sizeKb: number): string | undefined {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netpol-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}
afterAll(() => {
  for (const m of mounts) {
    try {
      execFileSync('umount', [m], { stdio: 'ignore' });
      rmSync(m, { recursive: true, force: true });
    } catch {
      // left for the OS
    }
  }
});
const canMount = (() => {
  const m = mountTmpfs(64);
  return m !== undefined;
})();
const MOUNT_REASON = 'cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)';

function fill(dir: string): void {
  // Fill the file system to the last byte.
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
  } catch {
    // dd stops with ENOSPC: that is the point
  }
}

const waitFor = async (check: () => boolean | Promise<boolean>): Promise<void> => {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('a lock holder that stops (Ctrl+Z, SIGSTOP, a slow disk)', () => {
  it('is never broken while it lives; the waiting writer gives up with one line, nothing lost', async () => {
    const dir = await tempScoresDir();
    const holder = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', 'hold-lock.ts'), path.join(dir, 'progress.json.lock')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    holder.stdout!.on('data', (d) => (out += String(d)));
    await waitFor(() => out.includes('locked'));
    holder.kill('SIGSTOP');
    const { store } = await openTestStore({ dir, lock: { timeoutMs: 400, staleMs: 20 } });
    await expect(store.recordAttempt(attempt('a', true))).rejects.toThrow(/^could not lock .*: it is held by process \d+/);
    holder.kill('SIGCONT');
    holder.kill('SIGTERM');
    await new Promise((resolve) => holder.on('exit', resolve));
    await store.recordAttempt(attempt('a', true));
    expect(store.attempts()).toHaveLength(1);
  });

  it('a writer whose lock was taken over meanwhile does not rename its older snapshot over the file', async () => {
    const dir = await tempScoresDir();
    const a = await openTestStore({ dir });
    const b = await openTestStore({ dir });
    await a.store.recordAttempt(attempt('first', true, { id: 'first' }));
    // Pause A's write after it has read the file and taken the lock.
    const adapter = (a.store as unknown as { adapter: { write: (d: unknown) => Promise<void> } }).adapter;
    const realWrite = adapter.write.bind(adapter);
    let resume!: () => void;
    let paused!: () => void;
    const isPaused = new Promise<void>((r) => (paused = r));
    let first = true;
    adapter.write = async (data) => {
      if (first) {
        first = false;
        paused();
        await new Promise<void>((r) => (resume = r));
      }
      return realWrite(data);
    };
    const aWrite = a.store.recordAttempt(attempt('from-a', true, { id: 'from-a' }));
    await isPaused;
    // Someone judged A's lock stale and took it over: B writes in between.
    await rm(`${a.file}.lock`);
    await b.store.recordAttempt(attempt('from-b', true, { id: 'from-b' }));
    resume();
    await aWrite;
    const onDisk = JSON.parse(await readFile(a.file, 'utf8')) as { attempts: { id: string }[]; generation: number };
    expect(onDisk.attempts.map((x) => x.id).sort()).toEqual(['first', 'from-a', 'from-b']);
    expect(onDisk.generation).toBe(3);
  });
});

async function rm(file: string): Promise<void> {
  rmSync(file, { force: true });
}

describe('odd things in place of the file', () => {
  it('keeps the file mode of progress.json', async () => {
    const { store, file } = await openTestStore();
    await store.recordAttempt(attempt('a', true));
    await chmod(file, 0o600);
    await store.recordAttempt(attempt('b', true));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('a symlinked progress.json stays a symlink, and its target gets the updates', async () => {
    const dir = await tempScoresDir();
    const elsewhere = await tempScoresDir();
    const target = path.join(elsewhere, 'real-progress.json');
    await writeFile(target, JSON.stringify(emptyStoreData()));
    await symlink(target, path.join(dir, 'progress.json'));
    const { store } = await openTestStore({ dir });
    await store.recordAttempt(attempt('a', true));
    expect((await lstat(path.join(dir, 'progress.json'))).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(target, 'utf8')).attempts).toHaveLength(1);
    expect(readdirSync(elsewhere)).toEqual(['real-progress.json']);
  });

  it('progress.json as a directory is one clear error, and nothing is touched', async () => {
    const dir = await tempScoresDir();
    await mkdir(path.join(dir, 'progress.json'));
    await writeFile(path.join(dir, 'progress.json', 'keep'), 'x');
    await expect(openTestStore({ dir })).rejects.toThrow(StoreError);
    await expect(openTestStore({ dir })).rejects.toThrow(/^cannot read .*progress\.json: it is a directory, not a file \(EISDIR\)$/);
    expect(readdirSync(path.join(dir, 'progress.json'))).toEqual(['keep']);
  });

  it('a lock that is a directory is one clear error', async () => {
    const dir = await tempScoresDir();
    const { store } = await openTestStore({ dir });
    await mkdir(path.join(dir, 'progress.json.lock'));
    await expect(store.recordAttempt(attempt('a', true))).rejects.toThrow(/^cannot lock .*progress\.json\.lock: it is a directory, not a lock file/);
  });

  it('a lock from another machine dated in the future is taken over once it stays unchanged for staleMs', async () => {
    const dir = await tempScoresDir();
    const future = new Date(Date.now() + 3_600_000);
    const lock = path.join(dir, 'progress.json.lock');
    await writeFile(lock, JSON.stringify({ pid: 1, host: 'elsewhere', at: future.toISOString(), token: 'theirs' }));
    await utimes(lock, future, future);
    const { store } = await openTestStore({ dir, lock: { timeoutMs: 10_000, staleMs: 100 } });
    await store.recordAttempt(attempt('a', true));
    expect(store.attempts()).toHaveLength(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('an empty lock file (a writer that died before filling it) does not stall for long', async () => {
    const dir = await tempScoresDir();
    const lock = path.join(dir, 'progress.json.lock');
    await writeFile(lock, '');
    const old = new Date(Date.now() - 5_000);
    await utimes(lock, old, old);
    const { store } = await openTestStore({ dir, lock: { timeoutMs: 1_000, staleMs: 60_000 } });
    await store.recordAttempt(attempt('a', true));
    expect(store.attempts()).toHaveLength(1);
  });
});

describe('records', () => {
  it('one malformed attempt is skipped with a notice; the rest stays, and the file is copied before the next write', async () => {
    const dir = await tempScoresDir();
    const good = { id: 'g', exerciseId: 'a', step: 1, mode: 'practice', finishedAt: '2026-01-01T00:00:00Z', passed: true, score: 1, answer: '', mismatches: [] };
    const original = JSON.stringify({ ...emptyStoreData(), attempts: [good, { ...good, id: 'bad', passed: 'yes' }, { ...good, id: 'g2' }], drafts: { 'x#1': { nope: 1 } } });
    await writeFile(path.join(dir, 'progress.json'), original);
    const { store, notices } = await openTestStore({ dir, now: () => new Date('2026-11-05T10:11:12.345Z') });
    expect(store.attempts().map((x) => x.id)).toEqual(['g', 'g2']);
    expect(notices).toEqual([expect.stringMatching(/skipped 2 malformed records \(attempts\[1\], drafts\["x#1"\]\); the rest of the history is kept/)]);
    await store.recordAttempt(attempt('b', false));
    expect(await readFile(path.join(dir, 'progress.json.bad-records-2026-11-05T10-11-12-345Z'), 'utf8')).toBe(original);
    expect(store.attempts()).toHaveLength(3);
  });

  it('a UTF-8 BOM (an editor saved the file) is accepted', async () => {
    const dir = await tempScoresDir();
    const good = { id: 'g', exerciseId: 'a', step: 1, mode: 'practice', finishedAt: '2026-01-01T00:00:00Z', passed: true, score: 1, answer: '', mismatches: [] };
    await writeFile(path.join(dir, 'progress.json'), '\uFEFF' + JSON.stringify({ ...emptyStoreData(), attempts: [good] }));
    const { store, notices } = await openTestStore({ dir });
    expect(notices).toEqual([]);
    expect(store.statusOf('a')).toBe('passed');
  });
});

describe('two terminals on one draft', () => {
  it('a draft the other terminal wrote meanwhile is kept as the previous version, with a notice', async () => {
    const dir = await tempScoresDir();
    // One clock for both: writes within one millisecond must still be told apart.
    const now = () => new Date('2026-11-05T10:00:00.000Z');
    const one = await openTestStore({ dir, now });
    const two = await openTestStore({ dir, now });
    await one.store.saveDraft('ex', 1, 'typed in terminal one');
    await two.store.reload();
    two.store.getDraft('ex', 1); // terminal two shows it
    await one.store.saveDraft('ex', 1, 'terminal one again');
    await two.store.saveDraft('ex', 1, 'terminal two, unaware');
    const reread = await openTestStore({ dir });
    const d = reread.store.getDraft('ex', 1)!;
    expect(d.text).toBe('terminal two, unaware');
    expect(d.previous).toMatchObject({ text: 'terminal one again' });
    expect(two.notices).toEqual([expect.stringMatching(/^netpol-dojo: the draft of ex step 1 was also changed in another terminal \(process \d+ on .+\); this one is newer/)]);
    // Writing again over its own draft keeps the other's version and says nothing more.
    await two.store.saveDraft('ex', 1, 'terminal two, once more');
    expect((await openTestStore({ dir })).store.getDraft('ex', 1)!.previous).toMatchObject({ text: 'terminal one again' });
    expect(two.notices).toHaveLength(1);
  });
});

describe('the synchronous draft write (a signal is ending the process)', () => {
  it('writes while an async write of this process holds the lock', async () => {
    const { store, file } = await openTestStore();
    await store.recordAttempt(attempt('a', true));
    // A lock of this very process, as an async write cut short by the signal leaves it.
    await writeFile(`${file}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString(), token: 'inflight' }));
    store.saveDraftSync('ex', 1, 'last words');
    const reread = await openTestStore({ dir: path.dirname(file) });
    expect(reread.store.getDraft('ex', 1)?.text).toBe('last words');
    expect(reread.store.attempts()).toHaveLength(1);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('DraftSaver.flushSync writes what is pending and what is in flight', async () => {
    const { store, dir } = await openTestStore();
    const saver = new DraftSaver(store, 60_000);
    saver.schedule('ex', 1, 'pending text');
    expect(saver.flushSync()).toBe(1);
    expect((await openTestStore({ dir })).store.getDraft('ex', 1)?.text).toBe('pending text');
    expect(saver.unsaved).toBe(false);
  });

  it("a running exam's drafts are written synchronously too, into the exam record, beside what another write put there", async () => {
    const { store, dir } = await openTestStore();
    const exam = await store.startExam({ seed: 7, deadline: '2099-01-01T00:00:00.000Z', tasks: [{ exerciseId: 'a', weight: 1 }, { exerciseId: 'b', weight: 1 }] });
    // Another process flags task 0 after this one last read the file: the sync write must keep it.
    const other = (await openTestStore({ dir })).store;
    await other.updateExam(exam.id, (e) => {
      e.tasks[0].flagged = true;
    });
    const data = { store, drafts: new DraftSaver(store), savers: new Set(), notices: [] } as unknown as PracticeData;
    const saver = examDraftSaver(data, exam.id);
    saver.schedule('1', 1, 'spec: {}  # typed before the signal');
    expect(saver.flushSync()).toBe(1);
    const reread = (await openTestStore({ dir })).store.runningExam();
    expect(reread?.tasks[1].draft).toBe('spec: {}  # typed before the signal');
    expect(reread?.tasks[0].flagged).toBe(true);
  });

  it('a finished exam is not changed by a late synchronous draft', async () => {
    const { store, dir } = await openTestStore();
    const exam = await store.startExam({ seed: 8, deadline: '2099-01-01T00:00:00.000Z', tasks: [{ exerciseId: 'a', weight: 1 }] });
    await store.finishExam(exam.id, { scorePct: 0, passed: false });
    const data = { store, drafts: new DraftSaver(store), savers: new Set(), notices: [] } as unknown as PracticeData;
    const saver = examDraftSaver(data, exam.id);
    saver.schedule('0', 1, 'too late');
    saver.flushSync();
    const [again] = (await openTestStore({ dir })).store.exams();
    expect(again.tasks[0].draft).toBeUndefined();
    expect(again.status).toBe('finished');
  });
});

describe.skipIf(!canMount)(`a full disk (${MOUNT_REASON} otherwise)`, () => {
  it('a draft is not marked saved until its write succeeds; a notice says so; it is written once space is freed', async () => {
    const dir = mountTmpfs(256)!;
    const store = await openStore({ dir, onNotice: () => {} });
    await store.recordAttempt(attempt('a', true));
    fill(dir);
    const problems: string[] = [];
    const saver = new DraftSaver(store, 5, (m) => problems.push(m));
    saver.schedule('ex', 1, 'x'.repeat(20_000));
    await saver.flush();
    expect(problems).toEqual([expect.stringMatching(/^draft not saved: cannot (write|lock) .*: the disk is full \(ENOSPC\); trying again$/)]);
    expect(saver.unsaved).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['filler', 'progress.json']); // no empty lock, no temp file
    rmSync(path.join(dir, 'filler'));
    await saver.flush();
    expect(saver.unsaved).toBe(false);
    expect(problems.at(-1)).toBe('');
    expect((await openStore({ dir, onNotice: () => {} })).getDraft('ex', 1)?.text).toHaveLength(20_000);
  });

  it('grade on a full disk prints the result, says the attempt was not recorded, exits 2', async () => {
    const dir = mountTmpfs(128)!;
    fill(dir);
    const { runInProcess } = await import('../hostile/helpers.js');
    const answerDir = await tempScoresDir();
    await writeFile(path.join(answerDir, 'a.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: netpol-test}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n');
    const r = await runInProcess(['grade', 'deny-all-ingress', 'a.yaml'], { cwd: answerDir, env: { NO_COLOR: '1', NETPOL_DOJO_SCORES: dir } });
    expect(r.stdout).toMatch(/PASSED|FAILED/);
    expect(r.stderr).toMatch(/^netpol-dojo: the attempt was not recorded: cannot (write|lock) .*: the disk is full \(ENOSPC\)\n$/);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['filler']);
  });

  it('a read-only folder: reads work without the lock; a write is one line', async () => {
    const dir = mountTmpfs(256)!;
    const store = await openStore({ dir, onNotice: () => {} });
    await store.recordAttempt(attempt('a', true));
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const { runInProcess } = await import('../hostile/helpers.js');
    const env = { NO_COLOR: '1', NETPOL_DOJO_SCORES: dir };
    for (const cmd of [['stats'], ['list']]) {
      const r = await runInProcess(cmd, { env });
      expect(r.code, cmd[0]).toBe(0);
      expect(r.stderr).toBe('');
    }
    const reopened = await openStore({ dir, onNotice: () => {} });
    expect(reopened.statusOf('a')).toBe('passed');
    await expect(reopened.recordAttempt(attempt('b', true))).rejects.toThrow(/^cannot lock .*: the file system is read-only \(EROFS\)$/);
  });
});

export type { ProgressStore };
