// `explain`: one NetworkPolicy in plain English, as structured data (stable JSON).
// With a cluster it also says whom the selectors match right now and warns about
// the usual traps: empty selections, unlabelled namespaces, named ports nobody
// declares, ipBlocks over pod IPs, rules that policyTypes switches off.
import type { Cluster, Labels, Pod, Protocol, SourcePos } from '../model.js';
import { METADATA_NAME_LABEL, podId } from '../model.js';
import type { Direction, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, PolicyType } from '../policy.js';
import { policyId } from '../policy.js';
import { isEmptySelector, selectorMatches, selectorText } from '../labels.js';
import { cidrContains, parseCidrLegacy, parseIp } from '../ip.js';
import { Engine } from '../engine/engine.js';
import { ANY_PORT_WORDS, anywhereWords, peerWords, portWords, targetWords } from './words.js';

export type ExplainWarningCode =
  | 'selects-no-pods'
  | 'peer-matches-no-pods'
  | 'namespace-selector-matches-none'
  | 'ipblock-covers-pods'
  | 'named-port-unresolved'
  | 'rules-ignored'
  | 'no-dns-egress'
  | 'host-network-not-selected'
  | 'ipblock-covers-service';

export interface ExplainWarning {
  code: ExplainWarningCode;
  /** Field path inside spec, in the `why` style: "podSelector", "ingress[0].from[1]", "egress". */
  path: string;
  message: string;
}

export interface PeerExplanation {
  /** "ingress[0].from[1]" or "egress[2].to[0]" (0-based, as in field paths). */
  path: string;
  kind: 'pods' | 'namespaces' | 'pods-and-namespaces' | 'ipBlock';
  text: string;
  /** Pods ("ns/name") this peer matches right now (ipBlock: pods whose IP it admits); absent without a cluster. */
  pods?: string[];
}

export interface PortExplanation {
  path: string;
  text: string;
}

export interface RuleExplanation {
  /** "ingress[0]" */
  path: string;
  /** true when policyTypes leaves this direction out, so the API server keeps the rule but nobody enforces it. */
  ignored: boolean;
  /** from/to empty or missing: every source/destination. */
  anyPeer: boolean;
  peers: PeerExplanation[];
  /** ports empty or missing: every port and protocol. */
  anyPort: boolean;
  ports: PortExplanation[];
  /** The whole rule as one sentence. */
  text: string;
}

export interface DirectionIsolation {
  isolated: boolean;
  text: string;
}

export interface IsolationExplanation {
  policyTypes: PolicyType[];
  /** true when spec.policyTypes was missing and the API server filled it in. */
  inferred: boolean;
  policyTypesText: string;
  ingress: DirectionIsolation;
  egress: DirectionIsolation;
}

export interface SelectsExplanation {
  text: string;
  /** Pods ("ns/name") the policy selects right now; absent without a cluster. */
  pods?: string[];
}

export interface PolicyExplanation {
  /** "ns/name" */
  policy: string;
  source?: SourcePos;
  selects: SelectsExplanation;
  isolates: IsolationExplanation;
  ingress: RuleExplanation[];
  egress: RuleExplanation[];
  warnings: ExplainWarning[];
}

/** What explain needs to know about the cluster, computed once per cluster. */
interface ClusterView {
  cluster: Cluster;
  nsLabels: Map<string, Labels>;
  /** Selection is the engine's: the same sets that decide traffic say whom a peer matches. */
  engine: Engine;
}

const views = new WeakMap<Cluster, ClusterView>();

function viewOf(cluster: Cluster): ClusterView {
  const hit = views.get(cluster);
  if (hit) return hit;
  const nsLabels = new Map<string, Labels>();
  for (const ns of cluster.namespaces) nsLabels.set(ns.name, ns.labels);
  // A pod whose namespace was never declared still has the label the API server always sets.
  for (const p of cluster.pods) {
    if (!nsLabels.has(p.namespace)) nsLabels.set(p.namespace, { [METADATA_NAME_LABEL]: p.namespace });
  }
  const view = { cluster, nsLabels, engine: new Engine(cluster, []) };
  views.set(cluster, view);
  return view;
}

