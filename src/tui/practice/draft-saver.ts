// Keeps the learner's typing safe: every change is saved as a draft after a short pause,
// and whatever is pending is written at once when the answer is left or the app quits.
// A draft counts as saved only once its write has succeeded: a failed write (a full disk) is
// said in a notice and tried again, and a signal writes what is pending synchronously.
export interface DraftStore {
  saveDraft(exerciseId: string, step: number, text: string): Promise<unknown>;
  getDraft(exerciseId: string, step: number): { text: string } | undefined;
  /** The synchronous write for the last moments of the process, where the store has one. */
  saveDraftSync?(exerciseId: string, step: number, text: string): unknown;
}

export const DRAFT_DEBOUNCE_MS = 300;
/** After a failed write, the next try. */
export const DRAFT_RETRY_MS = 2_000;

interface Pending {
  exerciseId: string;
  step: number;
  text: string;
}

export class DraftSaver {
  private pending = new Map<string, Pending>();
  /** Texts handed to the store whose write has not finished yet. */
  private inFlight = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  /** The text last written per draft, so an unchanged text is not written again. */
  private saved = new Map<string, string>();
  /** The text this saver sent per draft: the store's snapshot may not show it yet. */
  private written = new Map<string, string>();
  private lastError: string | undefined;

  constructor(
    private readonly store: DraftStore,
    private readonly delayMs = DRAFT_DEBOUNCE_MS,
    /** Told once per distinct failure (e.g. "cannot write ...: the disk is full"), and '' once writes work again. */
    private readonly onProblem: (message: string) => void = () => {},
  ) {}

  /** Remembers text already stored (a restored draft), so that reopening writes nothing. */
  known(exerciseId: string, step: number, text: string): void {
    this.saved.set(`${exerciseId}#${step}`, text);
  }

  /** The newest text of a draft: typed and pending, sent and maybe still being written, else the store's. */
  text(exerciseId: string, step: number): string | undefined {
    const key = `${exerciseId}#${step}`;
    return this.pending.get(key)?.text ?? this.written.get(key) ?? this.store.getDraft(exerciseId, step)?.text;
  }

  /** Whether some typing is not on disk yet. */
  get unsaved(): boolean {
    return this.pending.size > 0 || this.inFlight.size > 0;
  }

  schedule(exerciseId: string, step: number, text: string): void {
    const key = `${exerciseId}#${step}`;
    if (this.saved.get(key) === text && !this.pending.has(key)) return;
    this.pending.set(key, { exerciseId, step, text });
    this.arm(this.delayMs);
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
    this.timer.unref?.();
  }

  /** Writes everything pending; resolves when every write so far is done (or has failed). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.entries()];
    this.pending.clear();
    for (const [key, d] of batch) {
      if (this.saved.get(key) === d.text) continue;
      this.inFlight.set(key, d);
      this.written.set(key, d.text);
      // One write after another: the store serialises them anyway, and order must be kept.
      this.writes = this.writes.then(async () => {
        try {
          await this.store.saveDraft(d.exerciseId, d.step, d.text);
          this.saved.set(key, d.text);
          if (this.lastError !== undefined) {
            this.lastError = undefined;
            this.onProblem('');
          }
        } catch (error) {
          // Not saved: keep it (unless newer typing replaced it) and try again later.
          if (!this.pending.has(key)) this.pending.set(key, d);
          const message = error instanceof Error ? error.message : String(error);
          if (message !== this.lastError) {
            this.lastError = message;
            this.onProblem(`draft not saved: ${message}; trying again`);
          }
          this.arm(DRAFT_RETRY_MS);
        } finally {
          if (this.inFlight.get(key) === d) this.inFlight.delete(key);
        }
      });
    }
    return this.writes.then(() => undefined);
  }

  /**
   * Writes what is pending or in flight synchronously (a signal is ending the process). Returns
   * how many drafts were written; a store without a synchronous write writes nothing here.
   */
  flushSync(): number {
    const save = this.store.saveDraftSync?.bind(this.store);
    if (!save) return 0;
    clearTimeout(this.timer);
    const latest = new Map([...this.inFlight, ...this.pending]);
    let written = 0;
    for (const [key, d] of latest) {
      if (this.saved.get(key) === d.text) continue;
      try {
        save(d.exerciseId, d.step, d.text);
        this.saved.set(key, d.text);
        this.written.set(key, d.text);
        this.pending.delete(key);
        written++;
      } catch {
        // Nothing more can be done on the way out; the async retry is gone with the process.
      }
    }
    return written;
  }
}
