// Verdicts in words: the one place that turns the engine's structured reasons into
// sentences, shared by `why`, the grader and the TUI.
import type { Engine } from './engine.js';
import type { DirectionVerdict, RuleRef, Verdict } from './types.js';
import { probeKey } from './types.js';
import { selectorText, isEmptySelector } from '../labels.js';
import type { PolicyPeer, PolicyPort, LabelSelector } from '../policy.js';
import { familyOf, formatIp, parseIp, type IP } from '../ip.js';
import { cniName, enforcesPolicies, podId } from '../model.js';

/** Field path of a rule: ingress[0] / egress[1]. */
export function rulePath(r: RuleRef): string {
  return `${r.direction}[${r.ruleIndex}]`;
}

/** Field path of the matched peer: ingress[0].from[1]; the rule alone when from/to is empty. */
export function peerPath(r: RuleRef): string {
  if (r.peerIndex === null || r.peerIndex < 0) return rulePath(r);
  return `${rulePath(r)}.${r.direction === 'ingress' ? 'from' : 'to'}[${r.peerIndex}]`;
}

function selectorWords(sel: LabelSelector, what: string): string {
  return isEmptySelector(sel) ? `every ${what}` : `${what}s labelled ${selectorText(sel)}`;
}

export function peerWords(peer: PolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock) {
    const ex = peer.ipBlock.except.length ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `IPs in ${peer.ipBlock.cidr}${ex}`;
  }
  const pods = peer.podSelector ? selectorWords(peer.podSelector, 'pod') : 'every pod';
  if (!peer.namespaceSelector) return `${pods} in namespace ${policyNamespace}`;
  const ns = isEmptySelector(peer.namespaceSelector) ? 'every namespace' : `namespaces labelled ${selectorText(peer.namespaceSelector)}`;
  return peer.podSelector ? `${pods} AND in ${ns}` : `${pods} in ${ns}`;
}

export function portWords(p: PolicyPort): string {
  if (p.port === undefined) return `any ${p.protocol} port`;
  if (typeof p.port === 'string') return `the port named ${p.port}/${p.protocol}`;
  if (p.endPort !== undefined) return `ports ${p.port}-${p.endPort}/${p.protocol}`;
  return `${p.port}/${p.protocol}`;
}

/** "netpol-test/allow-web ingress[0] (from[0]: pods labelled app=client in namespace netpol-test)" */
export function ruleWords(engine: Engine, r: RuleRef): string {
  const policy = engine.policy(r.policy);
  const rule = policy ? (r.direction === 'ingress' ? policy.ingress : policy.egress)[r.ruleIndex] : undefined;
  if (!policy || !rule) return `${r.policy} ${rulePath(r)}`;
  const peers =
    r.peerIndex === null
      ? r.direction === 'ingress'
        ? 'from anywhere'
        : 'to anywhere'
      : r.peerIndex >= 0
        ? `${peerPath(r).slice(rulePath(r).length + 1)}: ${peerWords(rule.peers[r.peerIndex], policy.namespace)}`
        : 'no peer matched';
  const ports = r.portIndex === null ? 'any port' : r.portIndex >= 0 ? portWords(rule.ports[r.portIndex]) : 'no port matched';
  return `${r.policy} ${rulePath(r)} (${peers}; ${ports})`;
}

function sideWords(engine: Engine, v: DirectionVerdict, pod: string, other: string, probe: string, hostNetwork = false): string {
  const dir = v.direction;
  if (!v.isolated && hostNetwork) return `${dir} at ${pod}: not isolated (a hostNetwork pod: NetworkPolicies do not select it), allowed`;
  if (!v.isolated) return `${dir} at ${pod}: not isolated (no ${dir === 'ingress' ? 'Ingress' : 'Egress'} policy selects it), allowed`;
  const by = `isolated for ${dir} by ${v.isolatedBy.join(', ')}`;
  if (v.allowedBy.length > 0) return `${dir} at ${pod}: ${by}; admitted by ${v.allowedBy.map((r) => ruleWords(engine, r)).join(' and by ')}`;
  if (v.considered.length === 0) return `${dir} at ${pod}: ${by}, ${v.isolatedBy.length === 1 ? 'which has' : 'which have'} no ${dir} rules: every ${dir === 'ingress' ? 'incoming' : 'outgoing'} connection is denied`;
  const misses = v.considered.map((r) => {
    const why = r.portIndex === -1 && r.peerIndex === -1 ? 'neither peer nor port matches' : r.portIndex === -1 ? `port ${probe} is not listed` : `${other} matches no peer`;
    return `${r.policy} ${rulePath(r)}: ${why}`;
  });
  return `${dir} at ${pod}: ${by}; no ${dir} rule admits ${other} on ${probe} (${misses.join('; ')})`;
}

