// The learner's progress: attempts, drafts, exams and revealed solutions, kept in lowdb.
// Every write is read-modify-write under an inter-process lock, so a TUI and a CLI (or two
// terminals) running at once merge their changes instead of overwriting each other. Just before
// its rename a write checks that it still holds the lock and that nobody wrote in between (a
// generation number); if either fails it runs again on the fresh file. Reads take no lock (the
// file is only ever replaced whole), so a read-only folder can still be read.
import { mkdir } from 'node:fs/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Low } from 'lowdb';
import { safeText } from '../core/text/safe-text.js';
import { DurableJsonAdapter, LostRaceError } from './durable-json-adapter.js';
import { withFileLock, withFileLockSync, type LockOptions } from './file-lock.js';
import { StoreError, storeErrorOf } from './store-error.js';
import { removeOrphanedTempFiles } from './atomic-file.js';
import { PROGRESS_FILE, resolveScoresDir } from './location.js';
import {
  draftKey,
  emptyStoreData,
  type Attempt,
  type AttemptFilter,
  type Draft,
  type ExamRecord,
  type ExamResult,
  type ExerciseStatus,
  type NewAttempt,
  type NewExam,
  type ProgressSummary,
  type Reveal,
  type StoreData,
} from './schema.js';
import type { ProgressLog } from '../core/training/progress-log.js';
import { exerciseRecords, statusFrom, type ExerciseRecord } from '../core/training/exercise-status.js';

export * from './schema.js';
export { resolveScoresDir, findRepoRoot, SCORES_ENV, PROGRESS_FILE } from './location.js';
export { LockTimeoutError } from './file-lock.js';
export { StoreError } from './store-error.js';

export interface StoreOptions {
  /** Directory for progress.json; default $NETPOL_DOJO_SCORES, else <repo>/scores. */
  dir?: string;
  /** Receives one-line messages meant for the user (default: stderr). */
  onNotice?: (message: string) => void;
  now?: () => Date;
  lock?: LockOptions;
}

export async function openStore(options: StoreOptions = {}): Promise<ProgressStore> {
  const dir = resolveScoresDir({ dir: options.dir });
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw storeErrorOf(error, 'write', dir);
  }
  const store = new ProgressStore(path.join(dir, PROGRESS_FILE), options);
  await store.reload();
  return store;
}

/** Stores made by this process, for their writer names. */
let storesOpened = 0;

export class ProgressStore implements ProgressLog {
  readonly file: string;
  private readonly db: Low<StoreData>;
  private readonly adapter: DurableJsonAdapter;
  private readonly onNotice: (message: string) => void;
  /** Names this store's drafts, so that another terminal's draft is never replaced unseen. */
  // The counter tells two stores of one process apart for sure; two random bytes alone collided
  // once in 65,536 (a test of two terminals failed on it).
  private readonly writer = `${os.hostname()}:${process.pid}:${++storesOpened}.${randomBytes(2).toString('hex')}`;
  /** Each draft as this store last read or wrote it (writer, time and text: two writes may share a millisecond). */
  private readonly draftsSeen = new Map<string, string>();
  private readonly now: () => Date;
  private readonly lockOptions: LockOptions;
  private recordCache?: { attempts: readonly Attempt[]; length: number; map: Map<string, ExerciseRecord> };
  /** Serialises this object's own operations; the file lock handles other processes. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string, options: StoreOptions = {}) {
    this.file = file;
    this.now = options.now ?? (() => new Date());
    this.lockOptions = options.lock ?? {};
    const onNotice = options.onNotice ?? ((message: string) => process.stderr.write(safeText(message) + '\n'));
    this.onNotice = onNotice;
    this.adapter = new DurableJsonAdapter(file, { onNotice, now: this.now });
    this.db = new Low(this.adapter, emptyStoreData());
  }

  get dir(): string {
    return path.dirname(this.file);
  }

  /** Re-reads the file, picking up what other processes wrote. Reads below use this snapshot. */
  async reload(): Promise<void> {
    await this.transaction(() => undefined, { write: false });
  }

  // ---- attempts ----

  async recordAttempt(input: NewAttempt): Promise<Attempt> {
    const attempt: Attempt = { ...input, id: input.id ?? randomUUID(), finishedAt: input.finishedAt ?? this.stamp() };
    await this.transaction((data) => {
      data.attempts.push(attempt);
    });
    return clone(attempt);
  }

  attempts(filter: AttemptFilter = {}): Attempt[] {
    return clone(
      this.db.data.attempts.filter(
        (a) =>
          (filter.exerciseId === undefined || a.exerciseId === filter.exerciseId) &&
          (filter.step === undefined || a.step === filter.step) &&
          (filter.mode === undefined || a.mode === filter.mode) &&
          (filter.examId === undefined || a.examId === filter.examId),
      ),
    );
  }

