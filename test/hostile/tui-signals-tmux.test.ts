// The TUI in a real terminal (tmux) under the faults a learner meets: the terminal window is
// closed (SIGHUP) or the process is killed (SIGTERM, SIGINT) a moment after typing, before the
// debounced draft write; and two terminals work on the same step of one store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/progress-store.js';
import { repoRoot } from './helpers.js';

const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const socket = `netpol-dojo-hostile-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const screen = (s: string) => tmux('capture-pane', '-p', '-t', s);
const pause = (ms = 50) => new Promise((r) => setTimeout(r, ms));

async function waitFor(session: string, what: string | ((s: string) => boolean)): Promise<string> {
  const ok = typeof what === 'string' ? (s: string) => s.includes(what) : what;
  for (;;) {
    const s = screen(session);
    if (ok(s)) return s;
    await pause();
  }
}

/** Starts the trainer in a new tmux session on `scores`; the shell prints the exit status after. */
function start(session: string, scores: string): void {
  const command = `cd ${JSON.stringify(repoRoot)} && env CI=false NO_COLOR=1 NETPOL_DOJO_SCORES=${JSON.stringify(scores)} node bin/netpol-dojo.js; echo "exit status $?"; exec sleep 600`;
  tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', session, 'sh', '-c', command);
}

/** Home -> Practice -> exercise-1 -> its editor. */
async function openEditor(session: string): Promise<void> {
  await waitFor(session, (s) => /\d+\/\d+ exercises passed/.test(s));
  tmux('send-keys', '-t', session, 'Enter');
  await waitFor(session, '/ to filter');
  tmux('send-keys', '-t', session, '/');
  tmux('send-keys', '-t', session, '-l', 'exercise-1');
  tmux('send-keys', '-t', session, 'Enter');
  await waitFor(session, 'filter "exercise-1"');
  tmux('send-keys', '-t', session, 'Enter');
  await waitFor(session, 'exercise-1 · Step 1/2');
  tmux('send-keys', '-t', session, 'Enter');
  await waitFor(session, 'Live: who can talk to whom');
}

/** The node process running the trainer in the session's pane. */
function trainerPid(session: string): number {
  const shell = tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim();
  // The command line, not comm: Node 24 names its main thread "MainThread", which ps shows as comm.
  const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', shell], { encoding: 'utf8' });
  const line = children.split('\n').find((l) => /netpol-dojo/.test(l));
  if (!line) throw new Error(`no node process under ${shell}: ${children}`);
  return Number(line.trim().split(/\s+/)[0]);
}

describe.skipIf(!hasTmux)('the trainer under signals and a second terminal (tmux)', () => {
  beforeAll(() => {
    // Keeps the tmux server up between tests (it exits with its last session).
    tmux('new-session', '-d', '-s', 'keeper', 'sleep', '600');
  });
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // gone already
    }
  });

  for (const signal of ['SIGHUP', 'SIGTERM', 'SIGINT'] as const) {
    it(`a draft typed just before ${signal} is on disk afterwards`, { timeout: 120_000 }, async () => {
      const scores = mkdtempSync(path.join(tmpdir(), `netpol-signal-${signal}-`));
      const session = `sig-${signal}`;
      start(session, scores);
      await openEditor(session);
      const marker = `# typed before ${signal}`;
      tmux('send-keys', '-t', session, '-l', marker);
      await waitFor(session, marker);
      // At once: well inside the 300 ms before the debounced write.
      process.kill(trainerPid(session), signal);
      const after = await waitFor(session, 'exit status');
      expect(after).toMatch(/exit status (129|130|143)/);
      const store = await openStore({ dir: scores, onNotice: () => {} });
      expect(store.getDraft('exercise-1', 1)?.text).toContain(marker);
      tmux('kill-session', '-t', session);
    });
  }

  it('two terminals on one step: both attempts kept, and the unseen draft kept as the previous one', { timeout: 180_000 }, async () => {
    const scores = mkdtempSync(path.join(tmpdir(), 'netpol-two-tuis-'));
    start('one', scores);
    start('two', scores);
    await openEditor('one');
    await openEditor('two');
    tmux('send-keys', '-t', 'one', '-l', '# from terminal one');
    await waitFor('one', '# from terminal one');
    // Terminal one's draft is written after its pause; then terminal two types over the same step.
    for (;;) {
      const s = await openStore({ dir: scores, onNotice: () => {} });
      if (s.getDraft('exercise-1', 1)?.text.includes('terminal one')) break;
      await pause(100);
    }
    tmux('send-keys', '-t', 'two', '-l', '# from terminal two');
    await waitFor('two', '# from terminal two');
    // Terminal two never saw terminal one's draft: it replaces it, keeping it as the previous one.
    for (;;) {
      const d = (await openStore({ dir: scores, onNotice: () => {} })).getDraft('exercise-1', 1);
      if (d?.text.includes('terminal two')) {
        expect(d.previous?.text).toContain('# from terminal one');
        break;
      }
      await pause(100);
    }
    for (const s of ['one', 'two']) tmux('send-keys', '-t', s, 'C-s');
    await waitFor('one', 'recorded');
    await waitFor('two', 'recorded');
    for (const s of ['one', 'two']) tmux('send-keys', '-t', s, 'q');
    await waitFor('one', 'exit status');
    await waitFor('two', 'exit status');
    const store = await openStore({ dir: scores, onNotice: () => {} });
    expect(store.attempts({ exerciseId: 'exercise-1' })).toHaveLength(2);
    expect(store.attempts().map((a) => a.answer).sort()).toEqual(['# from terminal one', '# from terminal two']);
  });
});
