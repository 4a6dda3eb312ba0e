// compareNatural stands in for Intl.Collator('en', { numeric: true }) on the bank's ids and the
// module's section numbers: the same order on every id of the bank, on the sections, and on
// random strings of the alphabet it claims (lower-case letters, digits, dots, dashes).
import { describe, expect, it } from 'vitest';
import { compareNatural } from '../../src/core/text/natural-order.js';
import { loadBankSummaries } from '../../src/core/bank/load-dir.js';

const collator = new Intl.Collator('en', { numeric: true });
const sign = (n: number) => Math.sign(n);

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('compareNatural', () => {
  it('puts digit runs in numeric order', () => {
    expect(['exercise-10', 'exercise-2', 'exercise-1'].sort(compareNatural)).toEqual(['exercise-1', 'exercise-2', 'exercise-10']);
    expect(['8', '2.10', '4.1', '2.6', '2'].sort(compareNatural)).toEqual(['2', '2.6', '2.10', '4.1', '8']);
    expect(compareNatural('a-9', 'a-009')).toBe(0);
    expect(compareNatural('a', 'a-1')).toBeLessThan(0);
  });

  it("sorts the bank's ids as Intl.Collator does", () => {
    const ids = loadBankSummaries().summaries.map((s) => s.id);
    expect(ids.length).toBeGreaterThan(40);
    const reversed = [...ids].reverse();
    expect([...reversed].sort(compareNatural)).toEqual([...reversed].sort(collator.compare));
  });

  it('agrees with Intl.Collator on 20,000 random pairs of its alphabet', () => {
    const next = random(13);
    const alphabet = 'abz09-.';
    const word = () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const a = word();
      const b = word();
      // Equal values with other leading zeros ("a01", "a1") are equal to both, then Intl breaks the tie; either order is fine.
      if (a.replace(/(^|\D)0+(?=\d)/g, '$1') === b.replace(/(^|\D)0+(?=\d)/g, '$1')) continue;
      expect([a, b, sign(compareNatural(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
    }
  });
});
