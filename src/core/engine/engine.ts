// The NetworkPolicy engine: "can A reach B on port P/protocol?", answered as a cluster
// with a policy-enforcing CNI would (networking.k8s.io/v1 semantics, upstream e2e behaviour).
//
// A connection is allowed when egress is allowed at the source AND ingress is allowed at
// the destination. Each side is allowed when no policy of that type selects the pod
// (not isolated), or when some rule of some selecting policy admits the peer on the port.
// Policies are compiled once: selectors become endpoint sets, rules become (peers, ports)
// matchers, and each pod's admitted peers per probe are cached by the policies selecting it.
//
// As clusters run it: a pod always reaches itself (loopback never passes a policy);
// hostNetwork pods are never selected (their traffic is their node's, matched by ipBlock
// only, as the common CNIs do); a connection has one address family, the destination's
// primary one (status.podIPs[0]), and an ipBlock matches a peer's address of that family.
import type { Cluster, ContainerPort, Labels, Protocol } from '../model.js';
import { enforcesPolicies, podId } from '../model.js';
import type { NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, Direction, LabelSelector } from '../policy.js';
import { policyId } from '../policy.js';
import { selectorMatches } from '../labels.js';
import { parseIp, parseCidrLegacy, cidrContains, familyOf, unmapIpv4, type IP, type CIDR, type Family } from '../ip.js';
import { BitSet, transpose32 } from './bitset.js';
import type { Endpoint, Probe, RuleRef, DirectionVerdict, Verdict } from './types.js';
import { probeKey } from './types.js';

interface EndpointInfo extends Endpoint {
  labels: Labels;
  nsIndex: number; // -1 outside the cluster
  ips: IP[];
  /** The IPv4 addresses (IPv4-mapped IPv6 included) as unsigned 32-bit numbers, for ipBlocks. */
  v4: number[];
  /** The other (IPv6) addresses. */
  v6: IP[];
  ports: ContainerPort[];
  hostNetwork: boolean;
  /** The family of connections to this endpoint: its primary IP's (IPv4 when it has none). */
  family: Family;
}

/** An endpoint set per connection family: [IPv4, IPv6]. The same object twice when no ipBlock tells them apart. */
type ByFamily = readonly [BitSet, BitSet];
const familySlot = (f: Family): 0 | 1 => (f === 4 ? 0 : 1);

