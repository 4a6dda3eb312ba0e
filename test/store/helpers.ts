// Test helpers: every store lives in its own temporary directory, never in the real scores/.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type ProgressStore, type StoreOptions } from '../../src/store/progress-store.js';

const made: string[] = [];

/** A fresh empty directory, removed after the current test. */
export async function tempScoresDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'netpol-dojo-store-'));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export interface TestStore {
  store: ProgressStore;
  dir: string;
  file: string;
  notices: string[];
}

/** Opens a store in `dir` (a new temp dir by default) and collects its notices. */
export async function openTestStore(options: StoreOptions = {}): Promise<TestStore> {
  const dir = options.dir ?? (await tempScoresDir());
  const notices: string[] = [];
  const store = await openStore({ ...options, dir, onNotice: (m) => notices.push(m) });
  return { store, dir, file: path.join(dir, 'progress.json'), notices };
}

/** A minimal valid attempt for recordAttempt. */
export function attempt(exerciseId: string, passed: boolean, extra: Record<string, unknown> = {}) {
  return { exerciseId, step: 1, mode: 'practice' as const, passed, score: passed ? 1 : 0, answer: 'kind: NetworkPolicy', mismatches: [], ...extra };
}
