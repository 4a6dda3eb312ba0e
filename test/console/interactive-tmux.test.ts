// The console at a real terminal (tmux, 100x30): the prompt, Tab completion, a
// here-document over several lines, a shell inside a pod, history with Up, Ctrl-D to leave.
import { afterAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const socket = `netpol-dojo-console-${process.pid}-${Date.now()}`;

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const screen = () => tmux('capture-pane', '-p', '-t', 'con');
const pause = () => new Promise((r) => setTimeout(r, 50));
let waitingFor = '';
let lastScreen = '';

/** Polls the pane until it shows what is asked (the test's timeout is the only limit). */
async function waitFor(ok: (s: string) => boolean, what: string): Promise<string> {
  waitingFor = what;
  for (;;) {
    lastScreen = screen();
    if (ok(lastScreen)) return lastScreen;
    await pause();
  }
}
const lastLine = (s: string) => s.trimEnd().split('\n').pop() ?? '';
const keys = (...k: string[]) => tmux('send-keys', '-t', 'con', ...k);

describe.skipIf(!hasTmux)('netpol-dojo console at a terminal', () => {
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
  });

  it('completes, runs a here-document, opens a pod shell, recalls history, leaves on Ctrl-D', async () => {
    const command = `cd ${JSON.stringify(root)} && node bin/netpol-dojo.js console; echo "exit status $?"; exec sleep 600`;
    tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', 'con', 'sh', '-c', command);
    await waitFor((s) => lastLine(s) === 'controlplane:~$', 'the prompt');

    keys('kubectl desc', 'Tab');
    await waitFor((s) => lastLine(s) === 'controlplane:~$ kubectl describe', 'describe completed');
    keys(' ns kube-sy', 'Tab');
    await waitFor((s) => lastLine(s) === 'controlplane:~$ kubectl describe ns kube-system', 'kube-system completed');
    keys('Enter');
    await waitFor((s) => s.includes('Labels:       kubernetes.io/metadata.name=kube-system') && lastLine(s) === 'controlplane:~$', 'the description');

    keys('clear', 'Enter');
    await waitFor((s) => s.trim() === 'controlplane:~$', 'a clear screen');

    keys('cat <<EOF | kubectl apply -f -', 'Enter');
    await waitFor((s) => lastLine(s) === '>', 'the continuation prompt');
    for (const line of ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: deny}', 'spec: {podSelector: {}}']) {
      keys(line, 'Enter');
      await waitFor((s) => lastLine(s) === '>', `continuation after ${line}`);
    }
    keys('EOF', 'Enter');
    await waitFor((s) => s.includes('networkpolicy.networking.k8s.io/deny created') && lastLine(s) === 'controlplane:~$', 'the policy created');

    keys('kubectl run t --image=busybox -it --rm --restart=Never -- sh', 'Enter');
    await waitFor((s) => lastLine(s) === '/ #', 'the pod shell');
    keys('hostname', 'Enter');
    await waitFor((s) => s.trimEnd().split('\n').slice(-2).join('|') === 't|/ #', 'hostname in the pod');
    keys('exit', 'Enter');
    await waitFor((s) => s.includes('pod "t" deleted from default namespace') && lastLine(s) === 'controlplane:~$', 'back at the cluster prompt');

    keys('Up', 'Up', 'Up');
    await waitFor((s) => lastLine(s) === 'controlplane:~$ kubectl run t --image=busybox -it --rm --restart=Never -- sh', 'history');
    keys('Up');
    await waitFor((s) => lastLine(s) === 'controlplane:~$ cat <<EOF | kubectl apply -f -', 'the here-document as one entry');

    keys('C-u', 'C-d');
    const end = await waitFor((s) => s.includes('exit status 0'), 'the exit status');
    expect(end).toContain('exit status 0');
  });
});