function typeOf(d: Direction): PolicyType {
  return d === 'ingress' ? 'Ingress' : 'Egress';
}

function peerField(d: Direction): string {
  return d === 'ingress' ? 'from' : 'to';
}

function isolationTexts(p: NetworkPolicy): IsolationExplanation {
  const types = p.policyTypes;
  const listed = `[${types.join(', ')}]`;
  let policyTypesText: string;
  if (p.policyTypesDefaulted) {
    const why = types.includes('Egress')
      ? 'because the policy has egress rules'
      : '(Egress only when the policy has egress rules)';
    policyTypesText = `policyTypes not set: the API server infers ${listed} ${why}`;
  } else {
    policyTypesText = `policyTypes: ${listed}`;
  }
  const one = (d: Direction): DirectionIsolation => {
    const type = typeOf(d);
    const traffic = d === 'ingress' ? 'incoming traffic to' : 'outgoing traffic from';
    const rules = d === 'ingress' ? p.ingress : p.egress;
    if (!types.includes(type)) {
      return {
        isolated: false,
        text: `${type} not isolated by this policy: ${traffic} the selected pods is not restricted by it`,
      };
    }
    if (rules.length === 0) {
      const dns = d === 'egress' ? ' (DNS included)' : '';
      return {
        isolated: true,
        text: `${type} isolated with no rules: denies all ${traffic} the selected pods${dns}, unless another policy selecting them allows it`,
      };
    }
    const paths = rules.map((_r, i) => `${d}[${i}]`);
    return {
      isolated: true,
      // Policies add up (module 5.1): another policy selecting the same pods can allow more.
      text: `${type} isolated: ${traffic} the selected pods is allowed only if it matches ${paths.join(' OR ')} (or a rule of another policy selecting them)`,
    };
  };
  return { policyTypes: [...types], inferred: p.policyTypesDefaulted, policyTypesText, ingress: one('ingress'), egress: one('egress') };
}

/** Pods a peer matches (ipBlock: pods whose IP the block admits). */
function peerPods(peer: PolicyPeer, policyNs: string, view: ClusterView): Pod[] {
  // Selectors never match hostNetwork pods (their traffic is their node's); ipBlocks match pods by IP.
  const pods = view.cluster.pods.length;
  return view.engine
    .peerMembers(peer, policyNs)
    .filter((i) => i < pods)
    .map((i) => view.cluster.pods[i]);
}

/** Pods a selector peer's labels match, hostNetwork pods included. */
function labelMatchedPods(peer: PolicyPeer, policyNs: string, view: ClusterView): Pod[] {
  return view.cluster.pods.filter((pod) => {
    if (peer.namespaceSelector) {
      if (!selectorMatches(peer.namespaceSelector, view.nsLabels.get(pod.namespace) ?? {})) return false;
    } else if (pod.namespace !== policyNs) return false;
    return !peer.podSelector || selectorMatches(peer.podSelector, pod.labels);
  });
}

/** Whether one of `ips` is in the block (values read as the API server reads them). */
function ipBlockAdmits(cidr: string, except: string[], ips: string[]): boolean {
  const block = parseCidrLegacy(cidr);
  if (!block) return false;
  const holes = except.map(parseCidrLegacy);
  return ips.some((text) => {
    const ip = parseIp(text);
    return ip !== null && cidrContains(block, ip) && !holes.some((h) => h !== null && cidrContains(h, ip));
  });
}

/** The hostNetwork pods among `pods`, as "ns/name (node IP ip)". */
function hostNetworkNames(pods: Pod[]): string[] {
  return pods.filter((p) => p.hostNetwork).map((p) => `${podId(p)} (node IP ${p.ips[0] ?? 'unknown'})`);
}