/**
 * Why nothing is filtered on a cluster whose CNI does not enforce NetworkPolicies (Flannel): the
 * API server stores the policies, and no component acts on them. Undefined on an enforcing cluster.
 */
export function notEnforcedWords(engine: Engine): string | undefined {
  const cni = engine.cluster.cni;
  if (cni === undefined || enforcesPolicies(engine.cluster)) return undefined;
  const ids = engine.unenforced;
  const held = ids.length === 0 ? 'no policy would filter anything either' : `${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} stored by the API server and filter${ids.length === 1 ? 's' : ''} nothing`;
  return `policies are not enforced: this cluster's CNI, ${cniName(cni)}, does not implement NetworkPolicy, so ${held}`;
}

/** Both sides, one line each; a loopback or a hostNetwork pod gets its own line. */
export function verdictLines(engine: Engine, v: Verdict): string[] {
  const probe = probeKey(v.probe);
  const head = `${v.from} -> ${v.to} on ${probe}: ${v.allowed ? 'ALLOWED' : 'DENIED'}`;
  if (v.loopback) return [head, `  ${LOOPBACK_WORDS}`];
  const unenforced = notEnforcedWords(engine);
  if (unenforced) return [head, `  ${unenforced}`];
  const fromEp = engine.endpoints[engine.indexOf(v.from)];
  const toEp = engine.endpoints[engine.indexOf(v.to)];
  const egressPod = fromEp?.kind === 'external' ? `${v.from} (outside the cluster)` : v.from;
  const ingressPod = toEp?.kind === 'external' ? `${v.to} (outside the cluster)` : v.to;
  const lines = [head, `  ${sideWords(engine, v.egress, egressPod, v.to, probe, fromEp?.hostNetwork)}`, `  ${sideWords(engine, v.ingress, ingressPod, v.from, probe, toEp?.hostNetwork)}`];
  for (const ep of [fromEp, toEp]) if (ep?.hostNetwork) lines.push(`  note: ${hostNetworkWords(ep.id, ep.ip)}`);
  const family = familyNote(engine, v);
  if (family) lines.push(`  note: ${family}`);
  return lines;
}

/** The addresses of an endpoint, primary first. */
function addressesOf(engine: Engine, id: string): IP[] {
  const pod = engine.cluster.pods.find((p) => podId(p) === id);
  const texts = pod ? pod.ips : [engine.endpoints[engine.indexOf(id)]?.ip ?? ''];
  return texts.map((t) => parseIp(t)).filter((x): x is IP => x !== null);
}

/**
 * Dual-stack: which family the connection has and which address of the peer an ipBlock
 * then sees, said only when an ipBlock is in play and the two ends do not share one family.
 */
function familyNote(engine: Engine, v: Verdict): string | undefined {
  const rules = [...v.egress.considered, ...v.ingress.considered];
  const usesIpBlock = rules.some((r) => {
    const policy = engine.policy(r.policy);
    const rule = policy && (r.direction === 'ingress' ? policy.ingress : policy.egress)[r.ruleIndex];
    return rule?.peers.some((p) => p.ipBlock) ?? false;
  });
  if (!usesIpBlock) return undefined;
  const to = addressesOf(engine, v.to);
  const from = addressesOf(engine, v.from);
  if (to.length === 0) return undefined;
  const fam = familyOf(to[0]);
  const families = new Set([...to, ...from].map(familyOf));
  if (families.size < 2) return undefined;
  const own = from.find((ip) => familyOf(ip) === fam);
  const theirs = own ? `${v.from}'s is ${formatIp(own)}` : `${v.from} has none`;
  return `the connection is IPv${fam} (${v.to}'s primary IP is ${formatIp(to[0])}), so ipBlocks match it by IPv${fam} addresses only: ${theirs}`;
}