  /**
   * passed once every one of its `steps` steps was passed (or a mock exam passed the task), failed
   * if attempted without that, new otherwise (core/training/exercise-status.ts).
   */
  statusOf(exerciseId: string, steps = 1): ExerciseStatus {
    return statusFrom(this.records().get(exerciseId), steps);
  }

  /**
   * Every exercise's record, worked out once per snapshot of the attempts: the practice list asks
   * for each row on every frame, and a learner's log holds hundreds of attempts. Attempts are only
   * ever appended (or the whole list replaced by a reload), so the list and its length name it.
   */
  private records(): Map<string, ExerciseRecord> {
    const attempts = this.db.data.attempts;
    if (this.recordCache?.attempts !== attempts || this.recordCache.length !== attempts.length) {
      this.recordCache = { attempts, length: attempts.length, map: exerciseRecords(attempts) };
    }
    return this.recordCache.map;
  }

  /** `stepsOf`: each exercise's number of steps (one where it is not known). */
  summary(stepsOf: (exerciseId: string) => number = () => 1): ProgressSummary {
    const records = this.records();
    const attempted = records;
    const passed = [...records].filter(([id, r]) => statusFrom(r, stepsOf(id)) === 'passed');
    const scores = this.db.data.exams
      .filter((e) => e.status === 'finished' && e.scorePct !== undefined)
      .map((e) => e.scorePct as number);
    return { passed: passed.length, attempted: attempted.size, examBest: scores.length ? Math.max(...scores) : null };
  }

  // ---- drafts (one per exercise step) ----

  async saveDraft(exerciseId: string, step: number, text: string): Promise<Draft> {
    const draft: Draft = { exerciseId, step, text, updatedAt: this.stamp(), writer: this.writer };
    await this.transaction((data) => this.putDraft(data, draft));
    this.draftsSeen.set(draftKey(exerciseId, step), draftIdentity(draft));
    return clone(draft);
  }

  /**
   * saveDraft, synchronously: for the last moments of a process (a closed terminal sends SIGHUP,
   * and an async write would be cut off by the exit). Waits at most a second for the lock.
   */
  saveDraftSync(exerciseId: string, step: number, text: string): Draft {
    const draft: Draft = { exerciseId, step, text, updatedAt: this.stamp(), writer: this.writer };
    this.transactionSync((data) => this.putDraft(data, draft));
    this.draftsSeen.set(draftKey(exerciseId, step), draftIdentity(draft));
    return clone(draft);
  }

  /** Puts the draft in; another terminal's version this store never saw is kept as `previous`. */
  private putDraft(data: StoreData, draft: Draft): void {
    const key = draftKey(draft.exerciseId, draft.step);
    const current = data.drafts[key];
    if (current && current.writer !== undefined && current.writer !== this.writer && current.text !== draft.text && draftIdentity(current) !== this.draftsSeen.get(key)) {
      draft.previous = { text: current.text, updatedAt: current.updatedAt, writer: current.writer };
      const [host, pid] = current.writer.split(':');
      this.onNotice(
        `netpol-dojo: the draft of ${draft.exerciseId} step ${draft.step} was also changed in another terminal ` +
          `(process ${pid} on ${host}, at ${current.updatedAt}); this one is newer, and that one is kept as its previous version`,
      );
    } else if (current?.previous && current.writer === this.writer) {
      draft.previous = current.previous;
    }
    data.drafts[key] = draft;
  }

  getDraft(exerciseId: string, step: number): Draft | undefined {
    const draft = this.db.data.drafts[draftKey(exerciseId, step)];
    if (draft) this.draftsSeen.set(draftKey(exerciseId, step), draftIdentity(draft));
    return draft && clone(draft);
  }

  async clearDraft(exerciseId: string, step: number): Promise<void> {
    await this.transaction((data) => {
      delete data.drafts[draftKey(exerciseId, step)];
    });
  }

  // ---- revealed solutions ----

  async recordReveal(exerciseId: string, step: number): Promise<Reveal> {
    const reveal: Reveal = { exerciseId, step, at: this.stamp() };
    await this.transaction((data) => {
      data.reveals.push(reveal);
    });
    return clone(reveal);
  }

  reveals(exerciseId?: string): Reveal[] {
    return clone(this.db.data.reveals.filter((r) => exerciseId === undefined || r.exerciseId === exerciseId));
  }

  // ---- exams ----

  /** Starts an exam; one still running is marked abandoned (only one exam runs at a time). */
  async startExam(input: NewExam): Promise<ExamRecord> {
    const exam: ExamRecord = {
      id: input.id ?? randomUUID(),
      seed: input.seed,
      startedAt: this.stamp(),
      deadline: input.deadline,
      status: 'running',
      tasks: clone(input.tasks),
    };
    await this.transaction((data) => {
      for (const other of data.exams) {
        if (other.status === 'running') {
          other.status = 'abandoned';
          other.finishedAt = exam.startedAt;
        }
      }
      data.exams.push(exam);
    });
    return clone(exam);
  }

