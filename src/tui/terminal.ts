// The terminal around the TUI: the alternate screen, bracketed paste, and putting everything
// back on every way out (quit, Ctrl+C, a signal, a crash). No Ink here: this module is loaded
// before Ink so that colour settings are in place when chalk reads the environment.
import { safeText } from '../core/text/safe-text.js';

export const CSI = {
  altScreenOn: '\x1b[?1049h',
  altScreenOff: '\x1b[?1049l',
  pasteOn: '\x1b[?2004h',
  pasteOff: '\x1b[?2004l',
  cursorShow: '\x1b[?25h',
  cursorHide: '\x1b[?25l',
  clearHome: '\x1b[2J\x1b[H',
} as const;

/** What leaves any state the TUI may have put the terminal in. */
export const RESTORE_SEQUENCE = CSI.pasteOff + CSI.altScreenOff + CSI.cursorShow;

export const NOT_A_TERMINAL_MESSAGE = 'netpol-dojo: the trainer needs an interactive terminal; see `netpol-dojo --help` for scriptable commands';

/** chalk (inside Ink) ignores NO_COLOR but honours FORCE_COLOR=0; call before Ink is imported. */
export function applyNoColor(env: NodeJS.ProcessEnv): void {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') env.FORCE_COLOR = '0';
}

export function isInteractive(stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }): boolean {
  return Boolean(stdin.isTTY) && Boolean(stdout.isTTY);
}

/** What the UI may ask of the terminal; tests use a no-op one. */
export interface TerminalControl {
  setBracketedPaste(on: boolean): void;
  /** Hands the terminal to another program (e.g. $EDITOR): normal screen, cooked mode. */
  suspend(): void;
  /** Takes the terminal back after suspend(). */
  resume(): void;
}

export const NO_TERMINAL_CONTROL: TerminalControl = {
  setBracketedPaste() {},
  suspend() {},
  resume() {},
};

interface TtyIn {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}
interface TtyOut {
  write(data: string): unknown;
}

export interface TerminalSession extends TerminalControl {
  /** Leaves the alternate screen and removes the exit handlers; safe to call more than once. */
  restore(): void;
}

const SIGNALS = { SIGINT: 2, SIGHUP: 1, SIGTERM: 15 } as const;

export interface TakeOverOptions {
  /**
   * Runs after the terminal is restored when a signal ends the app (a closed terminal sends
   * SIGHUP), before the process exits: pending drafts are written here. Bounded by `flushTimeoutMs`.
   */
  beforeSignalExit?: () => Promise<void>;
  flushTimeoutMs?: number;
  /**
   * Runs first when a signal ends the app, synchronously, before anything else can happen (a
   * second signal, the terminal going away): the pending drafts are written here.
   */
  flushSync?: () => void;
}

/** Long enough for a few small atomic writes; short enough that a killed terminal does not hang. */
export const SIGNAL_FLUSH_TIMEOUT_MS = 1500;

/**
 * Switches to the alternate screen and makes sure that the terminal is restored however the
 * process ends. Ctrl+C inside the TUI is a key (raw mode), so SIGINT only comes from outside.
 */
export function takeOverTerminal(stdin: TtyIn, stdout: TtyOut, proc: NodeJS.Process = process, options: TakeOverOptions = {}): TerminalSession {
  let restored = false;
  let suspended = false;
  let pasteOn = false;

  const leave = () => {
    try {
      if (stdin.isTTY) stdin.setRawMode?.(false);
    } catch {
      // The terminal may already be gone (SIGHUP); nothing left to restore then.
    }
    stdout.write(RESTORE_SEQUENCE);
  };

  const onExit = () => restore();
  const onSignal = (signal: NodeJS.Signals) => {
    // While $EDITOR runs it owns the terminal, and Ctrl+C is meant for it.
    if (signal === 'SIGINT' && suspended) return;
    // Synchronously, while this handler is still installed: a closed terminal must never lose a draft.
    try {
      options.flushSync?.();
    } catch {
      // the async flush below is the second chance
    }
    restore();
    const code = 128 + SIGNALS[signal as keyof typeof SIGNALS];
    if (!options.beforeSignalExit) {
      proc.exit(code);
      return;
    }
    // Node cannot write the store synchronously (it goes through an async lock and an atomic
    // rename), so the exit waits for the pending writes instead, for a bounded time.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.flushTimeoutMs ?? SIGNAL_FLUSH_TIMEOUT_MS);
    });
    void Promise.race([options.beforeSignalExit().catch(() => undefined), timeout]).then(() => {
      clearTimeout(timer);
      proc.exit(code);
    });
  };
  const onCrash = (error: unknown) => {
    restore();
    proc.stderr.write(safeText(`netpol-dojo: internal error: ${error instanceof Error ? error.message : String(error)}`) + '\n');
    if (proc.env.NETPOL_DOJO_DEBUG && error instanceof Error) proc.stderr.write(`${error.stack}\n`);
    proc.exit(70);
  };

  function restore(): void {
    if (restored) return;
    restored = true;
    leave();
    proc.off('exit', onExit);
    for (const s of Object.keys(SIGNALS)) proc.off(s, onSignal);
    proc.off('uncaughtException', onCrash);
    proc.off('unhandledRejection', onCrash);
  }

  proc.on('exit', onExit);
  for (const s of Object.keys(SIGNALS)) proc.on(s, onSignal);
  proc.on('uncaughtException', onCrash);
  proc.on('unhandledRejection', onCrash);
  stdout.write(CSI.altScreenOn + CSI.clearHome);

  return {
    restore,
    setBracketedPaste(on: boolean) {
      if (restored || on === pasteOn) return;
      pasteOn = on;
      if (!suspended) stdout.write(on ? CSI.pasteOn : CSI.pasteOff);
    },
    suspend() {
      if (restored || suspended) return;
      suspended = true;
      leave();
    },
    resume() {
      if (restored || !suspended) return;
      suspended = false;
      if (stdin.isTTY) stdin.setRawMode?.(true);
      stdout.write(CSI.altScreenOn + CSI.clearHome + CSI.cursorHide + (pasteOn ? CSI.pasteOn : ''));
    },
  };
}
