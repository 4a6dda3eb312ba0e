// Exact connection sets against an independent evaluator that works in interval algebra
// (each side's allowed set = union of its admitting rules' port sets; the pair's set = egress
// AND ingress), written from the API reference. Random clusters with wide port ranges, named
// ports and protocol-only entries; then every port of a few pairs against the probe engine.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine/engine.js';
import { ConnectionEvaluator, connectionSegments, portAtoms } from '../../src/core/reach/connections.js';
import {
  allConnections,
  connectionText,
  emptyConnections,
  normalizeRanges,
  rangesContain,
  subtractConnections,
  type ConnectionSet,
  type PortRanges,
} from '../../src/core/reach/ports.js';
import type { Cluster, Labels, Pod, Protocol } from '../../src/core/model.js';
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../../src/core/policy.js';
import { cidrContains, parseCidr, parseIp } from '../../src/core/ip.js';

const PROTOS: Protocol[] = ['TCP', 'UDP', 'SCTP'];

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let t = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
    return ((t ^ (t >>> 16)) >>> 0) / 4294967296;
  };
}

function labelsMatch(sel: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

interface Node {
  id: string;
  pod?: Pod;
  ip: string;
}

/** The port set one `ports` list admits towards `to`, in interval form. */
function portListSet(ports: PolicyPort[], to: Node): ConnectionSet {
  if (ports.length === 0) return allConnections();
  const acc: Record<Protocol, [number, number][]> = { TCP: [], UDP: [], SCTP: [] };
  for (const p of ports) {
    if (p.port === undefined) acc[p.protocol].push([1, 65535]);
    else if (typeof p.port === 'number') acc[p.protocol].push([p.port, p.endPort ?? p.port]);
    else for (const c of to.pod?.ports ?? []) if (c.name === p.port && c.protocol === p.protocol) acc[p.protocol].push([c.port, c.port]);
  }
  return { TCP: normalizeRanges(acc.TCP), UDP: normalizeRanges(acc.UDP), SCTP: normalizeRanges(acc.SCTP) };
}

function union(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  return { TCP: normalizeRanges([...a.TCP, ...b.TCP]), UDP: normalizeRanges([...a.UDP, ...b.UDP]), SCTP: normalizeRanges([...a.SCTP, ...b.SCTP]) };
}

function intersect(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  return subtractConnections(a, subtractConnections(a, b));
}

function referenceSet(c: Cluster, policies: NetworkPolicy[], from: Node, to: Node): ConnectionSet {
  if (from === to) return allConnections();
  const nsLabels = (n: string) => c.namespaces.find((x) => x.name === n)!.labels;
  const peerMatches = (peer: PolicyPeer, ns: string, other: Node) => {
    if (peer.ipBlock) {
      const ip = parseIp(other.ip)!;
      return cidrContains(parseCidr(peer.ipBlock.cidr)!, ip) && !peer.ipBlock.except.some((e) => cidrContains(parseCidr(e)!, ip));
    }
    if (!other.pod) return false;
    if (peer.namespaceSelector ? !labelsMatch(peer.namespaceSelector, nsLabels(other.pod.namespace)) : other.pod.namespace !== ns) return false;
    return !peer.podSelector || labelsMatch(peer.podSelector, other.pod.labels);
  };
  const side = (pod: Pod | undefined, type: 'Ingress' | 'Egress', other: Node): ConnectionSet => {
    if (!pod) return allConnections();
    const selecting = policies.filter((p) => p.namespace === pod.namespace && p.policyTypes.includes(type) && labelsMatch(p.podSelector, pod.labels));
    if (selecting.length === 0) return allConnections();
    let set = emptyConnections();
    for (const p of selecting) {
      for (const r of type === 'Ingress' ? p.ingress : p.egress) {
        if (r.peers.length === 0 || r.peers.some((peer) => peerMatches(peer, p.namespace, other))) set = union(set, portListSet(r.ports, to));
      }
    }
    return set;
  };
  return intersect(side(from.pod, 'Egress', to), side(to.pod, 'Ingress', from));
}

function randomCase(seed: number): { cluster: Cluster; policies: NetworkPolicy[] } {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const vals = ['a', 'b'];
  const labels = () => ({ ...(r() < 0.6 ? { app: pick(vals) } : {}), ...(r() < 0.5 ? { tier: pick(vals) } : {}) });
  const nsNames = ['x', 'y'];
  const namespaces = nsNames.map((n) => ({ name: n, labels: { 'kubernetes.io/metadata.name': n, ...labels() } }));
  const names = ['http', 'dns', 'metrics'];
  const pods: Pod[] = Array.from({ length: int(3, 6) }, (_, i) => ({
    namespace: pick(nsNames),
    name: `p${i}`,
    labels: labels(),
    ips: [`10.1.0.${i + 10}`],
    ports: Array.from({ length: int(0, 3) }, () => ({ port: pick([53, 80, 443, 8080, int(1, 65535)]), protocol: pick(PROTOS), ...(r() < 0.6 ? { name: pick(names) } : {}) })),
  }));
  const externals = [{ name: '203.0.113.7', ip: '203.0.113.7', ports: [] }];
  const selector = (): LabelSelector => (r() < 0.4 ? { matchLabels: {}, matchExpressions: [] } : r() < 0.7 ? { matchLabels: { app: pick(vals) }, matchExpressions: [] } : { matchLabels: {}, matchExpressions: [{ key: 'tier', operator: pick(['In', 'NotIn', 'Exists', 'DoesNotExist'] as const), values: ['a'] }] });
  const peer = (): PolicyPeer => {
    const k = r();
    if (k < 0.35) return { podSelector: selector() };
    if (k < 0.55) return { namespaceSelector: selector() };
    if (k < 0.8) return { podSelector: selector(), namespaceSelector: selector() };
    return { ipBlock: { cidr: pick(['10.1.0.0/24', '0.0.0.0/0', '203.0.113.0/24']), except: r() < 0.4 ? ['10.1.0.8/30'] : [] } };
  };
  const port = (): PolicyPort => {
    const protocol = pick(PROTOS);
    const k = r();
    if (k < 0.3) return { protocol, protocolDefaulted: false, port: pick([53, 80, 443, 8080, int(1, 65535)]) };
    if (k < 0.5) return { protocol, protocolDefaulted: false, port: pick(names) };
    if (k < 0.8) {
      const lo = pick([1, 80, 1000, int(1, 65000)]);
      return { protocol, protocolDefaulted: false, port: lo, endPort: Math.min(65535, lo + pick([0, 1, 20, 9000, 65535])) };
    }
    return { protocol, protocolDefaulted: false };
  };
  const rules = (): PolicyRule[] => Array.from({ length: int(0, 2) }, () => ({ peers: Array.from({ length: int(0, 2) }, peer), ports: Array.from({ length: r() < 0.25 ? 0 : int(1, 3) }, port) }));
  const policies: NetworkPolicy[] = Array.from({ length: int(1, 4) }, (_, i) => ({
    namespace: pick(nsNames),
    name: `np${i}`,
    podSelector: selector(),
    policyTypes: [...pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']] as const)],
    policyTypesDefaulted: false,
    ingress: rules(),
    egress: rules(),
  }));
  return { cluster: { namespaces, pods, services: [], externals }, policies };
}

function nodesOf(c: Cluster): Node[] {
  return [...c.pods.map((p) => ({ id: `${p.namespace}/${p.name}`, pod: p, ip: p.ips[0] })), ...c.externals.map((x) => ({ id: x.name, ip: x.ip }))];
}

describe('port ranges', () => {
  it('merges, subtracts and prints as netpol-analyzer-style text', () => {
    expect(normalizeRanges([[8000, 9000], [80, 80], [81, 90], [9001, 9001]])).toEqual([[80, 90], [8000, 9001]]);
    const set: ConnectionSet = { TCP: [[80, 80], [8000, 9000]], UDP: [[53, 53]], SCTP: [] };
    expect(connectionText(set)).toBe('TCP 80,8000-9000; UDP 53');
    expect(connectionText(allConnections())).toBe('all');
    expect(connectionText(emptyConnections())).toBe('none');
    expect(connectionText({ TCP: [[1, 65535]], UDP: [], SCTP: [] })).toBe('TCP all ports');
    expect(subtractConnections(allConnections(), set).TCP).toEqual([[1, 79], [81, 7999], [9001, 65535]]);
    const r: PortRanges = [[5, 9], [20, 20]];
    expect([4, 5, 9, 10, 20, 21].map((p) => rangesContain(r, p))).toEqual([false, true, true, false, true, false]);
  });
});

describe('exact connection sets', () => {
  it('agree with the interval-algebra evaluator on every pair of 300 random clusters', () => {
    let pairs = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { cluster, policies } = randomCase(seed);
      const engine = new Engine(cluster, policies);
      const ev = new ConnectionEvaluator(engine);
      for (const a of nodesOf(cluster)) {
        for (const b of nodesOf(cluster)) {
          if (a.id === b.id) continue;
          const want = referenceSet(cluster, policies, a, b);
          const got = ev.connections(engine.indexOf(a.id), engine.indexOf(b.id));
          if (connectionText(got) !== connectionText(want)) throw new Error(`seed ${seed} ${a.id} -> ${b.id}: engine ${connectionText(got)}, reference ${connectionText(want)}`);
          pairs++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(5000);
  });

  it('contain a port exactly when the probe engine allows it, for every port and protocol', () => {
    for (const seed of [17, 42]) {
      const { cluster, policies } = randomCase(seed);
      const engine = new Engine(cluster, policies);
      const ev = new ConnectionEvaluator(engine);
      const nodes = nodesOf(cluster);
      const [a, b] = [nodes[0], nodes[nodes.length - 2]];
      const set = ev.connections(engine.indexOf(a.id), engine.indexOf(b.id));
      for (const protocol of PROTOS) {
        for (let port = 1; port <= 65535; port++) {
          const want = engine.allowed(engine.indexOf(a.id), engine.indexOf(b.id), { port, protocol });
          if (rangesContain(set[protocol], port) !== want) throw new Error(`seed ${seed} ${protocol} ${port}: set ${!want}, probe ${want}`);
        }
      }
    }
  });

  it('splits the port space where the deciding rule changes', () => {
    const cluster: Cluster = {
      namespaces: [{ name: 'x', labels: { 'kubernetes.io/metadata.name': 'x' } }],
      pods: [
        { namespace: 'x', name: 'a', labels: { app: 'a' }, ips: ['10.1.0.1'], ports: [] },
        { namespace: 'x', name: 'b', labels: { app: 'b' }, ips: ['10.1.0.2'], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      ],
      services: [],
      externals: [],
    };
    const policy: NetworkPolicy = {
      namespace: 'x',
      name: 'b-in',
      podSelector: { matchLabels: { app: 'b' }, matchExpressions: [] },
      policyTypes: ['Ingress'],
      policyTypesDefaulted: false,
      ingress: [
        { peers: [], ports: [{ protocol: 'TCP', protocolDefaulted: true, port: 'http' }] },
        { peers: [], ports: [{ protocol: 'UDP', protocolDefaulted: false, port: 5000, endPort: 5010 }] },
      ],
      egress: [],
    };
    const engine = new Engine(cluster, [policy]);
    expect(connectionText(new ConnectionEvaluator(engine).connections(0, 1))).toBe('TCP 8080; UDP 5000-5010');
    const segs = connectionSegments(engine, 'x/a', 'x/b').map((s) => `${s.protocol} ${s.lo}-${s.hi} ${s.allowed ? 'allowed' : 'denied'}`);
    expect(segs).toEqual(['TCP 1-8079 denied', 'TCP 8080-8080 allowed', 'TCP 8081-65535 denied', 'UDP 1-4999 denied', 'UDP 5000-5010 allowed', 'UDP 5011-65535 denied', 'SCTP 1-65535 denied']);
    expect(portAtoms({ TCP: [0, 1, 80, 81, 70000] }).TCP).toEqual([1, 80, 81]);
  });
});
