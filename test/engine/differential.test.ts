// Differential test: the compiled engine against a naive evaluator written directly from the
// NetworkPolicy API reference (no bitsets, no caches), on random clusters with fixed seeds:
// every selector form, AND/OR peers, ipBlock/except (IPv4 and IPv6), named ports, endPort,
// protocol-only ports, UDP/SCTP, ingress/egress, outside hosts; dual-stack pods (an ipBlock
// matches the peer's address of the connection's family, the destination's primary one),
// hostNetwork pods (never selected, matched by ipBlock only) and loopback (always allowed).
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine/engine.js';
import type { Cluster, Pod, Protocol, Labels } from '../../src/core/model.js';
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, SelectorOperator } from '../../src/core/policy.js';
import type { Probe } from '../../src/core/engine/types.js';
import { parseCidr, parseIp, cidrContains } from '../../src/core/ip.js';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the naive reference, straight from the API reference ---------------------------------

function matchesSelector(sel: LabelSelector, labels: Labels): boolean {
  const ok = Object.entries(sel.matchLabels).every(([k, v]) => k in labels && labels[k] === v);
  return (
    ok &&
    sel.matchExpressions.every((r) => {
      const has = r.key in labels;
      if (r.operator === 'In') return has && r.values.includes(labels[r.key]);
      if (r.operator === 'NotIn') return !has || !r.values.includes(labels[r.key]);
      if (r.operator === 'Exists') return has;
      return !has;
    })
  );
}

interface Node {
  id: string;
  pod?: Pod;
  /** Every address, primary first. */
  ips: string[];
}

function naiveAllowed(c: Cluster, policies: NetworkPolicy[], from: Node, to: Node, probe: Probe): boolean {
  if (from === to) return true; // loopback
  const nsLabels = (name: string) => c.namespaces.find((n) => n.name === name)!.labels;
  const family = (ip: string) => (ip.includes(':') ? 6 : 4);
  const connectionFamily = family(to.ips[0]);
  const peerMatches = (peer: PolicyPeer, policyNs: string, other: Node): boolean => {
    if (peer.ipBlock) {
      const text = other.ips.find((t) => family(t) === connectionFamily);
      if (text === undefined) return false;
      const ip = parseIp(text)!;
      const cidr = parseCidr(peer.ipBlock.cidr)!;
      return cidrContains(cidr, ip) && !peer.ipBlock.except.some((e) => cidrContains(parseCidr(e)!, ip));
    }
    if (!other.pod || other.pod.hostNetwork) return false;
    if (peer.namespaceSelector) {
      if (!matchesSelector(peer.namespaceSelector, nsLabels(other.pod.namespace))) return false;
    } else if (other.pod.namespace !== policyNs) return false;
    return !peer.podSelector || matchesSelector(peer.podSelector, other.pod.labels);
  };
  const portMatches = (ports: PolicyPort[]): boolean =>
    ports.length === 0 ||
    ports.some((p) => {
      if (p.protocol !== probe.protocol) return false;
      if (p.port === undefined) return true;
      if (typeof p.port === 'number') return p.endPort === undefined ? probe.port === p.port : probe.port >= p.port && probe.port <= p.endPort;
      const named = to.pod?.ports.find((cp) => cp.name === p.port && cp.protocol === p.protocol);
      return named !== undefined && named.port === probe.port;
    });
  const side = (pod: Pod | undefined, type: 'Ingress' | 'Egress', other: Node): boolean => {
    if (!pod || pod.hostNetwork) return true;
    const selecting = policies.filter((p) => p.namespace === pod.namespace && p.policyTypes.includes(type) && matchesSelector(p.podSelector, pod.labels));
    if (selecting.length === 0) return true;
    return selecting.some((p) =>
      (type === 'Ingress' ? p.ingress : p.egress).some((r) => (r.peers.length === 0 || r.peers.some((peer) => peerMatches(peer, p.namespace, other))) && portMatches(r.ports)),
    );
  };
  return side(from.pod, 'Egress', to) && side(to.pod, 'Ingress', from);
}

// ---- random clusters ------------------------------------------------------------------------

