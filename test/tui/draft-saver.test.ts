// The draft saver is what a reopened task reads: the newest text, even before the store has it.
import { describe, expect, it } from 'vitest';
import { DraftSaver } from '../../src/tui/practice/draft-saver.js';

/** A store whose writes complete only when the test says so. */
function slowStore() {
  const stored = new Map<string, string>();
  const waiting: Array<() => void> = [];
  return {
    stored,
    finishWrites: () => waiting.splice(0).forEach((f) => f()),
    saveDraft: (id: string, step: number, text: string) =>
      new Promise<void>((resolve) =>
        waiting.push(() => {
          stored.set(`${id}#${step}`, text);
          resolve();
        }),
      ),
    getDraft: (id: string, step: number) => {
      const text = stored.get(`${id}#${step}`);
      return text === undefined ? undefined : { text };
    },
  };
}

describe('DraftSaver.text', () => {
  it("is the pending text, then the text being written, then the store's", async () => {
    const store = slowStore();
    store.stored.set('ex#1', 'old');
    const saver = new DraftSaver(store, 60_000);
    expect(saver.text('ex', 1)).toBe('old');
    saver.schedule('ex', 1, 'typed');
    expect(saver.text('ex', 1)).toBe('typed');
    const flushed = saver.flush();
    expect(store.stored.get('ex#1')).toBe('old');
    expect(saver.text('ex', 1)).toBe('typed');
    await Promise.resolve();
    store.finishWrites();
    await flushed;
    expect(store.stored.get('ex#1')).toBe('typed');
    expect(saver.text('ex', 1)).toBe('typed');
  });

  it('a known (restored) text is not a draft', () => {
    const saver = new DraftSaver(slowStore(), 60_000);
    saver.known('ex', 2, 'start text');
    expect(saver.text('ex', 2)).toBeUndefined();
  });
});