export const LOOPBACK_WORDS = 'a pod always reaches itself: traffic to its own IP stays on loopback inside the pod, which no NetworkPolicy filters (not even one that selects the pod)';

/** What a hostNetwork pod is to NetworkPolicy (the common CNIs' behaviour; the docs leave it undefined). */
export function hostNetworkWords(id: string, ip: string): string {
  return (
    `${id} uses hostNetwork: its traffic is node traffic from and to the node IP ${ip}; ` +
    'policies do not select it, and podSelector/namespaceSelector peers never match it (an ipBlock of the node IP does)'
  );
}

/** The rules of a denied side that came close: right peer but wrong port, or the reverse. */
function nearMisses(engine: Engine, d: DirectionVerdict, peer: string, probe: string): string[] {
  const out: string[] = [];
  for (const r of d.considered) {
    if (r.peerIndex !== -1 && r.portIndex === -1) {
      const policy = engine.policy(r.policy);
      const rule = policy && (r.direction === 'ingress' ? policy.ingress : policy.egress)[r.ruleIndex];
      const ports = rule ? rule.ports.map(portWords).join(', ') : '';
      out.push(`${r.policy} ${rulePath(r)} admits ${peer} but only on ${ports}, not ${probe}`);
    } else if (r.peerIndex === -1 && r.portIndex !== -1) {
      out.push(`${r.policy} ${rulePath(r)} covers ${probe} but its ${r.direction === 'ingress' ? 'from' : 'to'} list does not match ${peer}`);
    }
    if (out.length >= 2) break;
  }
  return out;
}

function deniedSide(engine: Engine, d: DirectionVerdict, v: Verdict): string {
  const probe = probeKey(v.probe);
  const peer = d.direction === 'ingress' ? v.from : v.to;
  const self = d.direction === 'ingress' ? v.to : v.from;
  const head =
    d.direction === 'ingress'
      ? `${self} is isolated for ingress by ${d.isolatedBy.join(', ')} and no ingress rule admits ${peer} on ${probe}`
      : `${self} is isolated for egress by ${d.isolatedBy.join(', ')} and no egress rule lets it reach ${peer} on ${probe}`;
  const near = nearMisses(engine, d, peer, probe);
  return near.length ? `${head} (${near.join('; ')})` : head;
}

function allowedSide(d: DirectionVerdict, v: Verdict): string {
  const self = d.direction === 'ingress' ? v.to : v.from;
  if (!d.isolated) {
    if (d.direction === 'ingress') return `no policy selects ${self} for ingress, so it accepts everything`;
    return `no policy selects ${self} for egress, so it may send anywhere`;
  }
  return `${d.allowedBy.map((r) => `${r.policy} ${rulePath(r)}`).join(' and ')} ${d.allowedBy.length > 1 ? 'admit' : 'admits'} it`;
}

/** Why a connection is allowed or denied, in one sentence (the grader's and the TUI's cell reason). */
export function explainVerdict(engine: Engine, v: Verdict): string {
  if (v.loopback) return `allowed: ${LOOPBACK_WORDS}`;
  const unenforced = notEnforcedWords(engine);
  if (unenforced) return `allowed: ${unenforced}`;
  const isExternal = (id: string) => engine.endpoints[engine.indexOf(id)]?.kind === 'external';
  if (!v.allowed) {
    const parts: string[] = [];
    if (!v.egress.allowed) parts.push(deniedSide(engine, v.egress, v));
    if (!v.ingress.allowed) parts.push(deniedSide(engine, v.ingress, v));
    return `denied: ${parts.join('; and ')}`;
  }
  const parts: string[] = [];
  if (!isExternal(v.to)) parts.push(allowedSide(v.ingress, v));
  if (!isExternal(v.from)) parts.push(allowedSide(v.egress, v));
  return `allowed: ${parts.join('; ')}`;
}
