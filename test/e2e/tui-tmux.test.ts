// The real binary in a real (tmux) terminal: start, help, open a task, type, grade, quit,
// and the terminal is given back (the alternate screen is left).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const socket = `netpol-dojo-e2e-${process.pid}-${Date.now()}`;
let scores = '';

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const screen = () => tmux('capture-pane', '-p', '-t', 'e2e');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string | ((s: string) => boolean), timeoutMs = 8000): Promise<string> {
  const ok = typeof what === 'string' ? (s: string) => s.includes(what) : what;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (ok(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? JSON.stringify(what) : 'screen'}; screen:\n${s}`);
    await sleep(50);
  }
}

async function keys(...k: string[]): Promise<void> {
  tmux('send-keys', '-t', 'e2e', ...k);
  await sleep(150);
}

describe.skipIf(!hasTmux)('the TUI in tmux', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
    scores = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-e2e-'));
  });

  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // Already gone.
    }
    if (scores) rmSync(scores, { recursive: true, force: true });
  });

  it('start, help, open a task, type, grade, quit: the terminal comes back', async () => {
    // A shell that runs the app, then prints a marker and stays, so the pane can be read after exit.
    const command = `cd ${JSON.stringify(root)} && env CI=false NO_COLOR= NETPOL_DOJO_SCORES=${JSON.stringify(scores)} node bin/netpol-dojo.js; echo "exit status $?"; exec sleep 600`;
    tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', 'e2e', 'sh', '-c', command);
    await waitFor((s) => /\d+\/\d+ exercises passed/.test(s));
    expect(tmux('display-message', '-p', '-t', 'e2e', '#{alternate_on}').trim()).toBe('1');

    await keys('?');
    await waitFor('Keys: Home');
    await keys('Escape');
    await waitFor('> 1. Practice');

    await keys('Enter');
    await waitFor('/ to filter');
    await keys('/');
    await keys('-l', 'exercise-1');
    await keys('Enter');
    await keys('Enter');
    await waitFor('exercise-1 · Step 1/2');
    await keys('Enter');
    await waitFor('Live: who can talk to whom');
    await keys('-l', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: netpol-test}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]');
    await waitFor('6   policyTypes: [Ingress]');
    await keys('C-s');
    const result = await waitFor('recorded');
    expect(result).toContain('✓ PASSED  step 1/2 · score 100%');

    await keys('q');
    const after = await waitFor('exit status 0');
    expect(after).not.toContain('netpol-dojo');
    expect(tmux('display-message', '-p', '-t', 'e2e', '#{alternate_on}').trim()).toBe('0');

    // The attempt is in the store the CLI reads.
    const { openStore } = await import('../../src/store/progress-store.js');
    const store = await openStore({ dir: scores, onNotice: () => {} });
    expect(store.attempts({ exerciseId: 'exercise-1' }).map((a) => [a.step, a.mode, a.passed])).toEqual([[1, 'practice', true]]);
  });

  it('a short exam: answer one task, flag the other, finish with F, see the result, quit', async () => {
    tmux('kill-session', '-t', 'e2e');
    const command = `cd ${JSON.stringify(root)} && env CI=false NO_COLOR=1 NETPOL_DOJO_SCORES=${JSON.stringify(scores)} node bin/netpol-dojo.js exam --tasks 2 --minutes 1 --seed 3; echo "exit status $?"; exec sleep 600`;
    tmux('new-session', '-d', '-x', '80', '-y', '24', '-s', 'e2e', 'sh', '-c', command);
    // A one-minute exam is inside the last two minutes from the start: the mark says so without colour.
    let s = await waitFor('Tasks (2)');
    expect(s).toMatch(/Mock exam · !! 0[01]:\d\d LEFT \(under 2 min\)/);
    expect(s).toContain('0 draft · 0 flagged · 2 untouched');

    await keys('a');
    await waitFor('Ctrl+S save, to the list');
    expect(screen()).not.toContain('Live: who can talk to whom');
    await keys('C-End');
    await keys('-l', '# a note');
    await keys('C-s');
    await waitFor('1 draft');
    await keys('j');
    await keys('f');
    await waitFor('1 draft · 1 flagged · 0 untouched');
    await keys('F');
    await waitFor('Finish now? Tasks are graded as they stand (1 unanswered, 1 flagged)');
    await keys('y');
    s = await waitFor('You finished early');
    expect(s).toMatch(/✗ FAIL +0% \(pass mark 66%\) · time used \d+ s/);
    expect(s).toMatch(/2 +.* +0% +0\.0 +· unanswered/);

    await keys('Enter');
    await waitFor('Your answer (- only in your answer, + only in the reference)');
    await keys('Escape');
    await waitFor('Enter reviews the selected task');
    await keys('q');
    const after = await waitFor('exit status 0');
    expect(after).not.toContain('Mock exam');
    expect(tmux('display-message', '-p', '-t', 'e2e', '#{alternate_on}').trim()).toBe('0');

    const { openStore } = await import('../../src/store/progress-store.js');
    const store = await openStore({ dir: scores, onNotice: () => {} });
    const exam = store.exams().at(-1)!;
    expect(exam.status).toBe('finished');
    expect(store.attempts({ examId: exam.id }).map((a) => a.mode)).toEqual(['exam', 'exam']);
  });
});