function namesOf(pods: Pod[]): string[] {
  return pods.map(podId);
}

/** Whether a port entry would admit traffic to 53/UDP (DNS) on some pod. */
function admitsDns(port: PolicyPort): boolean {
  if (port.protocol !== 'UDP') return false;
  if (port.port === undefined) return true;
  if (typeof port.port === 'string') return true; // a named port could be "dns"; give the benefit of the doubt
  return port.port <= 53 && (port.endPort ?? port.port) >= 53;
}

function declaresNamedPort(pod: Pod, name: string, protocol: Protocol): boolean {
  return pod.ports.some((c) => c.name === name && c.protocol === protocol);
}

function ruleText(d: Direction, path: string, anyPeer: boolean, peers: PeerExplanation[], anyPort: boolean, ports: PortExplanation[]): string {
  const verb = d === 'ingress' ? 'from' : 'to';
  const who = anyPeer ? anywhereWords(d) : `${verb} ${peers.map((p) => p.text).join(' OR ')}`;
  const what = anyPort ? `on ${ANY_PORT_WORDS}` : `on ${ports.map((p) => p.text).join(' OR ')}`;
  return `${path} allows traffic ${who}, AND ${what}`;
}

function explainRules(
  p: NetworkPolicy,
  d: Direction,
  selected: Pod[] | undefined,
  view: ClusterView | undefined,
  warnings: ExplainWarning[],
): RuleExplanation[] {
  const rules: PolicyRule[] = d === 'ingress' ? p.ingress : p.egress;
  const ignored = !p.policyTypes.includes(typeOf(d));
  return rules.map((rule, i) => {
    const path = `${d}[${i}]`;
    const anyPeer = rule.peers.length === 0;
    const anyPort = rule.ports.length === 0;
    const peers: PeerExplanation[] = rule.peers.map((peer, j) => {
      const peerPath = `${path}.${peerField(d)}[${j}]`;
      const out: PeerExplanation = { path: peerPath, kind: peerKind(peer), text: peerWords(peer, p.namespace) };
      if (view) {
        const pods = peerPods(peer, p.namespace, view);
        out.pods = namesOf(pods);
        if (!ignored) peerWarnings(peer, peerPath, pods, p.namespace, view, warnings);
      }
      return out;
    });
    const ports: PortExplanation[] = rule.ports.map((port, k) => ({ path: `${path}.ports[${k}]`, text: portWords(port) }));
    if (view && !ignored) {
      // Named ports resolve on the destination: the selected pods for ingress, the peers for egress.
      const destinations =
        d === 'ingress'
          ? selected ?? []
          : anyPeer
            ? view.cluster.pods
            : dedupe(rule.peers.flatMap((peer) => peerPods(peer, p.namespace, view)));
      rule.ports.forEach((port, k) => {
        if (typeof port.port !== 'string') return;
        if (destinations.some((pod) => declaresNamedPort(pod, port.port as string, port.protocol))) return;
        const whose = d === 'ingress' ? 'the pods this policy selects' : "the pods this rule's peers match";
        const none = destinations.length === 0 ? ` (${whose}: none)` : ` (${whose})`;
        warnings.push({
          code: 'named-port-unresolved',
          path: `${path}.ports[${k}]`,
          message: `no destination pod declares a container port named ${port.port}/${port.protocol}${none}: this entry admits nothing`,
        });
      });
    }
    return { path, ignored, anyPeer, peers, anyPort, ports, text: ruleText(d, path, anyPeer, peers, anyPort, ports) };
  });
}

function peerKind(peer: PolicyPeer): PeerExplanation['kind'] {
  if (peer.ipBlock) return 'ipBlock';
  if (!peer.namespaceSelector) return 'pods';
  return peer.podSelector ? 'pods-and-namespaces' : 'namespaces';
}

