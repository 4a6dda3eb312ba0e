// An inter-process lock made of a file created with O_EXCL ('wx'): whoever creates it owns it.
// The file records its owner so that a lock left by a crashed process can be taken over.
//
// When a lock is stale:
// - its owner ran on this machine and that process is gone (or its pid now belongs to a process
//   started after the lock was taken);
// - its owner ran elsewhere (or is unknown) and the lock has not been refreshed for staleMs.
// A live owner on this machine is never judged by age: a stopped process (Ctrl+Z, SIGSTOP, a
// slow disk) still holds the lock, and breaking it would let two writers interleave. Holders
// refresh the lock's mtime while they hold it, so a long hold elsewhere is not mistaken either.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { open, readFile, rename, stat, unlink, link, utimes } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { isProcessAlive, processStartMs } from './process-alive.js';
import { StoreError, storeErrorOf } from './store-error.js';

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock from another machine not refreshed for this long (ms) is stale. */
  staleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  at: string;
  token: string;
}

export class LockTimeoutError extends StoreError {
  override name = 'LockTimeoutError';
  constructor(readonly lockPath: string, owner: string) {
    super(`could not lock ${lockPath}: it is held by ${owner}. If no other netpol-dojo is running, delete that file.`);
  }
}

/** What a holder can ask of its lock. */
export interface HeldLock {
  readonly token: string;
  /** Whether the lock file still carries our token (nobody took it over). */
  stillHeld(): Promise<boolean>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `action` while holding the lock at `lockPath`; the lock is released even if it throws. */
export async function withFileLock<T>(lockPath: string, action: (lock: HeldLock) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 10_000;
  const token = await acquire(lockPath, options.timeoutMs ?? 15_000, staleMs);
  const held: HeldLock = { token, stillHeld: async () => (await readLock(lockPath))?.owner?.token === token };
  // Refresh while held, so that a holder on another machine never looks stale mid-write.
  const refresher = setInterval(() => {
    void held.stillHeld().then((mine) => (mine ? utimes(lockPath, new Date(), new Date()) : undefined)).catch(() => undefined);
  }, Math.max(50, Math.floor(staleMs / 3)));
  refresher.unref();
  try {
    return await action(held);
  } finally {
    clearInterval(refresher);
    await release(lockPath, token);
  }
}

function ownerRecord(token: string): string {
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), at: new Date().toISOString(), token };
  return JSON.stringify(owner);
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number): Promise<string> {
  const token = randomBytes(8).toString('hex');
  const giveUpAt = Date.now() + timeoutMs;
  const firstSeen = new Map<string, number>();
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(lockPath, ownerRecord(token))) return token;
    const seen = await readLock(lockPath);
    if (seen && !firstSeen.has(seen.raw)) firstSeen.set(seen.raw, Date.now());
    if (seen && isStale(seen, staleMs, firstSeen.get(seen.raw)!)) {
      await removeStale(lockPath, seen.raw);
      continue;
    }
    if (Date.now() >= giveUpAt) throw new LockTimeoutError(lockPath, describeOwner(seen));
    // Small, growing, jittered sleeps: writers hold the lock for milliseconds.
    await sleep(Math.min(5 + attempt * 2, 50) * (0.5 + Math.random()));
  }
}

async function tryCreate(lockPath: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw storeErrorOf(error, 'lock', lockPath);
  }
  try {
    await handle.writeFile(content, 'utf8');
  } catch (error) {
    // A full disk can let us create the file but not fill it: never leave an empty lock behind.
    await handle.close().catch(() => undefined);
    handle = undefined;
    await unlink(lockPath).catch(() => undefined);
    throw storeErrorOf(error, 'lock', lockPath);
  } finally {
    await handle?.close();
  }
  return true;
}

interface SeenLock {
  raw: string;
  owner?: LockOwner;
  modifiedMs: number;
}

function parseOwner(raw: string): LockOwner | undefined {
  try {
    const o = JSON.parse(raw) as LockOwner;
    return o && typeof o === 'object' && typeof o.token === 'string' ? o : undefined;
  } catch {
    return undefined; // just created, content not written yet (or garbage): judge by age
  }
}

