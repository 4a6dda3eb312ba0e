// The engine against the NetworkPolicy API reference, rule by rule, on hand-built clusters.
import { describe, expect, it } from 'vitest';
import { Engine, defaultProbes } from '../../src/core/engine/engine.js';
import type { Probe } from '../../src/core/engine/types.js';
import { cluster, pod, policy, port, rule, sel } from './build.js';

const TCP80: Probe = { port: 80, protocol: 'TCP' };

function can(engine: Engine, from: string, to: string, probe: Probe = TCP80): boolean {
  return engine.allowed(engine.indexOf(from), engine.indexOf(to), probe);
}

const pods = [
  pod('prod/frontend', '10.0.1.1', { app: 'frontend' }),
  pod('prod/backend', '10.0.1.2', { app: 'backend' }),
  pod('staging/frontend', '10.0.2.1', { app: 'frontend' }),
  pod('staging/other', '10.0.2.2', { app: 'other' }),
];
const base = cluster(pods, { prod: { env: 'production' }, staging: { env: 'staging' } });

describe('isolation', () => {
  it('allows everything when no policy exists', () => {
    const e = new Engine(base, []);
    expect(can(e, 'staging/other', 'prod/backend')).toBe(true);
  });

  it('a policy with Ingress and no rules isolates its selected pods only', () => {
    const e = new Engine(base, [policy('prod/deny', sel(), { policyTypes: ['Ingress'] })]);
    expect(can(e, 'prod/frontend', 'prod/backend')).toBe(false);
    expect(can(e, 'prod/backend', 'staging/other')).toBe(true); // egress not isolated, staging not selected
  });

  it('policies only select pods in their own namespace', () => {
    const e = new Engine(base, [policy('staging/deny', sel({ app: 'frontend' }), { policyTypes: ['Ingress'] })]);
    expect(can(e, 'prod/backend', 'prod/frontend')).toBe(true);
    expect(can(e, 'prod/backend', 'staging/frontend')).toBe(false);
  });

  it('egress isolation denies outgoing traffic, including to unisolated pods', () => {
    const e = new Engine(base, [policy('prod/deny-egress', sel(), { policyTypes: ['Egress'] })]);
    expect(can(e, 'prod/frontend', 'staging/other')).toBe(false);
    expect(can(e, 'staging/other', 'prod/frontend')).toBe(true);
  });

  it('rules of a type not in policyTypes are ignored', () => {
    const e = new Engine(base, [
      policy('prod/p', sel({ app: 'backend' }), { policyTypes: ['Ingress'], egress: [rule([{ podSelector: sel({ app: 'x' }) }])] }),
    ]);
    expect(can(e, 'prod/backend', 'staging/other')).toBe(true); // egress rule ignored: not egress-isolated
    expect(can(e, 'prod/frontend', 'prod/backend')).toBe(false);
  });

  it('connection needs both egress at source and ingress at destination', () => {
    const e = new Engine(base, [
      policy('prod/allow-in', sel({ app: 'backend' }), { ingress: [rule([{ podSelector: sel({ app: 'frontend' }) }])] }),
      policy('prod/no-out', sel({ app: 'frontend' }), { policyTypes: ['Egress'] }),
    ]);
    expect(can(e, 'prod/frontend', 'prod/backend')).toBe(false);
    const v = e.verdict('prod/frontend', 'prod/backend', TCP80);
    expect(v.ingress.allowed).toBe(true);
    expect(v.egress.allowed).toBe(false);
    expect(v.egress.isolatedBy).toEqual(['prod/no-out']);
  });
});