/** The pods of one label key: which carry it, and per value which (built when a selector first asks). */
interface KeyIndex {
  has: BitSet;
  values: Map<string, number[]>;
  sets: Map<string, BitSet>;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * A cache key for a selector that does not depend on how it was written: matchLabels by key,
 * requirements sorted, In/NotIn values sorted and without repeats (the same set of pods).
 */
function selectorKey(sel: LabelSelector): string {
  const labels = Object.keys(sel.matchLabels)
    .sort()
    .map((k) => [k, sel.matchLabels[k]]);
  const exprs = sel.matchExpressions.map((r) => JSON.stringify([r.key, r.operator, [...new Set(r.values)].sort()])).sort();
  return JSON.stringify([labels, exprs]);
}

function v4Number(bytes: Uint8Array): number {
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}

/** An IPv4 CIDR as network and mask numbers; undefined for IPv6 (after unmapping). */
function v4Range(c: CIDR): { net: number; mask: number } | undefined {
  const u = unmapIpv4(c);
  if (u.family !== 4) return undefined;
  const mask = u.prefix === 0 ? 0 : (0xffffffff << (32 - u.prefix)) >>> 0;
  return { net: (v4Number(u.bytes) & mask) >>> 0, mask };
}

/** A compiled rule: the peers it admits (null = every peer) and its ports. */
interface CompiledRule {
  policyIndex: number;
  direction: Direction;
  ruleIndex: number;
  rule: PolicyRule;
  /** Sources (ingress) a rule admits, by the family of the connection; null = every peer. */
  peers: ByFamily | null;
  /** Destinations (egress) a rule admits, each by its own family; null = every peer. */
  destinations: BitSet | null;
  peerSets: ByFamily[]; // one per peer, for reasons
  ports: PolicyPort[];
}

interface CompiledPolicy {
  policy: NetworkPolicy;
  id: string;
  selected: BitSet;
  ingress: CompiledRule[] | null; // null: not an Ingress policy
  egress: CompiledRule[] | null; // null: not an Egress policy
}

export class Engine {
  readonly endpoints: Endpoint[];
  private readonly info: EndpointInfo[];
  private readonly byId = new Map<string, number>();
  private readonly policies: CompiledPolicy[];
  /** Per endpoint: indices of policies that select it for ingress / egress. */
  private readonly ingressPolicies: number[][];
  private readonly egressPolicies: number[][];
  private readonly all: BitSet;
  private readonly podSelectorCache = new Map<string, BitSet>();
  private readonly ipBlockCache = new Map<string, ByFamily>();
  /** Endpoints whose connections are IPv4 / IPv6. */
  private readonly families: ByFamily;
  private readonly labelIndex = new Map<string, KeyIndex>();
  /** Every pod (external hosts are never selected by label). */
  private readonly pods: BitSet;
  private readonly namespaceSelectorCache = new Map<string, BitSet>();
  private readonly namespaceMembers: BitSet[];
  private readonly namespaceIndex = new Map<string, number>();
  private readonly namespaceLabels: Labels[];
  /** Admitted peers per (policy set, probe[, destination ports]) — shared by pods with the same policies. */
  private readonly admittedCache = new Map<string, BitSet>();
  private readonly namedPortCache = new Map<string, BitSet>();
  /** Per probe: each endpoint's container port names for it (see portNames). */
  private readonly portNameCache = new Map<string, (readonly string[])[]>();
  /** Per probe: each endpoint's admitted set (egress: destinations, ingress: sources), filled lazily. */
  private readonly probeRows = new Map<string, { egress: BitSet[]; ingress: BitSet[] }>();
  /** Policies ("ns/name") the cluster holds but its CNI does not enforce: every one under Flannel, else none. */
  readonly unenforced: readonly string[];

  constructor(readonly cluster: Cluster, policies: readonly NetworkPolicy[]) {
    // A CNI without NetworkPolicy support stores every policy and filters nothing: the engine
    // then answers as for a cluster with no policy at all, and reasons say why.
    const enforced = enforcesPolicies(cluster) ? policies : [];
    this.unenforced = enforced === policies ? [] : policies.map(policyId);
    const namespaces = new Map<string, Labels>();
    for (const ns of cluster.namespaces) namespaces.set(ns.name, ns.labels);
    const ensureNs = (name: string) => {
      if (!namespaces.has(name)) namespaces.set(name, { 'kubernetes.io/metadata.name': name });
    };
    for (const p of cluster.pods) ensureNs(p.namespace);
    for (const p of policies) ensureNs(p.namespace);
    this.namespaceLabels = [];
    for (const [name, labels] of namespaces) {
      this.namespaceIndex.set(name, this.namespaceLabels.length);
      this.namespaceLabels.push(labels);
    }

    this.info = [];
    for (const pod of cluster.pods) {
      const ips = pod.ips.map((t) => parseIp(t)).filter((x): x is IP => x !== null);
      this.info.push({
        ...splitFamilies(ips),
        id: podId(pod),
        kind: 'pod',
        namespace: pod.namespace,
        ip: pod.ips[0] ?? '',
        labels: pod.labels,
        nsIndex: this.namespaceIndex.get(pod.namespace)!,
        ips,
        ports: pod.ports,
        hostNetwork: pod.hostNetwork === true,
        family: ips.length ? familyOf(ips[0]) : 4,
      });
    }
    for (const ext of cluster.externals) {
      const ip = parseIp(ext.ip);
      const ips = ip ? [ip] : [];
      this.info.push({ id: ext.name, kind: 'external', ip: ext.ip, labels: {}, nsIndex: -1, ips, ...splitFamilies(ips), ports: ext.ports, hostNetwork: false, family: ip ? familyOf(ip) : 4 });
    }
    this.endpoints = this.info.map(({ id, kind, namespace, ip, hostNetwork }) => {
      const e: Endpoint = namespace === undefined ? { id, kind, ip } : { id, kind, namespace, ip };
      if (hostNetwork) e.hostNetwork = true;
      return e;
    });
    this.info.forEach((e, i) => {
      if (!this.byId.has(e.id)) this.byId.set(e.id, i);
    });

    const n = this.info.length;
    this.all = BitSet.full(n);
    this.pods = new BitSet(n);
    // Selectors see pods on the pod network only: a hostNetwork pod is its node, to policies.
    this.info.forEach((e, i) => {
      if (e.kind === 'pod' && !e.hostNetwork) this.pods.add(i);
    });
    this.namespaceMembers = this.namespaceLabels.map(() => new BitSet(n));
    const v4 = new BitSet(n);
    const v6 = new BitSet(n);
    this.info.forEach((e, i) => {
      if (e.nsIndex >= 0 && !e.hostNetwork) this.namespaceMembers[e.nsIndex].add(i);
      (e.family === 4 ? v4 : v6).add(i);
    });
    this.families = [v4, v6];

    this.ingressPolicies = this.info.map(() => []);
    this.egressPolicies = this.info.map(() => []);
    this.policies = enforced.map((policy, policyIndex) => this.compilePolicy(policy, policyIndex));
    this.policies.forEach((cp, pi) => {
      for (const i of cp.selected.indices()) {
        if (cp.ingress) this.ingressPolicies[i].push(pi);
        if (cp.egress) this.egressPolicies[i].push(pi);
      }
    });
  }

  indexOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  /** Ports an endpoint declares (container ports, or an external host's served ports). */
  probesFor(index: number): Probe[] {
    return this.info[index].ports.map((p) => ({ port: p.port, protocol: p.protocol }));
  }

  /** Fast path: is traffic from endpoint `from` to endpoint `to` on `probe` allowed? (Always, from a pod to itself.) */
  allowed(from: number, to: number, probe: Probe): boolean {
    return this.forProbe(probe)(from, to);
  }

  /**
   * A cell function for one probe: resolves the probe's per-endpoint caches once, so that
   * filling a matrix costs two bit tests per cell.
   */
  forProbe(probe: Probe): (from: number, to: number) => boolean {
    const { egress, ingress } = this.rowCache(probe);
    return (from, to) => {
      // Loopback: a pod reaching itself never passes through a policy.
      if (from === to) return true;
      if (this.egressPolicies[from].length > 0) {
        const out = egress[from] ?? (egress[from] = this.admittedByEgress(from, probe));
        if (!out.has(to)) return false;
      }
      if (this.ingressPolicies[to].length > 0) {
        const inc = ingress[to] ?? (ingress[to] = this.admittedByIngress(to, probe));
        if (!inc.has(from)) return false;
      }
      return true;
    };
  }

  /**
   * Whole rows for one probe: for a source, the set of destinations it reaches, as its egress
   * set ANDed with the transposed ingress sets (the sources each destination admits, turned
   * into the destinations each source is admitted by). Costs one pass over the admitted sets
   * per probe, then a few word operations per row instead of a call per cell.
   */
  rowsForProbe(probe: Probe): (from: number, into?: BitSet) => BitSet {
    const n = this.info.length;
    const rows = this.rowCache(probe);
    const w = this.all.words.length;
    // The admitted-sources matrix, one row per destination (every source for one no policy
    // isolates), transposed by 32x32 blocks into one row per source.
    const bySource = new Uint32Array(n * w);
    const block = new Uint32Array(32);
    const destRows: Uint32Array[] = new Array(n);
    for (let to = 0; to < n; to++) {
      if (this.ingressPolicies[to].length === 0) destRows[to] = this.all.words;
      else destRows[to] = (rows.ingress[to] ?? (rows.ingress[to] = this.admittedByIngress(to, probe))).words;
    }
    for (let bi = 0; bi < w; bi++) {
      for (let bj = 0; bj < w; bj++) {
        let any = 0;
        let every = -1;
        for (let r = 0; r < 32; r++) {
          const to = (bi << 5) + r;
          const x = to < n ? destRows[to][bj] : 0;
          block[r] = x;
          any |= x;
          every &= x;
        }
        if (any === 0) continue;
        // All ones (destinations open to every source in the block) stay all ones.
        if (every !== -1) transpose32(block);
        for (let c = 0; c < 32; c++) {
          const from = (bj << 5) + c;
          if (from < n) bySource[from * w + bi] = block[c];
        }
      }
    }
    return (from, into) => {
      const row = into ?? new BitSet(n);
      const out = row.words;
      out.set(bySource.subarray(from * w, from * w + w));
      if (this.egressPolicies[from].length > 0) {
        const egress = (rows.egress[from] ?? (rows.egress[from] = this.admittedByEgress(from, probe))).words;
        for (let k = 0; k < w; k++) out[k] &= egress[k];
      }
      // Loopback: a pod reaching itself never passes through a policy.
      row.add(from);
      return row;
    };
  }