async function readLock(lockPath: string): Promise<SeenLock | undefined> {
  try {
    const [raw, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    return { raw, owner: parseOwner(raw), modifiedMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new StoreError(`cannot lock ${lockPath}: it is a directory, not a lock file; remove it if no netpol-dojo is running`, 'EISDIR');
    }
    return undefined; // released between our attempts
  }
}

/** A lock without a readable owner is being written right now, or was left half-written. */
const UNREADABLE_LOCK_GRACE_MS = 2_000;

function isStale(seen: SeenLock, staleMs: number, firstSeenMs: number): boolean {
  const { owner } = seen;
  const now = Date.now();
  if (owner && owner.host === os.hostname() && typeof owner.pid === 'number') {
    if (owner.pid === process.pid) return false; // ours, from another store object: it will be released
    if (!isProcessAlive(owner.pid)) return true;
    // A pid reused by a process that started after the lock was written is not the owner.
    const started = processStartMs(owner.pid);
    const at = Date.parse(owner.at);
    return started !== undefined && Number.isFinite(at) && started > Math.max(at, seen.modifiedMs) + 1_000;
  }
  const limit = owner ? staleMs : Math.min(staleMs, UNREADABLE_LOCK_GRACE_MS);
  const at = owner ? Date.parse(owner.at) : NaN;
  let since = Math.max(Number.isFinite(at) ? at : 0, seen.modifiedMs);
  // Dated in the future (a clock that jumped, a copied file): count from when we first saw it.
  if (since > now + 1_000) since = firstSeenMs;
  return now - since > limit;
}

/**
 * Moves the stale lock aside, then checks that what was moved is what we judged stale.
 * If another process replaced it in between, we put that fresh lock back.
 */
async function removeStale(lockPath: string, staleRaw: string): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // someone else removed it first
  }
  const moved = await readFile(aside, 'utf8').catch(() => staleRaw);
  if (moved !== staleRaw) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function release(lockPath: string, token: string): Promise<void> {
  const seen = await readLock(lockPath).catch(() => undefined);
  // Only delete our own lock: if someone took it over, it is theirs now.
  if (seen?.owner?.token === token) await unlink(lockPath).catch(() => undefined);
}

function describeOwner(seen: SeenLock | undefined): string {
  if (!seen?.owner) return 'another process';
  return `process ${seen.owner.pid} on ${seen.owner.host} since ${seen.owner.at}`;
}

// ---- the synchronous path: a signal handler writing the last draft before the process exits ----

/**
 * Takes the lock synchronously, waiting at most `timeoutMs`. Used only on the way out (a closed
 * terminal): a lock held by this very process belongs to an async write that will never finish,
 * so it is taken over.
 */
export function withFileLockSync<T>(lockPath: string, action: () => T, options: LockOptions = {}): T {
  const token = randomBytes(8).toString('hex');
  const timeoutMs = Math.min(options.timeoutMs ?? 1_000, 2_000);
  const giveUpAt = Date.now() + timeoutMs;
  const firstSeen = new Map<string, number>();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw storeErrorOf(error, 'lock', lockPath);
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, ownerRecord(token));
      } catch (error) {
        closeSync(fd);
        fd = undefined;
        try {
          unlinkSync(lockPath);
        } catch {
          // already gone
        }
        throw storeErrorOf(error, 'lock', lockPath);
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
      try {
        return action();
      } finally {
        try {
          if (parseOwner(readFileSync(lockPath, 'utf8'))?.token === token) unlinkSync(lockPath);
        } catch {
          // released or taken over
        }
      }
    }
    let seen: SeenLock | undefined;
    try {
      const raw = readFileSync(lockPath, 'utf8');
      seen = { raw, owner: parseOwner(raw), modifiedMs: statSync(lockPath).mtimeMs };
    } catch {
      seen = undefined;
    }
    if (seen) {
      if (!firstSeen.has(seen.raw)) firstSeen.set(seen.raw, Date.now());
      if (seen.owner?.pid === process.pid && seen.owner.host === os.hostname()) {
        unlinkSafe(lockPath);
        continue;
      }
      if (isStale(seen, options.staleMs ?? 10_000, firstSeen.get(seen.raw)!)) {
        unlinkSafe(lockPath);
        continue;
      }
    }
    if (Date.now() >= giveUpAt) throw new LockTimeoutError(lockPath, describeOwner(seen));
    Atomics.wait(pause, 0, 0, 10);
  }
}

function unlinkSafe(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // gone already
  }
}