describe('peers', () => {
  it('podSelector alone means pods of the policy namespace', () => {
    const e = new Engine(base, [policy('prod/p', sel({ app: 'backend' }), { ingress: [rule([{ podSelector: sel({ app: 'frontend' }) }])] })]);
    expect(can(e, 'prod/frontend', 'prod/backend')).toBe(true);
    expect(can(e, 'staging/frontend', 'prod/backend')).toBe(false);
  });

  it('podSelector {} alone means every pod of the same namespace only', () => {
    const e = new Engine(base, [policy('prod/p', sel(), { ingress: [rule([{ podSelector: sel() }])] })]);
    expect(can(e, 'prod/frontend', 'prod/backend')).toBe(true);
    expect(can(e, 'staging/other', 'prod/backend')).toBe(false);
  });

  it('namespaceSelector {} means every pod in every namespace, but not outside hosts', () => {
    const c = cluster(pods, {}, [{ name: '1.2.3.4', ip: '1.2.3.4', ports: [] }]);
    const e = new Engine(c, [policy('prod/p', sel(), { ingress: [rule([{ namespaceSelector: sel() }])] })]);
    expect(can(e, 'staging/other', 'prod/backend')).toBe(true);
    expect(can(e, '1.2.3.4', 'prod/backend')).toBe(false);
  });

  it('both selectors in one entry are ANDed; separate entries are ORed', () => {
    const and = new Engine(base, [
      policy('prod/p', sel({ app: 'backend' }), { ingress: [rule([{ podSelector: sel({ app: 'frontend' }), namespaceSelector: sel({ env: 'production' }) }])] }),
    ]);
    expect(can(and, 'prod/frontend', 'prod/backend')).toBe(true);
    expect(can(and, 'staging/frontend', 'prod/backend')).toBe(false);
    const or = new Engine(base, [
      policy('prod/p', sel({ app: 'backend' }), {
        ingress: [rule([{ podSelector: sel({ app: 'frontend' }) }, { namespaceSelector: sel({ env: 'staging' }) }])],
      }),
    ]);
    expect(can(or, 'prod/frontend', 'prod/backend')).toBe(true);
    expect(can(or, 'staging/other', 'prod/backend')).toBe(true);
    expect(or.verdict('staging/other', 'prod/backend', TCP80).ingress.allowedBy[0].peerIndex).toBe(1);
  });

  it('matchExpressions: In, NotIn (absent key matches), Exists, DoesNotExist', () => {
    const mk = (expr: Parameters<typeof sel>[1]) =>
      new Engine(base, [policy('prod/p', sel({ app: 'backend' }), { ingress: [rule([{ namespaceSelector: sel(), podSelector: sel({}, expr) }])] })]);
    expect(can(mk([{ key: 'app', operator: 'In', values: ['frontend', 'x'] }]), 'staging/frontend', 'prod/backend')).toBe(true);
    expect(can(mk([{ key: 'app', operator: 'In', values: ['x'] }]), 'staging/frontend', 'prod/backend')).toBe(false);
    expect(can(mk([{ key: 'app', operator: 'NotIn', values: ['frontend'] }]), 'staging/other', 'prod/backend')).toBe(true);
    expect(can(mk([{ key: 'tier', operator: 'NotIn', values: ['a'] }]), 'staging/other', 'prod/backend')).toBe(true);
    expect(can(mk([{ key: 'tier', operator: 'Exists', values: [] }]), 'staging/other', 'prod/backend')).toBe(false);
    expect(can(mk([{ key: 'tier', operator: 'DoesNotExist', values: [] }]), 'staging/other', 'prod/backend')).toBe(true);
  });

  it('ipBlock with except matches pod IPs and outside hosts', () => {
    const c = cluster(pods, {}, [
      { name: '192.168.1.5', ip: '192.168.1.5', ports: [] },
      { name: '192.168.1.100', ip: '192.168.1.100', ports: [] },
    ]);
    const e = new Engine(c, [
      policy('prod/p', sel({ app: 'backend' }), {
        ingress: [rule([{ ipBlock: { cidr: '192.168.1.0/24', except: ['192.168.1.100/32'] } }, { ipBlock: { cidr: '10.0.2.0/24', except: ['10.0.2.2/32'] } }])],
      }),
    ]);
    expect(can(e, '192.168.1.5', 'prod/backend')).toBe(true);
    expect(can(e, '192.168.1.100', 'prod/backend')).toBe(false);
    expect(can(e, 'staging/frontend', 'prod/backend')).toBe(true);
    expect(can(e, 'staging/other', 'prod/backend')).toBe(false);
    expect(can(e, 'prod/frontend', 'prod/backend')).toBe(false);
  });

  it('an empty from admits everything, inside and outside the cluster', () => {
    const c = cluster(pods, {}, [{ name: '8.8.8.8', ip: '8.8.8.8', ports: [] }]);
    const e = new Engine(c, [policy('prod/p', sel(), { ingress: [rule()] })]);
    expect(can(e, '8.8.8.8', 'prod/backend')).toBe(true);
    expect(can(e, 'staging/other', 'prod/backend')).toBe(true);
  });

  it('IPv6 ipBlocks never match IPv4 pods and vice versa', () => {
    const c = cluster([pod('a/v6', 'fd00::10', {}), pod('a/v4', '10.0.0.1', {}), pod('a/dst', '10.0.0.2', { app: 'dst' }), pod('a/dst6', 'fd00::20', { app: 'dst' })]);
    const e = new Engine(c, [policy('a/p', sel({ app: 'dst' }), { ingress: [rule([{ ipBlock: { cidr: 'fd00::/64', except: [] } }])] })]);
    expect(can(e, 'a/v6', 'a/dst6')).toBe(true);
    expect(can(e, 'a/v4', 'a/dst6')).toBe(false);
    expect(can(e, 'a/v4', 'a/dst')).toBe(false);
    // A connection to an IPv4 pod is IPv4: the IPv6-only source has no address an IPv6 block could match.
    expect(can(e, 'a/v6', 'a/dst')).toBe(false);
  });
});

