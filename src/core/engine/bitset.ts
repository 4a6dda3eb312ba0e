// A fixed-size set of endpoint indices. The engine compiles every selector, peer and
// rule into one of these once, so that a matrix cell is two bit tests.

export class BitSet {
  readonly words: Uint32Array;

  constructor(readonly size: number, words?: Uint32Array) {
    this.words = words ?? new Uint32Array((size + 31) >>> 5);
  }

  static full(size: number): BitSet {
    const s = new BitSet(size);
    s.words.fill(0xffffffff);
    const tail = size & 31;
    if (tail && s.words.length) s.words[s.words.length - 1] = (1 << tail) - 1;
    return s;
  }

  has(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  add(i: number): void {
    this.words[i >>> 5] |= 1 << (i & 31);
  }

  clone(): BitSet {
    return new BitSet(this.size, this.words.slice());
  }

  /** this &= other */
  andInPlace(other: BitSet): void {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] &= b[i];
  }

  /** this &= ~other */
  andNotInPlace(other: BitSet): void {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] &= ~b[i];
  }

  /** this |= other */
  orInPlace(other: BitSet): void {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] |= b[i];
  }

  and(other: BitSet): BitSet {
    const out = new Uint32Array(this.words.length);
    for (let i = 0; i < out.length; i++) out[i] = this.words[i] & other.words[i];
    return new BitSet(this.size, out);
  }

  isEmpty(): boolean {
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== 0) return false;
    return true;
  }

  *indices(): Generator<number> {
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w];
      while (word !== 0) {
        const low = word & -word;
        yield (w << 5) + (31 - Math.clz32(low));
        word ^= low;
      }
    }
  }
}
