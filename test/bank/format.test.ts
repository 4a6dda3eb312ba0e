// Scenario format validation: every mistake is a FILE:LINE:COL finding naming the scenario;
// the compact cluster expands to what the module's kubectl commands create.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/bank/parse-scenario.js';
import { validateScenario } from '../../src/core/bank/bank.js';
import { DENIED, gradingSpace, listeningCells } from '../../src/core/grader/expected.js';
import { preparedStep } from '../../src/core/bank/prepare.js';
import { closeIds } from '../../src/core/bank/bank.js';
import { formatFinding } from '../../src/core/findings.js';

const F = 'exercises/drill-x.yaml';

export const MINIMAL = `id: drill-x
title: Minimal
kind: write
topics: ["4.1"]
difficulty: 1
minutes: 3
task: Lock web.
cluster:
  namespaces: [{name: shop}]
  deployments:
    - {name: web, namespace: shop, image: nginx, expose: 80}
    - {name: client, namespace: shop, image: busybox}
steps:
  - title: Lock
    expect:
      - requirement: other traffic is untouched
        cells: [{from: "*", to: "*", expect: allowed}]
      - requirement: nobody reaches web
        cells: [{from: "*", to: shop/web, expect: denied}]
hints: [Deny.]
solutions:
  - answer: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: d, namespace: shop}
      spec:
        podSelector: {matchLabels: {app: web}}
explanation: Done.
`;

function errors(text: string): string[] {
  const r = parseScenario(F, text, 'drill-x');
  if (r.findings.length) return r.findings.map(formatFinding);
  return validateScenario(r.scenario!).map(formatFinding);
}

describe('scenario validation', () => {
  it('accepts the minimal scenario', () => {
    expect(errors(MINIMAL)).toEqual([]);
  });

  it('reports an unknown field at its key, naming the scenario', () => {
    expect(errors(MINIMAL.replace('minutes: 3', 'minutes: 3\nminuets: 3'))).toEqual([
      'exercises/drill-x.yaml:7:1: minuets: scenario drill-x: unknown field "minuets"',
    ]);
  });

  it('reports a kind that does not exist', () => {
    expect(errors(MINIMAL.replace('kind: write', 'kind: guess'))).toEqual([
      'exercises/drill-x.yaml:3:7: kind: scenario drill-x: Unsupported value: "guess": supported values: "write", "predict", "fix", "pick"',
    ]);
  });

  it('reports an id that differs from the file name', () => {
    expect(errors(MINIMAL.replace('id: drill-x', 'id: drill-y'))[0]).toMatch(/^exercises\/drill-x\.yaml:1:5: id: scenario drill-y: .*must equal the file name \(drill-x\)/);
  });

  it('reports a YAML syntax error with its position', () => {
    expect(errors(MINIMAL.replace('title: Minimal', 'title: [Minimal'))[0]).toMatch(/^exercises\/drill-x\.yaml:\d+:\d+: scenario drill-x: YAML syntax error/);
  });

  it('reports a deployment in an undeclared namespace', () => {
    expect(errors(MINIMAL.replace('{name: client, namespace: shop', '{name: client, namespace: shpo'))).toEqual([
      'exercises/drill-x.yaml:12:33: cluster.deployments[1].namespace: scenario drill-x: Invalid value: "shpo": namespace not declared under cluster.namespaces (only default and kube-system exist already)',
    ]);
  });

  it('reports an image it does not know without ports', () => {
    expect(errors(MINIMAL.replace('image: busybox', 'image: myapp'))[0]).toContain('cluster.deployments[1].ports: scenario drill-x: Required value: image "myapp" is not in the image table');
  });

  it('reports a label value that YAML read as a boolean', () => {
    expect(errors(MINIMAL.replace('namespaces: [{name: shop}]', 'namespaces: [{name: shop, labels: {prod: yes}}]'))[0]).toContain(
      'cluster.namespaces[0].labels.prod: scenario drill-x: Invalid value: true: label values are strings',
    );
  });

  it('reports a pattern that names nothing, at the cell', () => {
    expect(errors(MINIMAL.replace('to: shop/web, expect: denied', 'to: shop/wbe, expect: denied'))).toEqual([
      'exercises/drill-x.yaml:19:17: steps[0].expect[1].cells[0].to: scenario drill-x: pattern "shop/wbe" names no pod or host',
    ]);
  });

  it('reports a check command it cannot read', () => {
    const text = MINIMAL.replace('cells: [{from: "*", to: shop/web, expect: denied}]', 'cells: [{from: "*", to: shop/web, expect: denied}]\n        checks: [{from: shop/client, run: "ping web", expect: fail}]');
    expect(errors(text)[0]).toContain('steps[0].expect[1].checks[0].run: scenario drill-x: Invalid value: "ping web": unknown command "ping"');
  });

  it('reports a check that can never succeed', () => {
    const text = MINIMAL.replace('cells: [{from: "*", to: shop/web, expect: denied}]', 'cells: [{from: "*", to: shop/web, expect: denied}]\n        checks: [{from: shop/client, run: "wget http://web:8080", expect: success}]');
    expect(errors(text)[0]).toContain('check can never succeed: Service shop/web has no port 8080/TCP');
  });

  it('locates an error inside an embedded policy block in the scenario file', () => {
    const text = MINIMAL.replace('hints: [Deny.]', `existing: |
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: e, namespace: shop}
  spec:
    podSelector: {}
    policyTypes: [Ingres]
hints: [Deny.]`);
    const errs = errors(text);
    expect(errs).toHaveLength(1);
    // The block's text starts on line 21; policyTypes is its 6th line, indented by 2 more.
    expect(errs[0]).toMatch(/^exercises\/drill-x\.yaml:26:19: spec\.policyTypes\[0\]: scenario drill-x: Unsupported value: "Ingres"/);
  });

  it('requires solutions, hints and steps', () => {
    const text = MINIMAL.split('\nsolutions:')[0].replace('hints: [Deny.]', 'hints: []') + '\nexplanation: x\n';
    const errs = errors(text);
    expect(errs.some((e) => e.includes(': hints: scenario drill-x: Required value: at least 1 entry'))).toBe(true);
    expect(errs.some((e) => e.includes(': solutions: scenario drill-x: Required value'))).toBe(true);
  });
});

