// Large outputs (a matrix of 3,000 pods is gigabytes of JSON) written as bytes: pieces are
// encoded once and copied into fixed buffers, and each full buffer goes to the stream with
// back-pressure. Buffers stay under V8's 128 KB limit for regular objects, so that no output
// string or array ever becomes a large object that costs page faults to build and free.
import type { Writable } from 'node:stream';

export const PIECE_BYTES = 64 * 1024;

export class BufferWriter {
  private buf: Buffer;
  private pos = 0;
  /** Bytes handed to the stream so far. */
  written = 0;

  constructor(
    private readonly out: Writable,
    private readonly size = PIECE_BYTES,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Room for `n` more bytes in the current piece? (Callers flush when not.) */
  fits(n: number): boolean {
    return this.pos + n <= this.size;
  }

  /** Copies pre-encoded bytes; the caller has made room (fits) or the piece is larger than a buffer. */
  put(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n <= 16) {
      // Short pieces: a loop beats the call into TypedArray.set.
      const b = this.buf;
      let p = this.pos;
      for (let i = 0; i < n; i++) b[p++] = bytes[i];
      this.pos = p;
      return;
    }
    this.buf.set(bytes, this.pos);
    this.pos += n;
  }

  /** Writes bytes of any length, flushing as needed. */
  async bytes(bytes: Uint8Array): Promise<void> {
    let off = 0;
    while (off < bytes.length) {
      if (this.pos === this.size) await this.flush();
      const n = Math.min(bytes.length - off, this.size - this.pos);
      this.buf.set(bytes.subarray(off, off + n), this.pos);
      this.pos += n;
      off += n;
    }
  }

  text(s: string): Promise<void> {
    return this.bytes(Buffer.from(s, 'utf8'));
  }

  /** Hands the current piece to the stream; waits for 'drain' when the stream is full. */
  async flush(): Promise<void> {
    if (this.pos === 0) return;
    const piece = this.pos === this.size ? this.buf : this.buf.subarray(0, this.pos);
    // The stream keeps the piece until it is written: start a new one rather than reuse it.
    this.buf = Buffer.allocUnsafe(this.size);
    this.written += this.pos;
    this.pos = 0;
    if (!this.out.write(piece)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}
