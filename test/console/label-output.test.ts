// kubectl label with --dry-run and -o (label.go): a client dry run labels a copy and marks
// its message "(dry run)" (PrintFlagsWithDryRunStrategy); -o prints the object instead.
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
