// One-line messages for the learner from outside the screens: the store set a corrupt file aside,
// skipped bad records, waited for another terminal's lock, or cannot write a draft (a full disk).
// They arrive at any time (a draft write fails minutes in), so the app subscribes to them.
export class NoticeBoard {
  private current: string | undefined;
  /** The current notice stays until its trouble is over ('' pushed), not only until the next screen. */
  private sticky = false;
  private readonly all: string[] = [];
  private readonly listeners = new Set<(latest: string | undefined) => void>();

  /** The notice to show now; undefined when there is none or its trouble is over. */
  get latest(): string | undefined {
    return this.current;
  }

  /** Every notice so far, oldest first. */
  get history(): readonly string[] {
    return this.all;
  }

  /**
   * A new notice; '' says the last trouble is over (a draft write worked again). A sticky one
   * (a draft that is not on disk) stays while the learner moves between screens.
   */
  push(message: string, sticky = false): void {
    if (message !== '') this.all.push(message);
    this.current = message === '' ? undefined : message;
    this.sticky = message !== '' && sticky;
    this.notify();
  }

  /** The learner moved on: a one-off notice (a file set aside) has been seen. */
  dismiss(): void {
    if (this.current === undefined || this.sticky) return;
    this.current = undefined;
    this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l(this.current);
  }

  subscribe(listener: (latest: string | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