describe('the compact cluster', () => {
  const s = parseScenario(F, MINIMAL, 'drill-x').scenario!;
  const prep = preparedStep(s, 1).prepared!;
  const pods = prep.cluster.pods;

  it('creates deployment pods labelled app=NAME, serving what the image serves', () => {
    const web = pods.find((p) => p.namespace === 'shop' && p.name.startsWith('web-'))!;
    const client = pods.find((p) => p.namespace === 'shop' && p.name.startsWith('client-'))!;
    expect(web.labels.app).toBe('web');
    expect(web.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(client.labels.app).toBe('client');
    expect(client.ports).toEqual([]);
    expect(web.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(web.ips[0]).toBe('10.244.1.10');
  });

  it('exposes a deployment as a Service on port 80 to targetPort 80', () => {
    const svc = prep.cluster.services.find((x) => x.namespace === 'shop' && x.name === 'web')!;
    expect(svc.selector).toEqual({ app: 'web' });
    expect(svc.ports).toEqual([{ port: 80, targetPort: 80, protocol: 'TCP' }]);
  });

  it('adds kube-system with two CoreDNS pods behind kube-dns, and an outside host', () => {
    const dns = pods.filter((p) => p.namespace === 'kube-system');
    expect(dns).toHaveLength(2);
    for (const p of dns) {
      expect(p.labels['k8s-app']).toBe('kube-dns');
      expect(p.ports).toEqual([
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, protocol: 'TCP' },
      ]);
    }
    const kubeDns = prep.cluster.services.find((x) => x.name === 'kube-dns')!;
    expect(kubeDns.namespace).toBe('kube-system');
    expect(kubeDns.ports.filter((p) => p.port === 53).map((p) => p.protocol).sort()).toEqual(['TCP', 'UDP']);
    expect(prep.cluster.externals).toEqual([{ name: 'example.com', ip: '93.184.216.34', ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] }]);
    expect(prep.cluster.namespaces.find((n) => n.name === 'shop')!.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
  });

  it('expands patterns with the last match winning, and never grades a pod to itself', () => {
    const at = gradingSpace(prep);
    if (!('space' in at)) throw new Error('no grading space');
    const { grid, expected, requirementOf } = at.space;
    const web = prep.endpoints.findIndex((e) => e.name.startsWith('web-'));
    const cellAt = (pi: number, protocol: 'TCP' | 'UDP', port: number) => pi * grid.width + grid.offset[protocol] + grid.atomOf(protocol, port);
    const toWeb = grid.pairs.map((p, pi) => ({ ...p, pi })).filter((p) => p.to === web);
    // client, two CoreDNS pods and example.com -> web, on its port and on any other, all "nobody reaches web".
    expect(toWeb).toHaveLength(4);
    for (const { pi } of toWeb) {
      for (const [protocol, port] of [['TCP', 80], ['TCP', 22], ['UDP', 53]] as const) {
        expect(expected[cellAt(pi, protocol, port)]).toBe(DENIED);
        expect(requirementOf[cellAt(pi, protocol, port)]).toBe(1);
      }
    }
    // The probe script's connections: only where something listens (web on 80/TCP here).
    expect(listeningCells(at.space).filter((c) => c.to === web).map((c) => [c.probe.port, c.allowed])).toEqual(toWeb.map(() => [80, false]));
    expect(grid.pairs.some((p) => p.from === p.to)).toBe(false);
    const ext = prep.endpoints.findIndex((e) => e.kind === 'external');
    expect(grid.pairs.some((p) => p.from === ext && prep.endpoints[p.to].kind === 'external')).toBe(false);
  });

});

describe('closeIds', () => {
  it('suggests the ids closest to a typo', () => {
    expect(closeIds('exercise1', ['exercise-1', 'exercise-2', 'deny-all-ingress'])[0]).toBe('exercise-1');
    expect(closeIds('zzzzzzzz', ['exercise-1'])).toEqual([]);
  });
});