describe('IPv4-mapped IPv6 addresses', () => {
  it('a pod IP written as ::ffff:a.b.c.d is that IPv4 address for ipBlock matching', () => {
    // Go's net.ParseIP gives the same 16 bytes for "10.0.0.1" and "::ffff:10.0.0.1", and
    // IPNet.Contains compares IPv4 forms (To4), so upstream matchers treat them as one address;
    // the API server's own warning rewrites "::ffff:10.0.0.0/104" as "10.0.0.0/8".
    const c = cluster([pod('a/mapped', '::ffff:10.0.0.1', {}), pod('a/v6', 'fd00::1', {}), pod('a/dst', '10.0.0.2', { app: 'dst' })]);
    const v4 = new Engine(c, [policy('a/p', sel({ app: 'dst' }), { ingress: [rule([{ ipBlock: { cidr: '10.0.0.0/8', except: [] } }])] })]);
    expect(can(v4, 'a/mapped', 'a/dst')).toBe(true);
    expect(can(v4, 'a/v6', 'a/dst')).toBe(false);
    const excepted = new Engine(c, [
      policy('a/p', sel({ app: 'dst' }), { ingress: [rule([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/24'] } }])] }),
    ]);
    expect(can(excepted, 'a/mapped', 'a/dst')).toBe(false);
    const allV6 = new Engine(c, [policy('a/p', sel({ app: 'dst' }), { ingress: [rule([{ ipBlock: { cidr: '::/0', except: [] } }])] })]);
    expect(can(allV6, 'a/mapped', 'a/dst')).toBe(false);
    // a/dst is IPv4, so the connection is IPv4 and ::/0 cannot match a/v6's IPv6 address.
    expect(can(allV6, 'a/v6', 'a/dst')).toBe(false);
  });
});

describe('ports', () => {
  const web = [
    pod('a/client', '10.1.0.1', { app: 'client' }, []),
    pod('a/web', '10.1.0.2', { app: 'web' }, [
      { port: 8080, protocol: 'TCP', name: 'http' },
      { port: 53, protocol: 'UDP', name: 'dns' },
    ]),
  ];
  const c = cluster(web);
  const only = (ports: ReturnType<typeof port>[]) =>
    new Engine(c, [policy('a/p', sel({ app: 'web' }), { ingress: [rule([{ podSelector: sel({ app: 'client' }) }], ports)] })]);

  it('a numeric port matches only that port and protocol (TCP is the default)', () => {
    const e = only([port(8080)]);
    expect(can(e, 'a/client', 'a/web', { port: 8080, protocol: 'TCP' })).toBe(true);
    expect(can(e, 'a/client', 'a/web', { port: 8080, protocol: 'UDP' })).toBe(false);
    expect(can(e, 'a/client', 'a/web', { port: 8081, protocol: 'TCP' })).toBe(false);
  });

  it('endPort makes an inclusive range', () => {
    const e = only([port(8000, 'TCP', 9000)]);
    expect(can(e, 'a/client', 'a/web', { port: 8000, protocol: 'TCP' })).toBe(true);
    expect(can(e, 'a/client', 'a/web', { port: 9000, protocol: 'TCP' })).toBe(true);
    expect(can(e, 'a/client', 'a/web', { port: 9001, protocol: 'TCP' })).toBe(false);
    expect(can(e, 'a/client', 'a/web', { port: 7999, protocol: 'TCP' })).toBe(false);
  });

  it('a port entry with only a protocol admits every port of that protocol', () => {
    const e = only([port(undefined, 'UDP')]);
    expect(can(e, 'a/client', 'a/web', { port: 53, protocol: 'UDP' })).toBe(true);
    expect(can(e, 'a/client', 'a/web', { port: 5353, protocol: 'UDP' })).toBe(true);
    expect(can(e, 'a/client', 'a/web', { port: 53, protocol: 'TCP' })).toBe(false);
  });

  it('named ports resolve against the destination pod, with their protocol', () => {
    const e = only([port('http')]);
    expect(can(e, 'a/client', 'a/web', { port: 8080, protocol: 'TCP' })).toBe(true);
    expect(can(e, 'a/client', 'a/web', { port: 80, protocol: 'TCP' })).toBe(false);
    const udpName = only([port('dns', 'TCP')]);
    expect(can(udpName, 'a/client', 'a/web', { port: 53, protocol: 'UDP' })).toBe(false);
  });

  it('named ports in egress rules resolve against the destination pod too', () => {
    const e = new Engine(c, [policy('a/p', sel({ app: 'client' }), { policyTypes: ['Egress'], egress: [rule([], [port('http')])] })]);
    expect(can(e, 'a/client', 'a/web', { port: 8080, protocol: 'TCP' })).toBe(true);
    expect(can(e, 'a/client', 'a/web', { port: 9090, protocol: 'TCP' })).toBe(false);
  });

  it('a named port matches every container port of that name, even when one number has two names', () => {
    // CNIs resolve a named port to every (port, protocol) the destination declares under that name
    // (API reference, NetworkPolicyPort.port: "a named port on a pod"); a second name for the same
    // number does not hide the first.
    const twoNames = cluster([
      pod('a/client', '10.1.0.1', { app: 'client' }, []),
      pod('a/web', '10.1.0.2', { app: 'web' }, [
        { port: 8080, protocol: 'TCP', name: 'http' },
        { port: 8080, protocol: 'TCP', name: 'web' },
      ]),
    ]);
    for (const name of ['http', 'web']) {
      const ing = new Engine(twoNames, [policy('a/p', sel({ app: 'web' }), { ingress: [rule([], [port(name)])] })]);
      expect(can(ing, 'a/client', 'a/web', { port: 8080, protocol: 'TCP' })).toBe(true);
      expect(ing.verdict('a/client', 'a/web', { port: 8080, protocol: 'TCP' }).allowed).toBe(true);
      const eg = new Engine(twoNames, [policy('a/p', sel({ app: 'client' }), { policyTypes: ['Egress'], egress: [rule([], [port(name)])] })]);
      expect(can(eg, 'a/client', 'a/web', { port: 8080, protocol: 'TCP' })).toBe(true);
    }
  });

  it('a named port never matches a host outside the cluster (it has no container ports)', () => {
    // Named ports are resolved on pods; an ipBlock destination has no names to resolve against.
    const c2 = cluster([pod('a/client', '10.1.0.1', { app: 'client' }, [])], {}, [
      { name: '203.0.113.9', ip: '203.0.113.9', ports: [{ port: 443, protocol: 'TCP', name: 'https' }] },
    ]);
    const e = new Engine(c2, [
      policy('a/p', sel({ app: 'client' }), { policyTypes: ['Egress'], egress: [rule([{ ipBlock: { cidr: '0.0.0.0/0', except: [] } }], [port('https')])] }),
    ]);
    expect(can(e, 'a/client', '203.0.113.9', { port: 443, protocol: 'TCP' })).toBe(false);
    expect(e.verdict('a/client', '203.0.113.9', { port: 443, protocol: 'TCP' }).allowed).toBe(false);
  });

  it('empty ports admit every port and protocol', () => {
    const e = only([]);
    expect(can(e, 'a/client', 'a/web', { port: 1, protocol: 'SCTP' })).toBe(true);
  });
});

describe('union of policies', () => {
  it('adds what each policy allows, with no order or priority (module 5.1/5.2)', () => {
    const c = cluster([
      pod('app-ns/frontend', '10.2.0.1', { app: 'frontend' }),
      pod('app-ns/monitoring', '10.2.0.2', { app: 'monitoring' }),
      pod('app-ns/backend', '10.2.0.3', { app: 'backend' }),
      pod('app-ns/random', '10.2.0.4', { app: 'random' }),
    ]);
    const e = new Engine(c, [
      policy('app-ns/deny-all-ingress', sel(), { policyTypes: ['Ingress'] }),
      policy('app-ns/allow-frontend', sel({ app: 'backend' }), { policyTypes: ['Ingress'], ingress: [rule([{ podSelector: sel({ app: 'frontend' }) }], [port(8080)])] }),
      policy('app-ns/allow-monitoring', sel({ app: 'backend' }), { policyTypes: ['Ingress'], ingress: [rule([{ podSelector: sel({ app: 'monitoring' }) }], [port(9090)])] }),
    ]);
    const p = (n: number) => ({ port: n, protocol: 'TCP' as const });
    expect(can(e, 'app-ns/frontend', 'app-ns/backend', p(8080))).toBe(true);
    expect(can(e, 'app-ns/monitoring', 'app-ns/backend', p(9090))).toBe(true);
    expect(can(e, 'app-ns/frontend', 'app-ns/backend', p(9090))).toBe(false);
    expect(can(e, 'app-ns/random', 'app-ns/backend', p(8080))).toBe(false);
    const v = e.verdict('app-ns/frontend', 'app-ns/backend', p(8080));
    expect(v.ingress.isolatedBy).toEqual(['app-ns/deny-all-ingress', 'app-ns/allow-frontend', 'app-ns/allow-monitoring']);
    expect(v.ingress.allowedBy).toEqual([{ policy: 'app-ns/allow-frontend', direction: 'ingress', ruleIndex: 0, peerIndex: 0, portIndex: 0 }]);
  });
});

describe('defaultProbes', () => {
  it('lists every declared port/protocol once, sorted', () => {
    const c = cluster([
      pod('a/x', '10.0.0.1', {}, [{ port: 443, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]),
      pod('a/y', '10.0.0.2', {}, [{ port: 53, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }]),
    ]);
    expect(defaultProbes(c)).toEqual([
      { port: 53, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
      { port: 443, protocol: 'TCP' },
    ]);
  });
});
