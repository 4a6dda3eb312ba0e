// `netpol-dojo console` from a shell: a script on standard input or with -f is played
// command by command, each echoed as "$ COMMAND" (its first line), exit status 0 at the end.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../cli/capture-io.js';
import { moduleScript } from './helpers.js';

describe('netpol-dojo console (non-interactive)', () => {
  it('plays a script from stdin, echoing each command before its output', async () => {
    const io = captureIo({ stdin: moduleScript('ex1') });
    const code = await runCli(['console'], io);
    expect(code).toBe(0);
    const out = io.out().split('\n');
    expect(out[0]).toBe('$ kubectl create namespace netpol-test');
    expect(out[1]).toBe('namespace/netpol-test created');
    expect(out).toContain('$ kubectl create deployment client --image=busybox -n netpol-test \\');
    expect(out).toContain('$ cat <<EOF | kubectl apply -f -');
    const i = out.indexOf('networkpolicy.networking.k8s.io/deny-all-ingress created');
    expect(out[i - 1]).toBe('$ cat <<EOF | kubectl apply -f -');
    expect(out.filter((l) => l === 'wget: download timed out')).toHaveLength(1);
    expect(out.filter((l) => l === '<title>Welcome to nginx!</title>')).toHaveLength(2);
    expect(io.err()).toBe('');
  });

  it('reads -f SCRIPT relative to the working directory, and apply -f reads the host files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-console-'));
    fs.writeFileSync(path.join(dir, 'deny.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}}\n');
    fs.writeFileSync(path.join(dir, 'script.sh'), 'kubectl apply -f deny.yaml\nkubectl get netpol\n');
    const io = captureIo({ cwd: dir });
    expect(await runCli(['console', '-f', 'script.sh'], io)).toBe(0);
    expect(io.out().split('\n')).toEqual(['$ kubectl apply -f deny.yaml', 'networkpolicy.networking.k8s.io/deny created', '$ kubectl get netpol', 'NAME   POD-SELECTOR   AGE', 'deny   <none>         0s', '']);
  });

  it('exits 0 even when commands fail, and 2 for a usage mistake', async () => {
    const io = captureIo({ stdin: 'kubectl get pods -n nowhere\nkubectl get pod nope\n' });
    expect(await runCli(['console'], io)).toBe(0);
    expect(io.out()).toBe('$ kubectl get pods -n nowhere\nNo resources found in nowhere namespace.\n$ kubectl get pod nope\nError from server (NotFound): pods "nope" not found\n');
    const bad = captureIo();
    expect(await runCli(['console', '--cni', 'weave'], bad)).toBe(2);
    expect(bad.err()).toBe('netpol-dojo: --cni must be one of calico, flannel, not "weave"\n');
    const missing = captureIo();
    expect(await runCli(['console', 'no-such-exercise'], missing)).toBe(2);
    expect(missing.err()).toMatch(/^netpol-dojo: no exercise "no-such-exercise"/);
  });

  it('starts on an exercise at a step, with its existing policies', async () => {
    const io = captureIo({ stdin: 'kubectl get netpol -n backend\n' });
    expect(await runCli(['console', 'fix-namespace-label', '--step', '1'], io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[1]).toMatch(/^NAME\s+POD-SELECTOR\s+AGE$/);
    expect(lines.slice(2, 4).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['api-from-frontend app=api', 'deny-all-ingress <none>']);
  });
});
