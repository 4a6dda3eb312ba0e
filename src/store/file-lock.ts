// An inter-process lock made of a file created with O_EXCL ('wx'): whoever creates it owns it.
// The file records its owner so that a lock left by a crashed process can be taken over.
import { open, readFile, rename, stat, unlink, link } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { isProcessAlive } from './process-alive.js';

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock older than this (ms) is stale even if its owner still runs; writes take milliseconds. */
  staleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  at: string;
  token: string;
}

export class LockTimeoutError extends Error {
  constructor(readonly lockPath: string, owner: string) {
    super(
      `netpol-dojo: could not lock ${lockPath}: it is held by ${owner}. ` +
        'If no other netpol-dojo is running, delete that file.',
    );
    this.name = 'LockTimeoutError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `action` while holding the lock at `lockPath`; the lock is released even if it throws. */
export async function withFileLock<T>(lockPath: string, action: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const token = await acquire(lockPath, options.timeoutMs ?? 15_000, options.staleMs ?? 10_000);
  try {
    return await action();
  } finally {
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number): Promise<string> {
  const token = randomBytes(8).toString('hex');
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), at: '', token };
  const giveUpAt = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    owner.at = new Date().toISOString();
    if (await tryCreate(lockPath, JSON.stringify(owner))) return token;
    const seen = await readLock(lockPath);
    if (seen && isStale(seen, staleMs)) {
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
    throw error;
  }
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

interface SeenLock {
  raw: string;
  owner?: LockOwner;
  modifiedMs: number;
}

async function readLock(lockPath: string): Promise<SeenLock | undefined> {
  try {
    const [raw, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    let owner: LockOwner | undefined;
    try {
      owner = JSON.parse(raw) as LockOwner;
    } catch {
      owner = undefined; // just created, content not written yet (or garbage): judge by age
    }
    return { raw, owner, modifiedMs: info.mtimeMs };
  } catch {
    return undefined; // released between our attempts
  }
}

function isStale(seen: SeenLock, staleMs: number): boolean {
  const { owner } = seen;
  const since = owner && Number.isFinite(Date.parse(owner.at)) ? Date.parse(owner.at) : seen.modifiedMs;
  if (Date.now() - since > staleMs) return true;
  return !!owner && owner.host === os.hostname() && typeof owner.pid === 'number' && !isProcessAlive(owner.pid);
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
  const seen = await readLock(lockPath);
  // Only delete our own lock: if we were so slow that someone took it over, it is theirs now.
  if (seen?.owner?.token === token) await unlink(lockPath).catch(() => undefined);
}

function describeOwner(seen: SeenLock | undefined): string {
  if (!seen?.owner) return 'another process';
  return `process ${seen.owner.pid} on ${seen.owner.host} since ${seen.owner.at}`;
}
