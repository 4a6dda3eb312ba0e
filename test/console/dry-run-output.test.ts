// --dry-run and -o on the commands that change objects: label.go labels a copy, delete.go and
// scale.go leave the object alone, each marking its message "(dry run)" (delete.go's
// PrintObj, PrintFlagsWithDryRunStrategy); -o prints the object instead of the message.
import { describe, expect, it } from 'vitest';
import { newConsole, play, run } from './helpers.js';

describe('kubectl label --dry-run / -o', () => {
  it('--dry-run=client changes nothing and says so; -o yaml shows the labelled copy', async () => {
    const c = newConsole();
    await play(c, 'kubectl create namespace t\n');
    expect((await run(c, 'kubectl label namespace t env=test --dry-run=client')).lines).toEqual(['namespace/t labeled (dry run)']);
    expect((await run(c, 'kubectl get ns t --show-labels --no-headers')).out).toMatch(/ {3}kubernetes\.io\/metadata\.name=t$/);
    const yaml = (await run(c, 'kubectl label namespace t env=test --dry-run=client -o yaml')).lines;
    expect(yaml.slice(0, 7)).toEqual(['apiVersion: v1', 'kind: Namespace', 'metadata:', expect.stringMatching(/^ {2}creationTimestamp: /), '  labels:', '    env: test', '    kubernetes.io/metadata.name: t']);
    expect((await run(c, 'kubectl get ns t -L env --no-headers')).out).toMatch(/Active {3}0s +$/);
  });

  it('-o name prints only the object, and the label is set', async () => {
    const c = newConsole();
    await play(c, 'kubectl create namespace t\n');
    expect((await run(c, 'kubectl label namespace t env=test -o name')).lines).toEqual(['namespace/t']);
    expect((await run(c, 'kubectl get ns t -L env --no-headers')).out).toMatch(/ {3}test$/);
  });
});

describe('kubectl delete and scale --dry-run', () => {
  it('delete --dry-run=client keeps the object: KIND "NAME" deleted [from NS namespace] (dry run); -o name', async () => {
    const c = newConsole();
    await play(c, 'kubectl create namespace t\nkubectl create deployment web --image=nginx -n t\n');
    expect((await run(c, 'kubectl delete deploy web -n t --dry-run=client')).lines).toEqual(['deployment.apps "web" deleted from t namespace (dry run)']);
    expect((await run(c, 'kubectl delete ns t --dry-run=server')).lines).toEqual(['namespace "t" deleted (server dry run)']);
    expect((await run(c, 'kubectl get deploy web -n t -o name')).out).toBe('deployment.apps/web');
    expect((await run(c, 'kubectl delete deploy web -n t -o name')).lines).toEqual(['deployment.apps/web']);
    expect((await run(c, 'kubectl get deploy -n t')).lines).toEqual(['No resources found in t namespace.']);
  });

  it('scale --dry-run=client keeps the replica count', async () => {
    const c = newConsole();
    expect((await run(c, 'kubectl scale deploy coredns --replicas=3 -n kube-system --dry-run=client')).lines).toEqual(['deployment.apps/coredns scaled (dry run)']);
    expect((await run(c, 'kubectl get deploy coredns -n kube-system --no-headers')).out).toMatch(/^coredns {3}2\/2 /);
  });
});
