// Engine verdicts in a learner's words: who isolated whom, which rule admitted what,
// or which rules came close (right peer, wrong port; right port, wrong peer).
import type { Engine } from '../engine/engine.js';
import type { DirectionVerdict, Probe, RuleRef, Verdict } from '../engine/types.js';
import type { PolicyPort } from '../policy.js';

export function probeText(p: Probe): string {
  return `${p.port}/${p.protocol}`;
}

export function policyPortText(p: PolicyPort): string {
  if (p.port === undefined) return `every ${p.protocol} port`;
  if (p.endPort !== undefined) return `${p.port}-${p.endPort}/${p.protocol}`;
  return `${p.port}/${p.protocol}`;
}

function ruleName(r: RuleRef): string {
  return `${r.policy} ${r.direction} rule ${r.ruleIndex + 1}`;
}

function nearMisses(d: DirectionVerdict, engine: Engine, peer: string, probe: Probe): string[] {
  const out: string[] = [];
  for (const r of d.considered ?? []) {
    if (r.peerIndex !== -1 && r.portIndex === -1) {
      const policy = engine.policy(r.policy);
      const rule = policy && (r.direction === 'ingress' ? policy.ingress : policy.egress)[r.ruleIndex];
      const ports = rule ? rule.ports.map(policyPortText).join(', ') : '';
      out.push(`${ruleName(r)} admits ${peer} but only on ${ports}, not ${probeText(probe)}`);
    } else if (r.peerIndex === -1 && r.portIndex !== -1) {
      out.push(`${ruleName(r)} covers ${probeText(probe)} but its ${r.direction === 'ingress' ? 'from' : 'to'} list does not match ${peer}`);
    }
    if (out.length >= 2) break;
  }
  return out;
}

function deniedSide(d: DirectionVerdict, v: Verdict, engine: Engine): string {
  const peer = d.direction === 'ingress' ? v.from : v.to;
  const self = d.direction === 'ingress' ? v.to : v.from;
  const head =
    d.direction === 'ingress'
      ? `${self} is isolated for ingress by ${d.isolatedBy.join(', ')} and no ingress rule admits ${peer} on ${probeText(v.probe)}`
      : `${self} is isolated for egress by ${d.isolatedBy.join(', ')} and no egress rule lets it reach ${peer} on ${probeText(v.probe)}`;
  const near = nearMisses(d, engine, peer, v.probe);
  return near.length ? `${head} (${near.join('; ')})` : head;
}

function allowedSide(d: DirectionVerdict, v: Verdict): string {
  const self = d.direction === 'ingress' ? v.to : v.from;
  if (!d.isolated) {
    if (d.direction === 'ingress') return `no policy selects ${self} for ingress, so it accepts everything`;
    return `no policy selects ${self} for egress, so it may send anywhere`;
  }
  return `${d.allowedBy.map(ruleName).join(' and ')} ${d.allowedBy.length > 1 ? 'admit' : 'admits'} it`;
}

/** Why a connection is allowed or denied, in one sentence. */
export function explainVerdict(v: Verdict, engine: Engine): string {
  const externalFrom = engine.indexOf(v.from) >= 0 && engine.endpoints[engine.indexOf(v.from)].kind === 'external';
  const externalTo = engine.indexOf(v.to) >= 0 && engine.endpoints[engine.indexOf(v.to)].kind === 'external';
  if (!v.allowed) {
    const parts: string[] = [];
    if (!v.egress.allowed) parts.push(deniedSide(v.egress, v, engine));
    if (!v.ingress.allowed) parts.push(deniedSide(v.ingress, v, engine));
    return `denied: ${parts.join('; and ')}`;
  }
  const parts: string[] = [];
  if (!externalTo) parts.push(allowedSide(v.ingress, v));
  if (!externalFrom) parts.push(allowedSide(v.egress, v));
  return `allowed: ${parts.join('; ')}`;
}
