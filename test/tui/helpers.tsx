// The one test helper module for the TUI: render at a given terminal size, send real key
// sequences with a pause between them (Ink re-subscribes input handlers after each render),
// and wait for a frame. Frames are plain text: vitest sets FORCE_COLOR=0.
import { EventEmitter } from 'node:events';
import React from 'react';
import { render, type Instance } from 'ink';

/** Byte sequences a real terminal (xterm, tmux) sends. */
export const KEY = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  esc: '\x1b',
  backspace: '\x7f',
  delete: '\x1b[3~',
  tab: '\t',
  home: '\x1b[H',
  end: '\x1b[F',
  pgUp: '\x1b[5~',
  pgDn: '\x1b[6~',
  ctrlHome: '\x1b[1;5H',
  ctrlEnd: '\x1b[1;5F',
  ctrlC: '\x03',
  ctrlE: '\x05',
  ctrlS: '\x13',
  f1: '\x1bOP',
  f5: '\x1b[15~',
} as const;

/** Text as a terminal sends it in bracketed-paste mode. */
export function bracketedPaste(text: string): string {
  return `\x1b[200~${text}\x1b[201~`;
}

class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  isTTY = false;
  constructor(public columns: number, public rows: number) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = (): string => this.frames[this.frames.length - 1] ?? '';
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
  };
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface Rendered {
  stdin: FakeStdin;
  stdout: FakeStdout;
  lastFrame: () => string;
  /** Changes the terminal size and tells Ink, as a SIGWINCH would. */
  resize: (columns: number, rows: number) => void;
  instance: Instance;
  /** Resolves when the app exits (quit, Ctrl+C). */
  exited: () => Promise<void>;
}

const mounted: Instance[] = [];

/** Renders at columns x rows (the default is the 80x24 a course VM terminal has). */
export function renderAt(tree: React.ReactElement, size: { columns?: number; rows?: number } = {}): Rendered {
  const stdout = new FakeStdout(size.columns ?? 80, size.rows ?? 24);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(80, 24) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    // Every frame written whole, so lastFrame() is the screen.
    debug: true,
    exitOnCtrlC: true,
    patchConsole: false,
  });
  mounted.push(instance);
  let done = false;
  const exit = instance.waitUntilExit().then(() => {
    done = true;
  });
  return {
    stdin,
    stdout,
    lastFrame: stdout.lastFrame,
    resize(columns, rows) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
    instance,
    exited: () => (done ? Promise.resolve() : exit),
  };
}

/** Unmounts everything renderAt mounted (call in afterEach). */
export function cleanupRendered(): void {
  for (const i of mounted.splice(0)) i.unmount();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends each key as its own read, ~20 ms apart (and 20 ms before the first, for effects to subscribe). */
export async function sendKeys(stdin: { write: (s: string) => void }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    await sleep(20);
    stdin.write(k);
  }
  await sleep(20);
}

/** Polls until the frame contains `expected` (or satisfies it); fails with the last frame. */
export async function waitForFrame(
  lastFrame: () => string,
  expected: string | ((frame: string) => boolean),
  timeoutMs = 2000,
): Promise<string> {
  const ok = typeof expected === 'string' ? (f: string) => f.includes(expected) : expected;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame();
    if (ok(frame)) return frame;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof expected === 'string' ? JSON.stringify(expected) : 'frame'}; last frame:\n${frame}`);
    }
    await sleep(10);
  }
}

/** The frame's lines with trailing spaces removed (for whole-frame comparisons). */
export function frameLines(frame: string): string[] {
  return frame.split('\n').map((l) => l.trimEnd());
}

/** A clock that stands still until the test moves it; every ticker runs once per advance. */
export class FakeClock {
  private tickers = new Set<() => void>();
  constructor(public time: number = Date.UTC(2026, 10, 20, 9, 0, 0)) {}
  now = (): number => this.time;
  every = (_ms: number, tick: () => void): (() => void) => {
    this.tickers.add(tick);
    return () => {
      this.tickers.delete(tick);
    };
  };
  advance(ms: number): void {
    this.time += ms;
    for (const t of [...this.tickers]) t();
  }
}
