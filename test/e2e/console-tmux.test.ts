// The console pane in the real binary, in a real (tmux) terminal at 100x30 and 80x24: the
// module's Exercise 1 typed at the pane's prompt and graded, a fix scenario solved with
// `kubectl label ns`, Esc back to the task with the console kept.
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const socket = `netpol-dojo-console-e2e-${process.pid}-${Date.now()}`;
let scores = '';

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const screen = (s: string) => tmux('capture-pane', '-p', '-t', s);
const pause = () => new Promise((r) => setTimeout(r, 50));

let waitingFor = '';
let lastScreen = '';

/** Polls the pane until it shows `what` (no deadline of its own: the test's timeout is the limit). */
async function waitFor(session: string, what: string | ((s: string) => boolean)): Promise<string> {
  const ok = typeof what === 'string' ? (s: string) => s.includes(what) : what;
  waitingFor = typeof what === 'string' ? JSON.stringify(what) : what.toString();
  for (;;) {
    lastScreen = screen(session);
    if (ok(lastScreen)) return lastScreen;
    await pause();
  }
}

const keys = (session: string, ...k: string[]) => tmux('send-keys', '-t', session, ...k);
/** Types a line literally, then Enter. */
const line = (session: string, text: string) => {
  keys(session, '-l', text);
  keys(session, 'Enter');
};

function start(session: string, columns: number, rows: number): void {
  const command = `cd ${JSON.stringify(root)} && env CI=false NO_COLOR= NETPOL_DOJO_SCORES=${JSON.stringify(scores)} node bin/netpol-dojo.js; echo "exit status $?"; exec sleep 600`;
  tmux('new-session', '-d', '-x', String(columns), '-y', String(rows), '-s', session, 'sh', '-c', command);
}

async function openExercise(session: string, id: string): Promise<void> {
  await waitFor(session, (s) => /\d+\/\d+ exercises passed/.test(s));
  keys(session, 'Enter');
  await waitFor(session, '/ to filter');
  keys(session, '/');
  keys(session, '-l', id);
  keys(session, 'Enter');
  await waitFor(session, `filter "${id}"`);
  keys(session, 'Enter');
  await waitFor(session, `${id} · Step 1/`);
}

/** Every row of the screen fits the terminal's width (nothing wrapped onto the next row). */
function rowsFit(s: string, columns: number): boolean {
  return s.split('\n').every((r) => r.length <= columns);
}

const WGET = 'kubectl exec -n netpol-test deploy/client -- wget -qO- --timeout=3 http://web';

describe.skipIf(!hasTmux)('the console pane in tmux', () => {
  beforeAll(() => {
    scores = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-console-e2e-'));
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

  it('100x30: Exercise 1 step 1 typed at the prompt, the stated outcomes, graded as passed', async () => {
    const s = 'wide';
    start(s, 100, 30);
    await openExercise(s, 'exercise-1');
    keys(s, 'c');
    await waitFor(s, 'console · exercise-1 step 1');
    line(s, WGET);
    await waitFor(s, 'Welcome to nginx!');
    // The here-document, line by line, continued at "> ".
    line(s, 'cat <<EOF | kubectl apply -f -');
    await waitFor(s, (x) => /^>\s*$/m.test(x));
    for (const l of [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: deny-all-ingress',
      '  namespace: netpol-test',
      'spec:',
      '  podSelector: {}',
      '  policyTypes:',
      '  - Ingress',
      'EOF',
    ])
      line(s, l);
    await waitFor(s, 'networkpolicy.networking.k8s.io/deny-all-ingress created');
    line(s, WGET);
    const denied = await waitFor(s, 'command terminated with exit code 1');
    expect(denied).toContain('wget: download timed out');
    expect(rowsFit(denied, 100)).toBe(true);
    // Up brings the command back; Esc leaves, c comes back to the same transcript.
    keys(s, 'Up');
    await waitFor(
      s,
      (x) =>
        x
          .split('\n')
          .filter((r) => r.startsWith('controlplane:~$'))
          .pop()
          ?.trimEnd() === `controlplane:~$ ${WGET}`,
    );
    keys(s, 'C-u');
    keys(s, 'Escape');
    await waitFor(s, 'c console');
    keys(s, 'c');
    await waitFor(s, 'wget: download timed out');
    keys(s, 'C-s');
    await waitFor(s, 'PASSED');
    keys(s, 'q');
    await waitFor(s, 'exit status 0');
  });

  it('80x24: a fix scenario solved with kubectl label ns; the pane fits the terminal', async () => {
    const s = 'narrow';
    start(s, 80, 24);
    await openExercise(s, 'fix-namespace-label');
    keys(s, 'c');
    // The footer follows the pane's key table.
    await waitFor(s, (x) => x.includes('controlplane:~$') && x.includes('Ctrl+S grade'));
    line(s, 'kubectl get ns --show-labels');
    await waitFor(s, 'kubernetes.io/metadata.name=frontend');
    keys(s, '-l', 'kubectl label ns fron');
    keys(s, 'Tab');
    await waitFor(s, 'kubectl label ns frontend');
    keys(s, '-l', 'tier=frontend');
    keys(s, 'Enter');
    const labelled = await waitFor(s, 'namespace/frontend labeled');
    expect(rowsFit(labelled, 80)).toBe(true);
    keys(s, 'F5');
    await waitFor(s, 'PASSED');
    keys(s, 'q');
    await waitFor(s, 'exit status 0');
  });
});