function dedupe(pods: Pod[]): Pod[] {
  return [...new Set(pods)];
}

function peerWarnings(peer: PolicyPeer, path: string, pods: Pod[], policyNs: string, view: ClusterView, warnings: ExplainWarning[]): void {
  if (peer.ipBlock) {
    const services = view.cluster.services.filter((s) => s.clusterIP && ipBlockAdmits(peer.ipBlock!.cidr, peer.ipBlock!.except, [s.clusterIP]));
    if (services.length > 0) {
      const names = services.map((s) => `${s.namespace}/${s.name} ${s.clusterIP}`);
      warnings.push({
        code: 'ipblock-covers-service',
        path,
        message:
          `ipBlock ${peer.ipBlock.cidr} covers the ClusterIP of Service ${shortList(names)}; kube-proxy DNATs Service traffic ` +
          "to a backend pod before policies see it, so a ClusterIP never matches: select the backends' pods (or their pod IPs) instead",
      });
    }
    if (pods.length > 0) {
      warnings.push({
        code: 'ipblock-covers-pods',
        path,
        message:
          `ipBlock ${peer.ipBlock.cidr} covers pod IPs (${countWords(pods.length)}: ${shortList(namesOf(pods))}); ` +
          'CNIs differ here: Cilium does not match pod IPs with ipBlock, the upstream e2e tests and netpol-dojo do',
      });
    }
    return;
  }
  if (peer.namespaceSelector && !isEmptySelector(peer.namespaceSelector)) {
    const anyNs = [...view.nsLabels.values()].some((labels) => selectorMatches(peer.namespaceSelector!, labels));
    if (!anyNs) {
      const pairs = Object.entries(peer.namespaceSelector.matchLabels).map(([k, v]) => `${k}=${v}`);
      const hint = pairs.length > 0 ? ` (missing \`kubectl label ns <name> ${pairs.join(' ')}\`?)` : '';
      warnings.push({
        code: 'namespace-selector-matches-none',
        path,
        message: `namespaceSelector ${selectorText(peer.namespaceSelector)} matches no namespace${hint}`,
      });
      return;
    }
  }
  const hosts = hostNetworkNames(labelMatchedPods(peer, policyNs, view));
  if (hosts.length > 0) {
    warnings.push({
      code: 'host-network-not-selected',
      path,
      message:
        `its labels match the hostNetwork ${hosts.length === 1 ? 'pod' : 'pods'} ${shortList(hosts)}, which selectors never match: ` +
        'a hostNetwork pod sends as its node (the common CNIs; the docs leave it undefined), so only an ipBlock of the node IP admits it',
    });
  }
  if (pods.length === 0) {
    const where = peer.namespaceSelector ? 'in the namespaces it selects' : `in namespace ${policyNs}`;
    warnings.push({ code: 'peer-matches-no-pods', path, message: `matches no pods ${where} right now` });
  }
}

function countWords(n: number): string {
  return n === 1 ? '1 pod' : `${n} pods`;
}

