// Output helpers shared by the commands: colour that respects NO_COLOR, the one door every
// byte for the terminal passes through (`safeIo`: control characters from input are escaped),
// and a stream writer that honours back-pressure (a matrix of 1,000 pods is ~100 MB of JSON).
import type { Writable } from 'node:stream';
import { hasControlCharacters, safeText } from '../core/text/safe-text.js';

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
  // As chalk's supports-color reads it: "0" and "false" turn colour off, any other value forces it.
  const force = io.env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  if (force !== undefined) return true;
  return Boolean(io.stdout.isTTY);
}

export type Paint = (code: 'red' | 'green' | 'yellow' | 'dim' | 'bold' | 'cyan', text: string) => string;

const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22] } as const;

export function painter(enabled: boolean): Paint {
  if (!enabled) return (_c, t) => t;
  return (c, t) => `\x1b[${CODES[c][0]}m${t}\x1b[${CODES[c][1]}m`;
}

/** Exactly the SGR sequences `painter` writes; with colour on, these are the only escapes let through. */
const OUR_STYLES = new RegExp(`(${[...new Set(Object.values(CODES).flat())].map((n) => `\x1b\\[${n}m`).join('|')})`);

/**
 * Text as it may reach a terminal: control characters escaped as \xNN (see safeText). With
 * colour on, painter's own colour codes are kept; any other ESC (from a file, an argument) is not.
 */
export function terminalText(text: string, keepStyles: boolean): string {
  if (!hasControlCharacters(text)) return text;
  if (!keepStyles) return safeText(text);
  const parts = text.split(OUR_STYLES);
  // split() with a capture group puts the separators (our codes) at the odd indexes.
  for (let i = 0; i < parts.length; i += 2) parts[i] = safeText(parts[i]);
  return parts.join('');
}

const SAFE = Symbol('netpol-dojo.safe-stream');

/** The stream with every string written to it passed through terminalText. */
export function safeStream<T extends Writable>(out: T, keepStyles: boolean): T {
  if ((out as unknown as Record<symbol, unknown>)[SAFE]) return out;
  const write = (chunk: unknown, ...rest: unknown[]): boolean =>
    (out.write as (...a: unknown[]) => boolean)(typeof chunk === 'string' ? terminalText(chunk, keepStyles) : chunk, ...rest);
  return new Proxy(out, {
    get(target, prop) {
      if (prop === SAFE) return true;
      if (prop === 'write') return write;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The Io every command gets: stdout and stderr escape control characters from input. */
export function safeIo(io: Io): Io {
  const keepStyles = useColor(io);
  return { ...io, stdout: safeStream(io.stdout, keepStyles), stderr: safeStream(io.stderr, keepStyles) };
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