  /** The per-probe caches of admitted sets, shared by forProbe and rowsForProbe. */
  private rowCache(probe: Probe): { egress: BitSet[]; ingress: BitSet[] } {
    const key = probeKey(probe);
    let rows = this.probeRows.get(key);
    if (!rows) {
      rows = { egress: new Array(this.info.length), ingress: new Array(this.info.length) };
      this.probeRows.set(key, rows);
    }
    return rows;
  }

  /** Slow path with reasons: which policies isolate each side and which rules admit the traffic. */
  verdict(fromId: string, toId: string, probe: Probe): Verdict {
    const from = this.indexOf(fromId);
    const to = this.indexOf(toId);
    if (from < 0) throw new RangeError(`unknown endpoint ${fromId}`);
    if (to < 0) throw new RangeError(`unknown endpoint ${toId}`);
    const egress = this.directionVerdict('egress', this.egressPolicies[from], from, to, probe);
    const ingress = this.directionVerdict('ingress', this.ingressPolicies[to], from, to, probe);
    if (from === to) return { from: fromId, to: toId, probe, allowed: true, loopback: true, egress, ingress };
    return { from: fromId, to: toId, probe, allowed: egress.allowed && ingress.allowed, egress, ingress };
  }

  /** Policies (ns/name) that select an endpoint, per direction. */
  isolation(index: number): { ingress: string[]; egress: string[] } {
    return {
      ingress: this.ingressPolicies[index].map((pi) => this.policies[pi].id),
      egress: this.egressPolicies[index].map((pi) => this.policies[pi].id),
    };
  }

  /** Endpoint indices a policy's spec.podSelector selects (always inside its own namespace). */
  selectedBy(policyIndex: number): number[] {
    return [...this.policies[policyIndex].selected.indices()];
  }

  // ---- compilation --------------------------------------------------------------------

  private compilePolicy(policy: NetworkPolicy, policyIndex: number): CompiledPolicy {
    const nsIndex = this.namespaceIndex.get(policy.namespace)!;
    const selected = this.podSelector(policy.podSelector).and(this.namespaceMembers[nsIndex]);
    const compileRules = (direction: Direction, rules: PolicyRule[]) =>
      rules.map((rule, ruleIndex): CompiledRule => {
        const peerSets = rule.peers.map((peer) => this.peerSet(peer, nsIndex));
        let peers: ByFamily | null = null;
        let destinations: BitSet | null = null;
        if (rule.peers.length > 0) {
          const v4 = new BitSet(this.info.length);
          for (const s of peerSets) v4.orInPlace(s[0]);
          if (peerSets.every((s) => s[0] === s[1])) {
            peers = [v4, v4];
            destinations = v4;
          } else {
            const v6 = new BitSet(this.info.length);
            for (const s of peerSets) v6.orInPlace(s[1]);
            peers = [v4, v6];
            // A destination is admitted by the peers of its own connection family.
            destinations = v4.and(this.families[0]);
            destinations.orInPlace(v6.and(this.families[1]));
          }
        }
        return { policyIndex, direction, ruleIndex, rule, peers, destinations, peerSets, ports: rule.ports };
      });
    return {
      policy,
      id: policyId(policy),
      selected,
      // Rules of a type the policy does not declare are ignored, as in Kubernetes.
      ingress: policy.policyTypes.includes('Ingress') ? compileRules('ingress', policy.ingress) : null,
      egress: policy.policyTypes.includes('Egress') ? compileRules('egress', policy.egress) : null,
    };
  }

