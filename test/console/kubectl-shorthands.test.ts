// Shorthands whose meaning depends on the subcommand (kubectl run/expose: -l is --labels;
// get: -l is --selector, -L is --label-columns), and explain's layout from
// pkg/explain/v2/templates/plaintext.tmpl.
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

describe('kubectl explain layout', () => {
  it('FIELD is followed by two line breaks; a field list ends with two blank lines', async () => {
    const lines = (await run(newConsole(), 'kubectl explain networkpolicy.spec')).lines;
    expect(lines.slice(3, 8)).toEqual(['', 'FIELD: spec <NetworkPolicySpec>', '', '', 'DESCRIPTION:']);
    expect(lines.slice(-3)).toEqual([expect.stringMatching(/^ {4}\S/), '', '']);
    // policyTypes' enum is on the array's items: no enum line for the field.
    expect(lines.some((l) => l.includes('enum:'))).toBe(false);
  });

  it('an enum field: "enum:" under the name at its indentation; alone, ENUM: one value a line', async () => {
    const c = newConsole();
    const ports = (await run(c, 'kubectl explain netpol.spec.ingress.ports')).lines;
    const at = ports.findIndex((l) => l.startsWith('  protocol'));
    expect(ports[at + 1]).toBe('  enum: SCTP, TCP, UDP');
    expect((await run(c, 'kubectl explain netpol.spec.ingress.ports.protocol')).lines.slice(4, 10)).toEqual(['FIELD: protocol <string>', 'ENUM:', '    SCTP', '    TCP', '    UDP', '']);
  });

  it('--recursive lists the tree and ends with one blank line', async () => {
    const lines = (await run(newConsole(), 'kubectl explain netpol.spec.podSelector --recursive')).lines;
    expect(lines.slice(-2)).toEqual([expect.stringMatching(/^ {2}matchLabels\s+<map\[string\]string>$/), '']);
  });
});