  /** Applies `change` to the freshest stored copy of the exam (e.g. a task's draft or flag). */
  async updateExam(id: string, change: (exam: ExamRecord) => void): Promise<ExamRecord> {
    return this.transaction((data) => {
      const exam = findExam(data, id);
      change(exam);
      return clone(exam);
    });
  }

  /** updateExam, synchronously: a running exam's drafts on a signal, as saveDraftSync. */
  updateExamSync(id: string, change: (exam: ExamRecord) => void): ExamRecord {
    return this.transactionSync((data) => {
      const exam = findExam(data, id);
      change(exam);
      return clone(exam);
    });
  }

  async finishExam(id: string, result: ExamResult): Promise<ExamRecord> {
    const finishedAt = this.stamp();
    return this.transaction((data) => {
      const exam = findExam(data, id);
      exam.status = result.status ?? 'finished';
      exam.finishedAt = finishedAt;
      exam.scorePct = result.scorePct;
      exam.passed = result.passed;
      result.tasks?.forEach((task, i) => {
        if (exam.tasks[i]) Object.assign(exam.tasks[i], task);
      });
      return clone(exam);
    });
  }

  runningExam(): ExamRecord | undefined {
    const running = this.db.data.exams.filter((e) => e.status === 'running');
    const latest = running[running.length - 1];
    return latest && clone(latest);
  }

  exams(): ExamRecord[] {
    return clone(this.db.data.exams);
  }

  // ---- plumbing ----

  private stamp(): string {
    return this.now().toISOString();
  }

  /**
   * A write: under the lock, read the file afresh (other processes may have written), apply the
   * change, write it back atomically; if the lock was lost or the file changed before the rename,
   * all of it runs again. A read (`write: false`) takes no lock. Calls on one object run in order.
   */
  private transaction<T>(change: (data: StoreData) => T, { write = true } = {}): Promise<T> {
    const run = () => (write ? this.lockedChange(change, true) : this.unlockedRead(change));
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * A write in the last moments of a process (a signal is ending it: an async write would be cut
   * off by the exit): the same read-change-write under the lock, waiting at most a second for it.
   */
  private transactionSync<T>(change: (data: StoreData) => T): T {
    try {
      return withFileLockSync(
        `${this.file}.lock`,
        () => {
          const data = this.adapter.readSync() ?? emptyStoreData();
          const result = change(data);
          data.generation = (this.adapter.lastGeneration ?? 0) + 1;
          this.adapter.writeSync(data);
          this.db.data = data;
          return result;
        },
        this.lockOptions,
      );
    } catch (error) {
      throw storeErrorOf(error, 'write', this.file);
    }
  }

  private async unlockedRead<T>(change: (data: StoreData) => T): Promise<T> {
    this.adapter.mayMoveAside = false;
    this.adapter.foundUnreadable = false;
    try {
      // Read into the snapshot in one step: readers between two awaits must never see it empty.
      const data = await this.adapter.read();
      if (!this.adapter.foundUnreadable) this.db.data = data ?? emptyStoreData();
    } catch (error) {
      throw storeErrorOf(error, 'read', this.file);
    } finally {
      this.adapter.mayMoveAside = true;
    }
    // An unreadable file is moved aside, which needs the lock (and a writable folder).
    if (this.adapter.foundUnreadable) return this.lockedChange(change, false);
    return change(this.db.data);
  }

  private async lockedChange<T>(change: (data: StoreData) => T, write: boolean): Promise<T> {
    for (let round = 1; ; round++) {
      try {
        return await withFileLock(
          `${this.file}.lock`,
          async (lock) => {
            await removeOrphanedTempFiles(this.file);
            this.db.data = (await this.adapter.read()) ?? emptyStoreData(); // in one step, as above
            const expected = this.adapter.lastGeneration;
            const onDisk = clone(this.db.data);
            try {
              const result = change(this.db.data);
              if (write) {
                this.db.data.generation = (expected ?? 0) + 1;
                this.adapter.guard = async () => {
                  if (!(await lock.stillHeld()) || (await this.adapter.generationOnDisk()) !== expected) throw new LostRaceError();
                };
                await this.db.write();
              }
              return result;
            } catch (error) {
              this.db.data = onDisk; // keep the snapshot equal to the file when a change fails
              throw error;
            } finally {
              this.adapter.guard = undefined;
            }
          },
          this.lockOptions,
        );
      } catch (error) {
        if (error instanceof LostRaceError) {
          if (round < 5) continue;
          throw new StoreError(`could not write ${this.file}: another process kept changing it (tried ${round} times)`);
        }
        throw storeErrorOf(error, 'write', this.file);
      }
    }
  }
}

function draftIdentity(d: Draft): string {
  return `${d.writer ?? ''}\n${d.updatedAt}\n${d.text}`;
}

function findExam(data: StoreData, id: string): ExamRecord {
  const exam = data.exams.find((e) => e.id === id);
  if (!exam) throw new Error(`netpol-dojo: no exam with id ${id} in the progress store`);
  return exam;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