  /** Pods (never external hosts) whose labels match, in any namespace: bitset operations on the label index. */
  private podSelector(sel: LabelSelector): BitSet {
    const key = selectorKey(sel);
    let set = this.podSelectorCache.get(key);
    if (set) return set;
    set = this.pods.clone();
    for (const k in sel.matchLabels) set.andInPlace(this.labelValueSet(k, sel.matchLabels[k]));
    for (const r of sel.matchExpressions) {
      switch (r.operator) {
        case 'In': {
          const any = new BitSet(this.info.length);
          for (const v of r.values) any.orInPlace(this.labelValueSet(r.key, v));
          set.andInPlace(any);
          break;
        }
        case 'NotIn':
          // A pod without the key matches NotIn, as in Kubernetes.
          for (const v of r.values) set.andNotInPlace(this.labelValueSet(r.key, v));
          break;
        case 'Exists':
          set.andInPlace(this.keyIndex(r.key).has);
          break;
        case 'DoesNotExist':
          set.andNotInPlace(this.keyIndex(r.key).has);
          break;
      }
    }
    this.podSelectorCache.set(key, set);
    return set;
  }

  /** One scan of the pods per label key a selector names, however many selectors name it. */
  private keyIndex(key: string): KeyIndex {
    let k = this.labelIndex.get(key);
    if (!k) {
      k = { has: new BitSet(this.info.length), values: new Map(), sets: new Map() };
      for (let i = 0; i < this.info.length; i++) {
        const e = this.info[i];
        if (e.kind !== 'pod' || !hasOwn(e.labels, key)) continue;
        k.has.add(i);
        const v = e.labels[key];
        const list = k.values.get(v);
        if (list) list.push(i);
        else k.values.set(v, [i]);
      }
      this.labelIndex.set(key, k);
    }
    return k;
  }

  /** Pods labelled key=value (bitsets made only for the values selectors ask about). */
  private labelValueSet(key: string, value: string): BitSet {
    const k = this.keyIndex(key);
    let set = k.sets.get(value);
    if (!set) {
      set = new BitSet(this.info.length);
      for (const i of k.values.get(value) ?? []) set.add(i);
      k.sets.set(value, set);
    }
    return set;
  }

  /** Pods in namespaces whose labels match. */
  private namespaceSelector(sel: LabelSelector): BitSet {
    const key = selectorKey(sel);
    let set = this.namespaceSelectorCache.get(key);
    if (!set) {
      set = new BitSet(this.info.length);
      this.namespaceLabels.forEach((labels, ni) => {
        if (selectorMatches(sel, labels)) set!.orInPlace(this.namespaceMembers[ni]);
      });
      this.namespaceSelectorCache.set(key, set);
    }
    return set;
  }

  private peerSet(peer: PolicyPeer, policyNs: number): ByFamily {
    if (peer.ipBlock) return this.ipBlockSet(peer.ipBlock.cidr, peer.ipBlock.except);
    const pods = peer.podSelector ? this.podSelector(peer.podSelector) : this.all;
    // podSelector alone: the policy's own namespace; with namespaceSelector: AND.
    const namespaces = peer.namespaceSelector ? this.namespaceSelector(peer.namespaceSelector) : this.namespaceMembers[policyNs];
    const set = pods.and(namespaces);
    return [set, set];
  }