/** At most `max` names, then "and N more". */
export function shortList(names: string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export interface ExplainOptions {
  /** Every policy of the input (this one included): the DNS warning asks all that select the same pods. */
  policies?: readonly NetworkPolicy[];
}

/** Whether an Egress policy has a rule that could admit DNS (53/UDP) on some destination. */
function allowsDns(p: NetworkPolicy): boolean {
  return p.policyTypes.includes('Egress') && p.egress.some((r) => r.ports.length === 0 || r.ports.some(admitsDns));
}

/**
 * The pods this policy selects that no egress rule of any policy selecting them lets out
 * on 53/UDP. Without pods to go by, another policy counts when it surely selects the same
 * pods: same namespace, and an empty or identical podSelector.
 */
function podsWithoutDns(policy: NetworkPolicy, selected: Pod[] | undefined, all: readonly NetworkPolicy[]): { blocked: boolean; pods?: Pod[] } {
  const others = all.filter((o) => o !== policy && o.namespace === policy.namespace && allowsDns(o));
  if (selected && selected.length > 0) {
    const pods = selected.filter((pod) => !others.some((o) => selectorMatches(o.podSelector, pod.labels)));
    return { blocked: pods.length > 0, pods };
  }
  const text = selectorText(policy.podSelector);
  return { blocked: !others.some((o) => isEmptySelector(o.podSelector) || selectorText(o.podSelector) === text) };
}

export function explainPolicy(policy: NetworkPolicy, cluster?: Cluster, options: ExplainOptions = {}): PolicyExplanation {
  const view = cluster ? viewOf(cluster) : undefined;
  const warnings: ExplainWarning[] = [];

  const labelled = view?.cluster.pods.filter((pod) => pod.namespace === policy.namespace && selectorMatches(policy.podSelector, pod.labels));
  // NetworkPolicies do not apply to hostNetwork pods, whatever their labels.
  const selectedPods = labelled?.filter((pod) => !pod.hostNetwork);
  const selects: SelectsExplanation = { text: targetWords(policy.podSelector, policy.namespace) };
  const hosts = hostNetworkNames(labelled ?? []);
  if (hosts.length > 0) {
    warnings.push({
      code: 'host-network-not-selected',
      path: 'podSelector',
      message:
        `podSelector matches the hostNetwork ${hosts.length === 1 ? 'pod' : 'pods'} ${shortList(hosts)} by label, but policies do not apply to ` +
        "hostNetwork pods: their traffic is their node's (the common CNIs' behaviour; the docs leave it undefined)",
    });
  }
  if (selectedPods) {
    selects.pods = namesOf(selectedPods);
    if (selectedPods.length === 0) {
      warnings.push({
        code: 'selects-no-pods',
        path: 'podSelector',
        message: `podSelector selects no pods in namespace ${policy.namespace}: this policy has no effect right now`,
      });
    }
  }

  const isolates = isolationTexts(policy);
  const ingress = explainRules(policy, 'ingress', selectedPods, view, warnings);
  const egress = explainRules(policy, 'egress', selectedPods, view, warnings);

  for (const d of ['ingress', 'egress'] as const) {
    const rules = d === 'ingress' ? policy.ingress : policy.egress;
    if (rules.length > 0 && !policy.policyTypes.includes(typeOf(d))) {
      warnings.push({
        code: 'rules-ignored',
        path: d,
        message: `the ${d} rules are ignored: policyTypes [${policy.policyTypes.join(', ')}] does not include ${typeOf(d)}`,
      });
    }
  }
  if (isolates.egress.isolated && !allowsDns(policy)) {
    const dns = podsWithoutDns(policy, selectedPods, options.policies ?? [policy]);
    if (dns.blocked) {
      const some = dns.pods && selectedPods && dns.pods.length < selectedPods.length ? ` (${shortList(namesOf(dns.pods))})` : '';
      const asked = options.policies && options.policies.length > 1 ? 'no policy selecting these pods has an egress rule for port 53/UDP either' : 'unless another policy allows DNS';
      warnings.push({
        code: 'no-dns-egress',
        path: 'egress',
        message: `no egress rule admits port 53/UDP: ${asked}, so the selected pods${some} cannot resolve names`,
      });
    }
  }

  // Sort warnings by where they point, so the output reads top to bottom like the manifest.
  const order = (w: ExplainWarning): number => (w.path === 'podSelector' ? 0 : w.path.startsWith('ingress') ? 1 : 2);
  const sorted = warnings.map((w, i) => ({ w, i })).sort((a, b) => order(a.w) - order(b.w) || a.i - b.i).map((x) => x.w);

  // Keys in a fixed order: this object is the JSON output.
  return {
    policy: policyId(policy),
    ...(policy.source ? { source: policy.source } : {}),
    selects,
    isolates,
    ingress,
    egress,
    warnings: sorted,
  };
}
