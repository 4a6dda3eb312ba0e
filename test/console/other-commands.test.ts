// kubectl subcommands outside the module's workflow: the few that answer on this cluster, in
// kubectl's words (events.go, top_pod.go, cani.go, rollout_status.go), and the rest said to
// be real but not simulated, never "unknown command".
import { describe, expect, it } from 'vitest';
import { newConsole, run } from './helpers.js';

describe('other kubectl subcommands', () => {
  it('kubectl events has no events, in its own words', async () => {
    const c = newConsole();
    expect(await run(c, 'kubectl events -n kube-system')).toMatchObject({ lines: ['No events found in kube-system namespace.'], code: 0 });
    expect((await run(c, 'kubectl events -A')).lines).toEqual(['No events found.']);
  });

  it('top: kubeadm installs no metrics-server', async () => {
    expect(await run(newConsole(), 'kubectl top pods')).toMatchObject({ lines: ['error: Metrics API not available'], code: 1 });
  });

  it('auth can-i: kubernetes-admin may', async () => {
    expect(await run(newConsole(), 'kubectl auth can-i create networkpolicies -n default')).toMatchObject({ lines: ['yes'], code: 0 });
  });

  it('rollout status: rolled out, or NotFound', async () => {
    const c = newConsole();
    expect((await run(c, 'kubectl rollout status deployment/coredns -n kube-system')).lines).toEqual(['deployment "coredns" successfully rolled out']);
    expect((await run(c, 'kubectl rollout status ds kube-proxy -n kube-system')).lines).toEqual(['daemon set "kube-proxy" successfully rolled out']);
    expect(await run(c, 'kubectl rollout status deploy/nope')).toMatchObject({ lines: ['Error from server (NotFound): deployments.apps "nope" not found'], code: 1 });
  });

  it('a real subcommand the console lacks is not called unknown; a misspelt one is, with a suggestion', async () => {
    const c = newConsole();
    const r = await run(c, 'kubectl replace -f p.yaml');
    expect(r.out).toMatch(/^error: "kubectl replace" is a real kubectl command, but this console does not simulate it/);
    expect(r.code).toBe(1);
    expect((await run(c, 'kubectl annotat')).lines).toEqual(['error: unknown command "annotat" for "kubectl"', '', 'Did you mean this?', '\tannotate']);
  });
});

describe('kubectl create with words that are no generator', () => {
  it('kubectl create netpol NAME: create.go refuses the arguments (there is no NetworkPolicy generator)', async () => {
    const r = await run(newConsole(), 'kubectl create netpol deny-all');
    expect(r.lines).toEqual(['error: Unexpected args: [netpol deny-all]', "See 'kubectl create -h' for help and examples"]);
    expect(r.code).toBe(1);
  });
});
