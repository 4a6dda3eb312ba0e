import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { RESTORE_SEQUENCE, applyNoColor, isInteractive, takeOverTerminal } from '../../src/tui/terminal.js';

function fakeProcess() {
  const proc = new EventEmitter() as EventEmitter & { exitCode?: number; stderrText: string };
  proc.stderrText = '';
  Object.assign(proc, {
    env: {},
    exit: (code: number) => {
      proc.exitCode = code;
    },
    stderr: { write: (s: string) => (proc.stderrText += s) },
  });
  return proc;
}

function setup() {
  const proc = fakeProcess();
  const written: string[] = [];
  const raw: boolean[] = [];
  const stdin = { isTTY: true, setRawMode: (m: boolean) => raw.push(m) };
  const session = takeOverTerminal(stdin, { write: (s: string) => written.push(s) }, proc as unknown as NodeJS.Process);
  return { proc, written, raw, session };
}

describe('takeOverTerminal', () => {
  it('enters the alternate screen and restores it exactly once', () => {
    const { written, raw, session, proc } = setup();
    expect(written.join('')).toContain('\x1b[?1049h');
    session.restore();
    session.restore();
    proc.emit('exit');
    expect(written.filter((w) => w === RESTORE_SEQUENCE)).toHaveLength(1);
    expect(RESTORE_SEQUENCE).toBe('\x1b[?2004l\x1b[?1049l\x1b[?25h');
    expect(raw).toEqual([false]);
    expect(proc.listenerCount('SIGTERM')).toBe(0);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ])('restores the terminal on %s and exits with %i', (signal, code) => {
    const { written, proc } = setup();
    proc.emit(signal, signal);
    expect(written).toContain(RESTORE_SEQUENCE);
    expect(proc.exitCode).toBe(code);
  });

  it('on SIGHUP the pending writes finish before the process exits', async () => {
    const proc = fakeProcess();
    const written: string[] = [];
    let release!: () => void;
    const flushed = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    takeOverTerminal({ isTTY: true, setRawMode: () => {} }, { write: (s: string) => written.push(s) }, proc as unknown as NodeJS.Process, {
      beforeSignalExit: () => flushed.then(() => void order.push('flushed')),
    });
    proc.emit('SIGHUP', 'SIGHUP');
    expect(written).toContain(RESTORE_SEQUENCE);
    expect(proc.exitCode).toBeUndefined();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['flushed']);
    expect(proc.exitCode).toBe(129);
  });

  it('a flush that hangs does not keep a signalled process alive', async () => {
    const proc = fakeProcess();
    takeOverTerminal({ isTTY: true }, { write: () => {} }, proc as unknown as NodeJS.Process, {
      beforeSignalExit: () => new Promise(() => {}),
      flushTimeoutMs: 5,
    });
    proc.emit('SIGTERM', 'SIGTERM');
    await new Promise((r) => setTimeout(r, 30));
    expect(proc.exitCode).toBe(143);
  });

  it('restores the terminal on a crash and says what happened in one line', () => {
    const { written, proc } = setup();
    proc.emit('uncaughtException', new Error('boom'));
    expect(written).toContain(RESTORE_SEQUENCE);
    expect(proc.stderrText).toBe('netpol-dojo: internal error: boom\n');
    expect(proc.exitCode).toBe(70);
  });

  it('suspend hands the terminal over (and ignores Ctrl+C meant for the editor); resume takes it back', () => {
    const { written, raw, session, proc } = setup();
    session.setBracketedPaste(true);
    session.suspend();
    expect(written.at(-1)).toBe(RESTORE_SEQUENCE);
    proc.emit('SIGINT', 'SIGINT');
    expect(proc.exitCode).toBeUndefined();
    session.resume();
    expect(written.at(-1)).toContain('\x1b[?1049h');
    expect(written.at(-1)).toContain('\x1b[?2004h');
    expect(raw).toEqual([false, true]);
  });
});

describe('environment', () => {
  it('NO_COLOR sets FORCE_COLOR=0 (chalk ignores NO_COLOR); an empty NO_COLOR does not', () => {
    const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
    applyNoColor(env);
    expect(env.FORCE_COLOR).toBe('0');
    const empty: NodeJS.ProcessEnv = { NO_COLOR: '' };
    applyNoColor(empty);
    expect(empty.FORCE_COLOR).toBeUndefined();
  });

  it('needs a terminal on both stdin and stdout', () => {
    expect(isInteractive({ isTTY: true }, { isTTY: true })).toBe(true);
    expect(isInteractive({ isTTY: false }, { isTTY: true })).toBe(false);
    expect(isInteractive({}, { isTTY: true })).toBe(false);
  });
});
