// The one test helper module for the TUI: render at a terminal size, named keys, and "send keys,
// then wait for this frame or state". Nothing here waits on the wall clock:
// - a key is sent once the app has settled from the one before (React's pending work and effects
//   ran: counted in event-loop turns, which a busy machine makes slower but never reorders);
// - a wait resolves on the frame or state it names, with no deadline of its own. The test's
//   timeout is the only limit, and when a test fails the last frame and the awaited text are
//   printed with it.
// Frames are plain text: vitest sets FORCE_COLOR=0.
import { EventEmitter } from 'node:events';
import React from 'react';
import { render, type Instance } from 'ink';
import { onTestFailed } from 'vitest';

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
  ctrlK: '\x0b',
  ctrlL: '\x0c',
  ctrlS: '\x13',
  ctrlY: '\x19',
  ctrlZ: '\x1a',
  f1: '\x1bOP',
  f5: '\x1b[15~',
} as const;

/** Text as a terminal sends it in bracketed-paste mode. */
export function bracketedPaste(text: string): string {
  return `\x1b[200~${text}\x1b[201~`;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  isTTY = false;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    this.emit('frame');
    return true;
  };
  lastFrame = (): string => this.frames[this.frames.length - 1] ?? '';
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  /** Set by renderAt: resolves when the app has done everything a key set going. */
  settle: () => Promise<void> = async () => {
    for (let i = 0; i < 5; i++) await turn();
  };
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

type Expected = string | RegExp | ((frame: string) => boolean);

export interface Rendered {
  stdin: FakeStdin;
  stdout: FakeStdout;
  lastFrame: () => string;
  /** Changes the terminal size and tells Ink, as a SIGWINCH would. */
  resize: (columns: number, rows: number) => void;
  instance: Instance;
  /** Resolves when the app exits (quit, Ctrl+C). */
  exited: () => Promise<void>;
  /** Sends each key as its own read, each once the app has settled from the one before. */
  press: (...keys: string[]) => Promise<void>;
  /** Waits for a frame that contains the text, matches the pattern or satisfies the test. */
  waitFor: (expected: Expected) => Promise<string>;
  /** press, then waitFor: "send keys and wait for this frame". */
  pressUntil: (expected: Expected, ...keys: string[]) => Promise<string>;
}

const mounted: Instance[] = [];

function describeExpected(expected: Expected | (() => unknown)): string {
  if (typeof expected === 'string') return JSON.stringify(expected);
  if (expected instanceof RegExp) return String(expected);
  return expected.toString().replace(/\s+/g, ' ').slice(0, 200);
}

function matcher(expected: Expected): (frame: string) => boolean {
  if (typeof expected === 'string') return (f) => f.includes(expected);
  if (expected instanceof RegExp) return (f) => expected.test(f);
  return expected;
}

/** What a failing test prints: the wait it was in and the screen at that moment. */
const pending = { what: '', frame: () => '' };

function reportOnFailure(lastFrame: () => string): void {
  try {
    onTestFailed(() => {
      const what = pending.what ? `while waiting for ${pending.what}` : 'at the end';
      process.stderr.write(`\nlast frame ${what}:\n${pending.frame?.() ?? lastFrame()}\n`);
    });
  } catch {
    // Outside a running test (a hook): nothing to attach the report to.
  }
}

/** Renders at columns x rows (the default is the 80x24 a course VM terminal has). */
export function renderAt(tree: React.ReactElement, size: { columns?: number; rows?: number } = {}): Rendered {
  const stdout = new FakeStdout(size.columns ?? 80, size.rows ?? 24);
  const stdin = new FakeStdin();
  // Settled: three event-loop turns in a row without a new frame. A frame is a React commit;
  // the effects it schedules (a newly active screen subscribing to keys) run in the turns after.
  stdin.settle = async () => {
    let quiet = 0;
    while (quiet < 3) {
      const before = stdout.frames.length;
      await turn();
      quiet = stdout.frames.length === before ? quiet + 1 : 0;
    }
  };
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(80, 24) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    // Every frame written whole, so lastFrame() is the screen.
    debug: true,
    // As the app runs (start.tsx): Ctrl+C reaches the key layers, which quit on it (use-keys.ts).
    exitOnCtrlC: false,
    patchConsole: false,
  });
  mounted.push(instance);
  reportOnFailure(stdout.lastFrame);
  let done = false;
  const exit = instance.waitUntilExit().then(() => {
    done = true;
  });
  const waitFor = (expected: Expected) => waitForFrame(stdout.lastFrame, expected, stdout);
  const press = (...keys: string[]) => sendKeys(stdin, ...keys);
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
    press,
    waitFor,
    async pressUntil(expected, ...keys) {
      await press(...keys);
      return waitFor(expected);
    },
  };
}

/** Unmounts everything renderAt mounted (call in afterEach). */
export function cleanupRendered(): void {
  for (const i of mounted.splice(0)) i.unmount();
  pending.what = '';
}

/** Sends each key as its own read, each once the app has settled from the one before. */
export async function sendKeys(stdin: { write: (s: string) => void; settle?: () => Promise<void> }, ...keys: string[]): Promise<void> {
  const settle =
    stdin.settle ??
    (async () => {
      for (let i = 0; i < 5; i++) await turn();
    });
  await settle();
  for (const k of keys) {
    stdin.write(k);
    await settle();
  }
}

/**
 * Resolves with the first frame that contains `expected` (or matches or satisfies it). Checked on
 * every frame written and between them (for a test that looks at state outside the frame).
 */
export function waitForFrame(lastFrame: () => string, expected: Expected, stdout?: EventEmitter): Promise<string> {
  const ok = matcher(expected);
  pending.what = describeExpected(expected);
  pending.frame = lastFrame;
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      let frame: string;
      try {
        frame = lastFrame();
        if (!ok(frame)) return false;
      } catch (e) {
        stop();
        reject(e);
        return true;
      }
      stop();
      pending.what = '';
      resolve(frame);
      return true;
    };
    // A poll as well, for predicates over state the frame does not show (a store write).
    const timer = setInterval(check, 10);
    const stop = () => {
      clearInterval(timer);
      stdout?.removeListener('frame', check);
    };
    if (check()) return;
    stdout?.on('frame', check);
  });
}

/** Polls an async condition (a store reloaded from disk) until it holds; no deadline of its own. */
export async function waitUntil(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  pending.what = what;
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
  pending.what = '';
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
