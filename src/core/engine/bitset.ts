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

/**
 * Transposes a 32x32 bit matrix in place: bit c of word r moves to bit r of word c (bit k is
 * 1 << k, as in BitSet). Quadrants swap, then their quadrants, down to single bits.
 */
export function transpose32(a: Uint32Array): void {
  swapBits(a, 16, 0x0000ffff);
  swapBits(a, 8, 0x00ff00ff);
  swapBits(a, 4, 0x0f0f0f0f);
  swapBits(a, 2, 0x33333333);
  swapBits(a, 1, 0x55555555);
}

/** One stage of transpose32: rows k and k+j (k without bit j) exchange their j-bit groups. */
function swapBits(a: Uint32Array, j: number, m: number): void {
  for (let k = 0; k < 32; k = ((k | j) + 1) & ~j) {
    const t = ((a[k] >>> j) ^ a[k | j]) & m;
    a[k] ^= t << j;
    a[k | j] ^= t;
  }
}