  /**
   * Endpoints (pods too, as upstream's e2e tests expect) with an address inside cidr and
   * outside every except, per family of that address: [IPv4, IPv6]. A cluster of one family
   * gets one set twice, so single-stack evaluation is as before. Values are read as the API
   * server reads them (ParseCIDRSloppy: leading zeros decimal).
   */
  private ipBlockSet(cidrText: string, exceptTexts: string[]): ByFamily {
    const key = `${cidrText} ${[...new Set(exceptTexts)].sort().join(' ')}`;
    const cached = this.ipBlockCache.get(key);
    if (cached) return cached;
    const set = new BitSet(this.info.length);
    const empty = new BitSet(this.info.length);
    const cidr = parseCidrLegacy(cidrText);
    const range = cidr ? v4Range(cidr) : undefined;
    // The block's family admits connections of that family only; one family in the cluster: one set twice.
    const own = (slot: 0 | 1) => ((range ? 0 : 1) === slot ? set : empty);
    const result: ByFamily = this.families[1].isEmpty() ? [own(0), own(0)] : this.families[0].isEmpty() ? [own(1), own(1)] : [own(0), own(1)];
    this.ipBlockCache.set(key, result);
    if (!cidr) return result;
    const except = exceptTexts.map((t) => parseCidrLegacy(t)).filter((c): c is CIDR => c !== null);
    const exceptV4 = except.map(v4Range).filter((r): r is { net: number; mask: number } => r !== undefined);
    for (let i = 0; i < this.info.length; i++) {
      const e = this.info[i];
      // IPv4 by masks; IPv6 (rare) by the byte-wise test. Families never match each other.
      if (range) {
        for (const ip of e.v4) {
          if (((ip & range.mask) >>> 0) !== range.net) continue;
          if (exceptV4.some((x) => ((ip & x.mask) >>> 0) === x.net)) continue;
          set.add(i);
          break;
        }
      } else if (e.v6.some((ip) => cidrContains(cidr, ip) && !except.some((x) => cidrContains(x, ip)))) set.add(i);
    }
    return result;
  }

  // ---- evaluation -----------------------------------------------------------------------

  /**
   * The container port names a destination pod serves (port, protocol) under, sorted. Several
   * containers may give one number different names: a named port matches under any of them.
   * Hosts outside the cluster have no container ports, so named ports never resolve on them.
   */
  private portNames(to: number, probe: Probe): readonly string[] {
    // Asked per rule and per destination while compiling a probe: worked out once each.
    const key = probeKey(probe);
    let perEndpoint = this.portNameCache.get(key);
    if (!perEndpoint) this.portNameCache.set(key, (perEndpoint = new Array(this.info.length)));
    const hit = perEndpoint[to];
    if (hit) return hit;
    const e = this.info[to];
    const names: string[] = [];
    if (e.kind === 'pod') {
      for (const p of e.ports) {
        if (p.name && p.port === probe.port && p.protocol === probe.protocol && !names.includes(p.name)) names.push(p.name);
      }
      names.sort();
    }
    perEndpoint[to] = names;
    return names;
  }

