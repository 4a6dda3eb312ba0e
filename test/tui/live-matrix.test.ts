// The live matrix beside the editor shows what the step is about: a Deployment's replicas
// reaching each other (a real connection when it has two pods, not "self"), and CoreDNS on
// 53/UDP when the step is about egress or name lookups.
import { describe, expect, it } from 'vitest';
import { preparedStep } from '../../src/core/bank/prepare.js';
import { engineOf, gotGrid, matrixLayout, worldOfPolicyAnswer } from '../../src/tui/practice/world.js';
import { bank } from './fixtures.js';

const b = bank();
const np = (ns: string, name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${spec}\n---\n`;

function live(id: string, step: number, text: string) {
  const prep = preparedStep(b.byId.get(id)!, step).prepared!;
  const layout = matrixLayout(prep);
  const world = worldOfPolicyAnswer(prep, text);
  if (!world.ok) throw new Error('does not load');
  const grid = gotGrid(engineOf(world), layout);
  const cell = (row: string, column: string) => {
    const r = layout.rows.findIndex((x) => x.label === row);
    const c = layout.columns.findIndex((x) => x.label === column);
    expect(r, row).toBeGreaterThanOrEqual(0);
    expect(c, `${column} in ${layout.columns.map((x) => x.label).join(', ')}`).toBeGreaterThanOrEqual(0);
    return grid[r][c];
  };
  return { layout, cell };
}

const DENY = np('netpol-test', 'deny-all-ingress', '  podSelector: {}\n  policyTypes: [Ingress]');

describe('the live matrix', () => {
  it("exercise-1: web's two replicas reach each other: a cell, denied by the deny, let in by from: [podSelector: {}]", () => {
    expect(live('exercise-1', 1, DENY).cell('web', 'web:80')).toBe(false);
    const allowAll = np(
      'netpol-test',
      'allow-client-to-web',
      '  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [podSelector: {}]\n    ports: [{port: 80}]',
    );
    expect(live('exercise-1', 2, DENY + allowAll).cell('web', 'web:80')).toBe(true);
    // client has one pod: to itself stays "self".
    const { layout, cell } = live('exercise-1', 2, DENY + allowAll);
    expect(layout.columns.map((c) => c.label)).not.toContain('kube-dns:53/UDP');
    expect(layout.columns.some((c) => c.label.startsWith('client:'))).toBe(false);
    expect(cell('client', 'web:80')).toBe(true);
  });

  it('exercise-2: a kube-dns:53/UDP column says whether DNS works', () => {
    const denyEgress = np('egress-test', 'deny-all-egress', '  podSelector: {}\n  policyTypes: [Egress]');
    expect(live('exercise-2', 1, denyEgress).cell('app', 'kube-dns:53/UDP')).toBe(false);
    const ownNamespace = np(
      'egress-test',
      'allow-dns',
      '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to: [podSelector: {matchLabels: {k8s-app: kube-dns}}]\n    ports: [{port: 53, protocol: UDP}]',
    );
    expect(live('exercise-2', 2, denyEgress + ownNamespace).cell('app', 'kube-dns:53/UDP')).toBe(false);
    const anywhere = np('egress-test', 'allow-dns', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports: [{port: 53, protocol: UDP}]');
    const { cell, layout } = live('exercise-2', 2, denyEgress + anywhere);
    expect(cell('app', 'kube-dns:53/UDP')).toBe(true);
    expect(cell('app', 'example.com:80')).toBe(false);
    expect(layout.columns.map((c) => c.label)).toEqual(['kube-dns:53/UDP', 'example.com:80', 'example.com:443']);
  });
});

describe('the DNS column follows what the step checks', () => {
  it('exercise-1: step 1 checks that nslookup still works, step 2 is about web alone', () => {
    const labels = (step: number) => matrixLayout(preparedStep(b.byId.get('exercise-1')!, step).prepared!).columns.map((c) => c.label);
    expect(labels(1)).toEqual(['web:80', 'kube-dns:53/UDP']);
    expect(labels(2)).toEqual(['web:80']);
  });
});
