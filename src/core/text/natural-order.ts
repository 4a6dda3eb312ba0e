// Natural order for the bank's ids and the module's section numbers ("exercise-2" before
// "exercise-10", "2.6" before "2.10"): digit runs compare by value, the rest by code unit.
// For lower-case letters, digits, dots and dashes this is the order of
// Intl.Collator('en', { numeric: true }), without its cost: building a collator loads ICU's
// collation data, about 5 ms of every start-up.

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Negative, zero or positive as `a` sorts before, with or after `b`. */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      // Compare the two digit runs by value: without leading zeros, the longer is larger.
      let ea = i;
      let eb = j;
      while (ea < a.length && isDigit(a.charCodeAt(ea))) ea++;
      while (eb < b.length && isDigit(b.charCodeAt(eb))) eb++;
      let sa = i;
      let sb = j;
      while (sa < ea - 1 && a.charCodeAt(sa) === 48) sa++;
      while (sb < eb - 1 && b.charCodeAt(sb) === 48) sb++;
      const byLength = ea - sa - (eb - sb);
      if (byLength !== 0) return byLength;
      for (; sa < ea; sa++, sb++) {
        const d = a.charCodeAt(sa) - b.charCodeAt(sb);
        if (d !== 0) return d;
      }
      i = ea;
      j = eb;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}
