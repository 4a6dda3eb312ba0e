// nc -zu as busybox runs it (networking/nc_bloaty.c, udptest): it writes a datagram and reports
// open unless an ICMP port-unreachable comes back, which only a pod that gets the datagram and has
// nothing listening sends. So a datagram the policies drop looks open, and only a closed port fails.
import { describe, expect, it } from 'vitest';
import { grade, np, scenario } from './helpers.js';

const s = scenario(
  'udp-nc',
  `kind: write
cluster:
  namespaces: [{name: logs}]
  deployments:
    - {name: syslog, namespace: logs, image: syslog-ng, ports: [514/UDP]}
    - {name: app, namespace: logs, image: busybox}
solutions:
  - answer: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: none, namespace: logs}
      spec: {podSelector: {matchLabels: {app: nobody}}, policyTypes: [Ingress]}
steps:
  - title: s
    expect:
      - requirement: open port
        checks: [{from: logs/app, run: "nc -zuv -w 3 10.244.1.10 514", expect: success}]
      - requirement: closed port
        checks: [{from: logs/app, run: "nc -zuv -w 3 10.244.1.10 515", expect: fail}]
`,
);

describe('nc -zu checks', () => {
  it('an allowed datagram to a listening port succeeds, to a closed port fails (ICMP port-unreachable)', () => {
    const r = grade(s, np('logs', 'none', 'podSelector: {matchLabels: {app: nobody}}\npolicyTypes: [Ingress]'));
    expect(r.checks.map((c) => [c.requirement, c.got])).toEqual([
      ['open port', 'success'],
      ['closed port', 'fail'],
    ]);
  });

  it('a datagram the policies drop looks open, whichever the port', () => {
    const r = grade(s, np('logs', 'deny', 'podSelector: {}\npolicyTypes: [Ingress]'));
    expect(r.checks.map((c) => [c.requirement, c.got])).toEqual([
      ['open port', 'success'],
      ['closed port', 'success'],
    ]);
    const closed = r.checks.find((c) => c.requirement === 'closed port')!;
    expect(closed.reason).toContain('nc -zu reports open: the policies drop the datagram');
  });
});
