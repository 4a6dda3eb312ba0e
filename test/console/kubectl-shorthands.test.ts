// Shorthands whose meaning depends on the subcommand (kubectl run/expose: -l is --labels;
// get: -l is --selector, -L is --label-columns).
import { describe, expect, it } from 'vitest';
import { newConsole, play, run } from './helpers.js';

describe('-l and -L', () => {
  it('kubectl run NAME -l app=backend labels the pod app=backend (no run=NAME)', async () => {
    const c = newConsole();
    expect((await run(c, 'kubectl run backend --image=nginx -l app=backend')).out).toBe('pod/backend created');
    expect((await run(c, 'kubectl get pods --show-labels')).lines[1]).toMatch(/ {3}app=backend$/);
    // get's -l is the selector: the pod is found by its label.
    expect((await run(c, 'kubectl get pods -l app=backend -o name')).out).toBe('pod/backend');
  });

  it('kubectl expose -l labels the Service; its selector still comes from the pod', async () => {
    const c = newConsole();
    await play(c, 'kubectl run backend --image=nginx -l app=backend\n');
    expect((await run(c, 'kubectl expose pod backend --port=80 --name=be -l tier=api')).out).toBe('service/be exposed');
    expect((await run(c, 'kubectl get svc be -o wide --show-labels')).lines[1]).toMatch(/ {3}app=backend {3}tier=api$/);
  });

  it('get -L adds a column per label key (header: its last path segment, upper-cased; empty when missing)', async () => {
    const c = newConsole();
    await play(c, 'kubectl run a --image=nginx -l app=web,app.kubernetes.io/part-of=shop\nkubectl run b --image=nginx\n');
    expect((await run(c, 'kubectl get pods -L app -L app.kubernetes.io/part-of')).lines).toEqual([
      'NAME   READY   STATUS    RESTARTS   AGE   APP   PART-OF',
      'a      1/1     Running   0          0s    web   shop',
      'b      1/1     Running   0          0s          ',
    ]);
  });
});
