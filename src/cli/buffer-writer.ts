// Large outputs (a matrix of 3,000 pods is gigabytes of JSON) written as bytes: pieces are
// encoded once and copied into fixed buffers, and each full buffer goes to the stream with
// back-pressure. Buffers stay under V8's 128 KB limit for regular objects, so that no output
// string or array ever becomes a large object that costs page faults to build and free. On a
// file descriptor that took the piece whole (files, terminals and pipes are written
// synchronously on POSIX), the same buffer is filled again: no garbage per piece.
import type { Writable } from 'node:stream';

export const PIECE_BYTES = 64 * 1024;

export class BufferWriter {
  /** The piece being filled: hot loops may copy into it directly, from `pos`, then set `pos`. */
  buf: Buffer;
  pos = 0;
  readonly size: number;
  /** Bytes handed to the stream so far. */
  written = 0;

  constructor(
    private readonly out: Writable,
    size = PIECE_BYTES,
  ) {
    this.size = size;
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Room for `n` more bytes in the current piece? (Callers flush when not.) */
  fits(n: number): boolean {
    return this.pos + n <= this.size;
  }

  /** Copies pre-encoded bytes; the caller has made room (fits). */
  put(bytes: Uint8Array): void {
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
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
    const whole = this.buf;
    const piece = this.pos === this.size ? whole : whole.subarray(0, this.pos);
    this.written += this.pos;
    this.pos = 0;
    const more = this.out.write(piece);
    // Reuse only when the bytes have left for the descriptor: a stream holding the piece (or
    // any other Writable, which may keep chunks) gets a fresh buffer.
    const fd = (this.out as { fd?: unknown }).fd;
    if (!(typeof fd === 'number' && this.out.writableLength === 0)) this.buf = Buffer.allocUnsafe(this.size);
    if (!more) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}