  /** Index of the first port entry matching traffic to `to` on `probe`; -1 none; null when ports is empty (all). */
  private matchPort(ports: PolicyPort[], to: number, probe: Probe): number | null {
    if (ports.length === 0) return null;
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i];
      if (p.protocol !== probe.protocol) continue;
      if (p.port === undefined) return i;
      if (typeof p.port === 'number') {
        if (p.endPort !== undefined ? probe.port >= p.port && probe.port <= p.endPort : probe.port === p.port) return i;
      } else if (this.portNames(to, probe).includes(p.port)) {
        // Named ports resolve against the destination pod's container ports, for ingress and egress.
        return i;
      }
    }
    return -1;
  }

  /** Whether the entry matches without depending on the destination (numeric, range or protocol-only). */
  private static matchesAnyDestination(p: PolicyPort, probe: Probe): boolean {
    if (p.protocol !== probe.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') return false;
    return p.endPort !== undefined ? probe.port >= p.port && probe.port <= p.endPort : probe.port === p.port;
  }

  /** Endpoints that serve `probe` under container port name `name`. */
  private namedPortSet(name: string, probe: Probe): BitSet {
    const key = `${name}|${probeKey(probe)}`;
    let set = this.namedPortCache.get(key);
    if (!set) {
      set = new BitSet(this.info.length);
      for (let i = 0; i < this.info.length; i++) if (this.portNames(i, probe).includes(name)) set.add(i);
      this.namedPortCache.set(key, set);
    }
    return set;
  }

  /** Destinations a source pod may send `probe` to, by the union of its egress rules. */
  private admittedByEgress(from: number, probe: Probe): BitSet {
    const policies = this.egressPolicies[from];
    const key = `e|${probeKey(probe)}|${policies.join(',')}`;
    let set = this.admittedCache.get(key);
    if (set) return set;
    set = new BitSet(this.info.length);
    for (const pi of policies) {
      for (const rule of this.policies[pi].egress!) {
        const peers = rule.destinations ?? this.all;
        if (rule.ports.length === 0 || rule.ports.some((p) => Engine.matchesAnyDestination(p, probe))) {
          set.orInPlace(peers);
          continue;
        }
        for (const p of rule.ports) {
          if (typeof p.port === 'string' && p.protocol === probe.protocol) set.orInPlace(peers.and(this.namedPortSet(p.port, probe)));
        }
      }
    }
    this.admittedCache.set(key, set);
    return set;
  }

  /** Sources a destination pod accepts `probe` from, by the union of its ingress rules. */
  private admittedByIngress(to: number, probe: Probe): BitSet {
    const policies = this.ingressPolicies[to];
    const slot = familySlot(this.info[to].family);
    // Named ports make the answer depend on the destination's port names for this probe.
    const key = `i|${slot}|${probeKey(probe)}|${this.portNames(to, probe).join(',')}|${policies.join(',')}`;
    let set = this.admittedCache.get(key);
    if (set) return set;
    set = new BitSet(this.info.length);
    for (const pi of policies) {
      for (const rule of this.policies[pi].ingress!) {
        if (this.matchPort(rule.ports, to, probe) === -1) continue;
        set.orInPlace(rule.peers ? rule.peers[slot] : this.all);
      }
    }
    this.admittedCache.set(key, set);
    return set;
  }

  private directionVerdict(direction: Direction, policies: number[], from: number, to: number, probe: Probe): DirectionVerdict {
    const isolatedBy = policies.map((pi) => this.policies[pi].id);
    const peer = direction === 'ingress' ? from : to;
    const slot = familySlot(this.info[to].family);
    const considered: RuleRef[] = [];
    for (const pi of policies) {
      const rules = direction === 'ingress' ? this.policies[pi].ingress! : this.policies[pi].egress!;
      for (const rule of rules) {
        const portIndex = this.matchPort(rule.ports, to, probe);
        const peerIndex = rule.peers ? rule.peerSets.findIndex((s) => s[slot].has(peer)) : null;
        considered.push({ policy: this.policies[pi].id, direction, ruleIndex: rule.ruleIndex, peerIndex, portIndex });
      }
    }
    const allowedBy = considered.filter((r) => r.peerIndex !== -1 && r.portIndex !== -1);
    const isolated = policies.length > 0;
    return { direction, isolated, isolatedBy, allowedBy, considered, allowed: !isolated || allowedBy.length > 0 };
  }

  /**
   * Port numbers at which some rule's port match may change, per protocol: each numeric port,
   * each range's end + 1, and the container ports that named ports resolve to (and + 1).
   * Between two edges every port gets the same verdict, which makes exact connection sets cheap.
   */
  portEdges(): Record<Protocol, number[]> {
    const edges: Record<Protocol, Set<number>> = { TCP: new Set(), UDP: new Set(), SCTP: new Set() };
    const named = new Map<string, Set<Protocol>>();
    for (const cp of this.policies) {
      for (const rules of [cp.ingress, cp.egress]) {
        for (const rule of rules ?? []) {
          for (const p of rule.ports) {
            if (p.port === undefined) continue;
            if (typeof p.port === 'string') {
              if (!named.has(p.port)) named.set(p.port, new Set());
              named.get(p.port)!.add(p.protocol);
              continue;
            }
            edges[p.protocol].add(p.port);
            edges[p.protocol].add((p.endPort ?? p.port) + 1);
          }
        }
      }
    }
    if (named.size > 0) {
      for (const e of this.info) {
        for (const c of e.ports) {
          if (c.name && named.get(c.name)?.has(c.protocol)) {
            edges[c.protocol].add(c.port);
            edges[c.protocol].add(c.port + 1);
          }
        }
      }
    }
    return { TCP: [...edges.TCP], UDP: [...edges.UDP], SCTP: [...edges.SCTP] };
  }

  // ---- membership: the questions explain, mistakes and the bank ask, answered from the compiled sets

  /** Endpoints a from/to entry matches, by either address family (selectors never match hostNetwork pods). */
  peerMembers(peer: PolicyPeer, policyNamespace: string): number[] {
    const ns = this.namespaceIndex.get(policyNamespace);
    if (ns === undefined && !peer.namespaceSelector && !peer.ipBlock) return [];
    const [v4, v6] = this.peerSet(peer, ns ?? 0);
    const both = new BitSet(this.info.length);
    both.orInPlace(v4);
    both.orInPlace(v6);
    return [...both.indices()];
  }

  /** Pods a policy with this spec.podSelector would select in `namespace`. */
  podsSelected(podSelector: LabelSelector, namespace: string): number[] {
    const ns = this.namespaceIndex.get(namespace);
    if (ns === undefined) return [];
    return [...this.podSelector(podSelector).and(this.namespaceMembers[ns]).indices()];
  }

  /** Names of the namespaces whose labels the selector matches. */
  namespacesMatching(sel: LabelSelector): string[] {
    return [...this.namespaceIndex.entries()].filter(([, i]) => selectorMatches(sel, this.namespaceLabels[i])).map(([name]) => name);
  }

  /** The pods behind a Service (its selector in its namespace; none without a selector), by endpoint index. */
  serviceBackends(svc: { namespace: string; selector: Labels }): number[] {
    if (Object.keys(svc.selector).length === 0) return [];
    return this.podsSelected({ matchLabels: { ...svc.selector }, matchExpressions: [] }, svc.namespace);
  }

  /** The policy object behind an id ("ns/name"), for reason texts. */
  policy(id: string): NetworkPolicy | undefined {
    return this.policies.find((p) => p.id === id)?.policy;
  }
}

/** An endpoint's addresses split by family (IPv4-mapped IPv6 counts as IPv4, as Go's matchers read it). */
function splitFamilies(ips: IP[]): { v4: number[]; v6: IP[] } {
  const v4: number[] = [];
  const v6: IP[] = [];
  for (const ip of ips) {
    const u = unmapIpv4(ip);
    if (u.family === 4) v4.push(v4Number(u.bytes));
    else v6.push(ip);
  }
  return { v4, v6 };
}

/** Every port/protocol that some pod or external host declares, sorted by port then protocol. */
export function defaultProbes(cluster: Cluster): Probe[] {
  const seen = new Map<string, Probe>();
  for (const holder of [...cluster.pods, ...cluster.externals]) {
    for (const p of holder.ports) seen.set(probeKey(p), { port: p.port, protocol: p.protocol });
  }
  const order = { TCP: 0, UDP: 1, SCTP: 2 } as const;
  return [...seen.values()].sort((a, b) => a.port - b.port || order[a.protocol] - order[b.protocol]);
}
