// Verdicts in words: the one place that turns the engine's structured reasons into
// sentences, shared by `why`, the grader and the TUI.
import type { Engine } from './engine.js';
import type { DirectionVerdict, RuleRef, Verdict } from './types.js';
import { probeKey } from './types.js';
import { selectorText, isEmptySelector } from '../labels.js';
import type { PolicyPeer, PolicyPort, LabelSelector } from '../policy.js';

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

function sideWords(engine: Engine, v: DirectionVerdict, pod: string, other: string, probe: string): string {
  const dir = v.direction;
  if (!v.isolated) return `${dir} at ${pod}: not isolated (no ${dir === 'ingress' ? 'Ingress' : 'Egress'} policy selects it), allowed`;
  const by = `isolated for ${dir} by ${v.isolatedBy.join(', ')}`;
  if (v.allowedBy.length > 0) return `${dir} at ${pod}: ${by}; admitted by ${v.allowedBy.map((r) => ruleWords(engine, r)).join(' and by ')}`;
  if (v.considered.length === 0) return `${dir} at ${pod}: ${by}, which have no ${dir} rules: every ${dir === 'ingress' ? 'incoming' : 'outgoing'} connection is denied`;
  const misses = v.considered.map((r) => {
    const why = r.portIndex === -1 && r.peerIndex === -1 ? 'neither peer nor port matches' : r.portIndex === -1 ? `port ${probe} is not listed` : `${other} matches no peer`;
    return `${r.policy} ${rulePath(r)}: ${why}`;
  });
  return `${dir} at ${pod}: ${by}; no ${dir} rule admits ${other} on ${probe} (${misses.join('; ')})`;
}

/** Both sides, one line each. */
export function verdictLines(engine: Engine, v: Verdict): string[] {
  const probe = probeKey(v.probe);
  const head = `${v.from} -> ${v.to} on ${probe}: ${v.allowed ? 'ALLOWED' : 'DENIED'}`;
  const egressPod = engine.endpoints[engine.indexOf(v.from)]?.kind === 'external' ? `${v.from} (outside the cluster)` : v.from;
  const ingressPod = engine.endpoints[engine.indexOf(v.to)]?.kind === 'external' ? `${v.to} (outside the cluster)` : v.to;
  return [head, `  ${sideWords(engine, v.egress, egressPod, v.to, probe)}`, `  ${sideWords(engine, v.ingress, ingressPod, v.from, probe)}`];
}

/** One sentence for a matrix cell, naming the side that decided it. */
export function verdictReason(engine: Engine, v: Verdict): string {
  const probe = probeKey(v.probe);
  if (v.allowed) {
    const parts: string[] = [];
    for (const side of [v.egress, v.ingress]) {
      const pod = side.direction === 'egress' ? v.from : v.to;
      parts.push(side.isolated ? `${side.direction} admitted by ${ruleWords(engine, side.allowedBy[0])}` : `${pod} is not isolated for ${side.direction}`);
    }
    return `allowed: ${parts.join('; ')}`;
  }
  const denied = [v.egress, v.ingress].filter((s) => !s.allowed);
  return (
    'denied: ' +
    denied
      .map((s) => {
        const pod = s.direction === 'egress' ? v.from : v.to;
        const other = s.direction === 'egress' ? v.to : v.from;
        return `${pod} is isolated for ${s.direction} by ${s.isolatedBy.join(', ')} and no ${s.direction} rule admits ${other} on ${probe}`;
      })
      .join('; ')
  );
}
