// The real binary in a real (tmux) terminal: start, help, open a task, type, grade, quit,
// and the terminal is given back (the alternate screen is left).
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
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
const pause = () => new Promise((r) => setTimeout(r, 50));

// What the screen showed while the test waited, printed if the test fails (the test's timeout is
// the only limit: no wait here has a deadline of its own).
let waitingFor = '';
let lastScreen = '';

/** Polls the pane until it shows `what`. */
async function waitFor(what: string | ((s: string) => boolean)): Promise<string> {
  const ok = typeof what === 'string' ? (s: string) => s.includes(what) : what;
  waitingFor = typeof what === 'string' ? JSON.stringify(what) : what.toString();
  for (;;) {
    lastScreen = screen();
    if (ok(lastScreen)) return lastScreen;
    await pause();
  }
}

/** Types keys; the caller waits for the screen they lead to before the next screen's keys. */
function keys(...k: string[]): void {
  tmux('send-keys', '-t', 'e2e', ...k);
}

describe.skipIf(!hasTmux)('the TUI in tmux', () => {
  beforeAll(() => {
    scores = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-e2e-'));
    // Keeps the tmux server up between tests: it exits with its last session, and a new session
    // asked for while it is exiting fails ("server exited unexpectedly").
    tmux('new-session', '-d', '-s', 'keeper', 'sleep', '600');
  });

  beforeEach(() => {
    onTestFailed(() => {
      process.stderr.write(`\nscreen while waiting for ${waitingFor}:\n${lastScreen}\n`);
    });
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

    keys('?');
    await waitFor('Keys: Home');
    keys('Escape');
    await waitFor('> 1. Practice');

    keys('Enter');
    await waitFor('/ to filter');
    keys('/');
    keys('-l', 'exercise-1');
    keys('Enter');
    await waitFor('filter "exercise-1"');
    keys('Enter');
    await waitFor('exercise-1 · Step 1/2');
    keys('Enter');
    await waitFor('Live: who can talk to whom');
    keys(
      '-l',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all-ingress, namespace: netpol-test}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]',
    );
    await waitFor('6   policyTypes: [Ingress]');
    keys('C-s');
    const result = await waitFor('recorded');
    expect(result).toContain('✓ PASSED  step 1/2 · score 100%');

    keys('q');
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
    const command = `cd ${JSON.stringify(root)} && env CI=false NO_COLOR=1 NETPOL_DOJO_SCORES=${JSON.stringify(scores)} node bin/netpol-dojo.js exam --tasks 2 --minutes 5 --seed 3; echo "exit status $?"; exec sleep 600`;
    tmux('new-session', '-d', '-x', '80', '-y', '24', '-s', 'e2e', 'sh', '-c', command);
    // A five-minute exam is inside the last ten minutes from the start: the mark says so without
    // colour. (Five, not one: a busy machine must not run the clock out mid-test.)
    // The header's countdown comes with the frame after the list.
    let s = await waitFor((x) => x.includes('Tasks (2)') && x.includes('left'));
    expect(s).toMatch(/Mock exam · ! 0[45]:\d\d left \(under 10 min\)/);
    expect(s).toContain('0 draft · 0 flagged · 2 untouched');

    keys('a');
    await waitFor('Ctrl+S save, to the list');
    expect(screen()).not.toContain('Live: who can talk to whom');
    keys('C-End');
    keys('-l', '# a note');
    await waitFor('# a note');
    keys('C-s');
    await waitFor('1 draft');
    keys('j');
    await waitFor((x) => /^ *> 2 /m.test(x));
    keys('f');
    await waitFor('1 draft · 1 flagged · 0 untouched');
    keys('F');
    await waitFor('Finish now? Tasks are graded as they stand (1 unanswered, 1 flagged)');
    keys('y');
    s = await waitFor('You finished early');
    // The comment-only draft is graded as it stands: it breaks nothing, so it keeps the keep share.
    expect(s).toMatch(/✗ FAIL +[\d.]+% \(pass mark 66%\) · time used (\d+ min )?\d+ s/);
    expect(s).toMatch(/2 +.* +0% +0\.0 +· unanswered/);

    keys('Enter');
    await waitFor('Your answer (- only in your answer, + only in the reference)');
    keys('Escape');
    await waitFor('Enter reviews the selected task');
    keys('q');
    const after = await waitFor('exit status 0');
    expect(after).not.toContain('Mock exam');
    expect(tmux('display-message', '-p', '-t', 'e2e', '#{alternate_on}').trim()).toBe('0');

    const { openStore } = await import('../../src/store/progress-store.js');
    const store = await openStore({ dir: scores, onNotice: () => {} });
    const exam = store.exams().at(-1)!;
    expect(exam.status).toBe('finished');
    // Task 2, flagged and left alone, is in the exam record but is no attempt.
    expect(exam.tasks.map((t) => t.score)).toEqual([expect.any(Number), 0]);
    expect(store.attempts({ examId: exam.id }).map((a) => [a.exerciseId, a.mode])).toEqual([[exam.tasks[0].exerciseId, 'exam']]);
  });
});
