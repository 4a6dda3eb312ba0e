// The learner's progress: attempts, drafts, exams and revealed solutions, kept in lowdb.
// Every write is read-modify-write under an inter-process lock, so a TUI and a CLI (or two
// terminals) running at once merge their changes instead of overwriting each other.
import { mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Low } from 'lowdb';
import { safeText } from '../core/text/safe-text.js';
import { DurableJsonAdapter } from './durable-json-adapter.js';
import { withFileLock, type LockOptions } from './file-lock.js';
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

export * from './schema.js';
export { resolveScoresDir, findRepoRoot, SCORES_ENV, PROGRESS_FILE } from './location.js';
export { LockTimeoutError } from './file-lock.js';

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
  await mkdir(dir, { recursive: true });
  const store = new ProgressStore(path.join(dir, PROGRESS_FILE), options);
  await store.reload();
  return store;
}

export class ProgressStore implements ProgressLog {
  readonly file: string;
  private readonly db: Low<StoreData>;
  private readonly now: () => Date;
  private readonly lockOptions: LockOptions;
  /** Serialises this object's own operations; the file lock handles other processes. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string, options: StoreOptions = {}) {
    this.file = file;
    this.now = options.now ?? (() => new Date());
    this.lockOptions = options.lock ?? {};
    const onNotice = options.onNotice ?? ((message: string) => process.stderr.write(safeText(message) + '\n'));
    this.db = new Low(new DurableJsonAdapter(file, { onNotice, now: this.now }), emptyStoreData());
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

  /** passed if any attempt passed, failed if attempted without passing, new otherwise. */
  statusOf(exerciseId: string): ExerciseStatus {
    const mine = this.db.data.attempts.filter((a) => a.exerciseId === exerciseId);
    if (mine.some((a) => a.passed)) return 'passed';
    return mine.length > 0 ? 'failed' : 'new';
  }

  summary(): ProgressSummary {
    const attempted = new Set(this.db.data.attempts.map((a) => a.exerciseId));
    const passed = new Set(this.db.data.attempts.filter((a) => a.passed).map((a) => a.exerciseId));
    const scores = this.db.data.exams
      .filter((e) => e.status === 'finished' && e.scorePct !== undefined)
      .map((e) => e.scorePct as number);
    return { passed: passed.size, attempted: attempted.size, examBest: scores.length ? Math.max(...scores) : null };
  }

  // ---- drafts (one per exercise step) ----

  async saveDraft(exerciseId: string, step: number, text: string): Promise<Draft> {
    const draft: Draft = { exerciseId, step, text, updatedAt: this.stamp() };
    await this.transaction((data) => {
      data.drafts[draftKey(exerciseId, step)] = draft;
    });
    return clone(draft);
  }

  getDraft(exerciseId: string, step: number): Draft | undefined {
    const draft = this.db.data.drafts[draftKey(exerciseId, step)];
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
   * Under the lock: read the file afresh (other processes may have written), apply the change,
   * write it back atomically. Calls on one object run one after another.
   */
  private transaction<T>(change: (data: StoreData) => T, { write = true } = {}): Promise<T> {
    const run = () =>
      withFileLock(
        `${this.file}.lock`,
        async () => {
          await removeOrphanedTempFiles(this.file);
          // Read into the snapshot in one step: readers between two awaits must never see it empty.
          this.db.data = (await this.db.adapter.read()) ?? emptyStoreData();
          const onDisk = clone(this.db.data);
          try {
            const result = change(this.db.data);
            if (write) await this.db.write();
            return result;
          } catch (error) {
            this.db.data = onDisk; // keep the snapshot equal to the file when a change fails
            throw error;
          }
        },
        this.lockOptions,
      );
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function findExam(data: StoreData, id: string): ExamRecord {
  const exam = data.exams.find((e) => e.id === id);
  if (!exam) throw new Error(`netpol-dojo: no exam with id ${id} in the progress store`);
  return exam;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
