// Keeps the learner's typing safe: every change is saved as a draft after a short pause,
// and whatever is pending is written at once when the answer is left or the app quits.
export interface DraftStore {
  saveDraft(exerciseId: string, step: number, text: string): Promise<unknown>;
  getDraft(exerciseId: string, step: number): { text: string } | undefined;
}

export const DRAFT_DEBOUNCE_MS = 300;

interface Pending {
  exerciseId: string;
  step: number;
  text: string;
}

export class DraftSaver {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  /** The text last written per draft, so an unchanged text is not written again. */
  private saved = new Map<string, string>();
  /** The text this saver sent per draft: the store's snapshot may not show it yet. */
  private written = new Map<string, string>();

  constructor(private readonly store: DraftStore, private readonly delayMs = DRAFT_DEBOUNCE_MS) {}

  /** Remembers text already stored (a restored draft), so that reopening writes nothing. */
  known(exerciseId: string, step: number, text: string): void {
    this.saved.set(`${exerciseId}#${step}`, text);
  }

  /** The newest text of a draft: typed and pending, sent and maybe still being written, else the store's. */
  text(exerciseId: string, step: number): string | undefined {
    const key = `${exerciseId}#${step}`;
    return this.pending.get(key)?.text ?? this.written.get(key) ?? this.store.getDraft(exerciseId, step)?.text;
  }

  schedule(exerciseId: string, step: number, text: string): void {
    const key = `${exerciseId}#${step}`;
    if (this.saved.get(key) === text && !this.pending.has(key)) return;
    this.pending.set(key, { exerciseId, step, text });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes everything pending; resolves when every write so far is done. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const d of batch) {
      const key = `${d.exerciseId}#${d.step}`;
      if (this.saved.get(key) === d.text) continue;
      this.saved.set(key, d.text);
      this.written.set(key, d.text);
      // One write after another: the store serialises them anyway, and order must be kept.
      this.writes = this.writes.then(() => this.store.saveDraft(d.exerciseId, d.step, d.text)).catch(() => undefined);
    }
    return this.writes.then(() => undefined);
  }
}
