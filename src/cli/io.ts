// Output helpers shared by the commands: colour that respects NO_COLOR and
// a stream writer that honours back-pressure (a matrix of 1,000 pods is ~100 MB of JSON).
import type { Writable } from 'node:stream';

export interface Io {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  /**
   * Standard input as bytes, at most `maxBytes` + 1 of them (one more says it was over the cap;
   * reading stops there). In-process callers (tests) may hand over text instead.
   */
  readStdin: (maxBytes: number) => Promise<Uint8Array | string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function useColor(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR === '0') return false;
  if (io.env.FORCE_COLOR) return true;
  return Boolean(io.stdout.isTTY);
}

export type Paint = (code: 'red' | 'green' | 'yellow' | 'dim' | 'bold' | 'cyan', text: string) => string;

const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22] } as const;

export function painter(enabled: boolean): Paint {
  if (!enabled) return (_c, t) => t;
  return (c, t) => `\x1b[${CODES[c][0]}m${t}\x1b[${CODES[c][1]}m`;
}

/** Buffers small writes into large chunks and waits for 'drain' when the stream is full. */
export class ChunkedWriter {
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly out: Writable, private readonly chunk = 1 << 20) {}

  async write(s: string): Promise<void> {
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= this.chunk) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = this.buf.join('');
    this.buf = [];
    this.size = 0;
    if (!this.out.write(data)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}