function randomCase(seed: number): { cluster: Cluster; policies: NetworkPolicy[]; probes: Probe[] } {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  // Single-stack IPv4, single-stack IPv6, or dual-stack (either family first, some single-stack pods).
  const stack = pick(['v4', 'v4', 'v6', 'dual'] as const);
  const v6 = stack === 'v6';
  const keys = ['app', 'tier', 'team'];
  const values = ['a', 'b', 'c'];
  const randLabels = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const k of keys) if (r() < 0.6) out[k] = pick(values);
    return out;
  };
  const nsNames = ['x', 'y', 'z'];
  const ip4 = (i: number) => `10.0.${i >> 2}.${(i & 3) * 64 + 1}`;
  const ip6 = (i: number) => `fd00:10::${(i + 1).toString(16)}`;
  const podIps = (i: number): string[] => {
    if (stack === 'v4') return [ip4(i)];
    if (stack === 'v6') return [ip6(i)];
    const k = r();
    return k < 0.4 ? [ip4(i), ip6(i)] : k < 0.8 ? [ip6(i), ip4(i)] : k < 0.9 ? [ip4(i)] : [ip6(i)];
  };
  const namespaces = nsNames.map((n) => ({ name: n, labels: { 'kubernetes.io/metadata.name': n, ...randLabels() } }));
  const protocols: Protocol[] = ['TCP', 'UDP', 'SCTP'];
  const pods: Pod[] = Array.from({ length: 4 + Math.floor(r() * 6) }, (_, i) => ({
    namespace: pick(nsNames),
    name: `p${i}`,
    labels: randLabels(),
    ips: podIps(i),
    ...(r() < 0.1 ? { hostNetwork: true } : {}),
    ports: [
      { port: 80, protocol: 'TCP', ...(r() < 0.5 ? { name: 'http' } : r() < 0.5 ? { name: 'web' } : {}) },
      { port: 81 + Math.floor(r() * 3), protocol: pick(protocols), ...(r() < 0.5 ? { name: 'alt' } : {}) },
    ],
  }));
  const externals = [
    { name: v6 ? '2001:db8::5' : '192.0.2.5', ip: v6 ? '2001:db8::5' : '192.0.2.5', ports: [] },
    { name: v6 ? 'fd00:10::ff' : '10.0.9.9', ip: v6 ? 'fd00:10::ff' : '10.0.9.9', ports: [] },
    ...(stack === 'dual' ? [{ name: '2001:db8::5', ip: '2001:db8::5', ports: [] }] : []),
  ];
  const operators: SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
  const selector = (): LabelSelector => {
    const s: LabelSelector = { matchLabels: {}, matchExpressions: [] };
    if (r() < 0.5) s.matchLabels[pick(keys)] = pick(values);
    if (r() < 0.4) {
      const op = pick(operators);
      s.matchExpressions.push({ key: pick(keys), operator: op, values: op === 'In' || op === 'NotIn' ? [pick(values), pick(values)] : [] });
    }
    return s;
  };
  const cidrs4 = ['10.0.0.0/16', '10.0.0.0/24', '10.0.1.0/25', '192.0.2.0/24', '0.0.0.0/0'];
  const cidrs6 = ['fd00:10::/64', 'fd00:10::/120', '2001:db8::/32', 'fd00::/8', '::/0'];
  const cidrs = stack === 'v6' ? cidrs6 : stack === 'v4' ? cidrs4 : [...cidrs4, ...cidrs6];
  const excepts = [...(stack === 'v4' ? [] : ['fd00:10::2/127', 'fd00:10::ff/128']), ...(stack === 'v6' ? [] : ['10.0.0.64/26', '10.0.0.1/32', '10.0.9.0/24'])];
  const peer = (): PolicyPeer => {
    const k = r();
    if (k < 0.3) return { podSelector: selector() };
    if (k < 0.5) return { namespaceSelector: selector() };
    if (k < 0.75) return { podSelector: selector(), namespaceSelector: selector() };
    const cidr = pick(cidrs);
    const c = parseCidr(cidr)!;
    const except = excepts.filter((e) => r() < 0.5 && parseCidr(e)!.prefix > c.prefix && cidrContains(c, parseCidr(e)!));
    return { ipBlock: { cidr, except } };
  };
  const port = (): PolicyPort => {
    const k = r();
    const protocol = r() < 0.7 ? 'TCP' : pick(protocols);
    if (k < 0.3) return { protocol, protocolDefaulted: false, port: 80 + Math.floor(r() * 4) };
    if (k < 0.5) return { protocol, protocolDefaulted: false, port: pick(['http', 'web', 'alt']) };
    if (k < 0.7) return { protocol, protocolDefaulted: false, port: 80 + Math.floor(r() * 2), endPort: 82 + Math.floor(r() * 2) };
    return { protocol, protocolDefaulted: false };
  };
  const rules = (): PolicyRule[] =>
    Array.from({ length: Math.floor(r() * 3) }, () => ({
      peers: Array.from({ length: Math.floor(r() * 3) }, peer),
      ports: Array.from({ length: r() < 0.3 ? 0 : 1 + Math.floor(r() * 2) }, port),
    }));
  const policies: NetworkPolicy[] = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, i) => {
    const types = pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']] as const);
    return {
      namespace: pick(nsNames),
      name: `np${i}`,
      podSelector: r() < 0.3 ? { matchLabels: {}, matchExpressions: [] } : selector(),
      policyTypes: [...types],
      policyTypesDefaulted: false,
      ingress: rules(), // present even when not in policyTypes: must be ignored then
      egress: rules(),
    };
  });
  const probes: Probe[] = [
    { port: 80, protocol: 'TCP' },
    { port: 81, protocol: 'UDP' },
    { port: 82, protocol: 'SCTP' },
    { port: 83, protocol: 'TCP' },
  ];
  return { cluster: { namespaces, pods, services: [], externals }, policies, probes };
}

describe('compiled engine vs naive evaluator', () => {
  it('agrees on every cell of 400 random clusters', () => {
    let cells = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { cluster, policies, probes } = randomCase(seed);
      const engine = new Engine(cluster, policies);
      const nodes: Node[] = [...cluster.pods.map((p) => ({ id: `${p.namespace}/${p.name}`, pod: p, ips: p.ips })), ...cluster.externals.map((x) => ({ id: x.name, ips: [x.ip] }))];
      for (const probe of probes) {
        for (const a of nodes) {
          for (const b of nodes) {
            const want = naiveAllowed(cluster, policies, a, b, probe);
            const fast = engine.allowed(engine.indexOf(a.id), engine.indexOf(b.id), probe);
            const slow = engine.verdict(a.id, b.id, probe).allowed;
            if (fast !== want || slow !== want) {
              throw new Error(`seed ${seed}: ${a.id} -> ${b.id} ${probe.port}/${probe.protocol}: naive ${want}, fast ${fast}, verdict ${slow}`);
            }
            cells++;
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(20000);
  });
});
