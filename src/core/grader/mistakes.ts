// The classic NetworkPolicy mistakes (module 13, section 7.3), spotted in an answer:
// a policy that selects nothing, a namespace label nobody set, AND/OR confusion, DNS
// blocked, a Service port where the pod port was needed, rules their policyTypes ignore.
import type { Cluster } from '../model.js';
import type { NetworkPolicy, PolicyPeer, PolicyRule } from '../policy.js';
import { policyId } from '../policy.js';
import { selectorMatches, selectorText, isEmptySelector } from '../labels.js';
import type { Engine } from '../engine/engine.js';
import type { PreparedStep } from '../bank/prepare.js';
import { dnsReachable } from './evaluate.js';

export type MistakeCode =
  | 'selects-no-pods'
  | 'peer-matches-no-pods'
  | 'namespace-label-unset'
  | 'and-instead-of-or'
  | 'or-instead-of-and'
  | 'dns-blocked'
  | 'service-port'
  | 'rules-ignored'
  | 'replaces-existing';

export interface Mistake {
  code: MistakeCode;
  /** "ns/name" of the policy concerned, when there is one. */
  policy?: string;
  message: string;
}

function selText(s: { matchLabels: Record<string, string>; matchExpressions: unknown[] }): string {
  const t = selectorText(s as never);
  return t === '' ? '{}' : t;
}

function podsIn(cluster: Cluster, ns: string) {
  return cluster.pods.filter((p) => p.namespace === ns);
}

/** Static mistakes: visible in the policies and the cluster alone. */
export function staticMistakes(answer: readonly NetworkPolicy[], cluster: Cluster): Mistake[] {
  const out: Mistake[] = [];
  for (const p of answer) {
    const id = policyId(p);
    const here = podsIn(cluster, p.namespace);
    if (!cluster.namespaces.some((n) => n.name === p.namespace)) {
      out.push({ code: 'selects-no-pods', policy: id, message: `${id} selects no pods: namespace ${p.namespace} does not exist in this exercise (a policy applies only to pods of its own namespace)` });
    } else if (here.length === 0) {
      const hint = isEmptySelector(p.podSelector) ? '' : `; pods with ${selText(p.podSelector)} live in ${[...new Set(cluster.pods.filter((pod) => selectorMatches(p.podSelector, pod.labels)).map((pod) => pod.namespace))].join(', ') || 'no namespace'}`;
      out.push({ code: 'selects-no-pods', policy: id, message: `${id} selects no pods: namespace ${p.namespace} has no pods in this exercise (a policy applies only to pods of its own namespace)${hint}` });
    } else if (!here.some((pod) => selectorMatches(p.podSelector, pod.labels))) {
      const elsewhere = [...new Set(cluster.pods.filter((pod) => pod.namespace !== p.namespace && selectorMatches(p.podSelector, pod.labels)).map((pod) => pod.namespace))];
      const hint = elsewhere.length ? `; pods with ${selText(p.podSelector)} live in ${elsewhere.join(', ')}: a policy applies only to pods of its own namespace` : '; check the labels with kubectl get pods --show-labels';
      out.push({ code: 'selects-no-pods', policy: id, message: `${id} selects no pods: no pod in namespace ${p.namespace} matches podSelector ${selText(p.podSelector)}${hint}` });
    }
    const rulesOf = (dir: 'ingress' | 'egress'): PolicyRule[] => (dir === 'ingress' ? p.ingress : p.egress);
    for (const dir of ['ingress', 'egress'] as const) {
      const type = dir === 'ingress' ? 'Ingress' : 'Egress';
      if (rulesOf(dir).length > 0 && !p.policyTypes.includes(type)) {
        out.push({ code: 'rules-ignored', policy: id, message: `${id} has ${dir} rules but its policyTypes does not list ${type}: those rules are ignored (list both types in policyTypes)` });
      }
      rulesOf(dir).forEach((rule, ri) => {
        rule.peers.forEach((peer) => peerMistakes(out, p, dir, ri, peer, cluster));
        for (const port of rule.ports) {
          if (typeof port.port !== 'number' || port.endPort !== undefined) continue;
          for (const svc of cluster.services) {
            const sp = svc.ports.find((x) => x.port === port.port && x.protocol === port.protocol && x.targetPort !== x.port);
            if (!sp) continue;
            const backing = cluster.pods.filter((pod) => pod.namespace === svc.namespace && Object.keys(svc.selector).length > 0 && Object.entries(svc.selector).every(([k, v]) => pod.labels[k] === v));
            if (backing.some((pod) => pod.ports.some((c) => c.port === port.port && c.protocol === port.protocol))) continue;
            out.push({
              code: 'service-port',
              policy: id,
              message: `${id} ${dir}[${ri}] uses port ${port.port}, the port of Service ${svc.namespace}/${svc.name}; NetworkPolicy sees the pod's port, here ${sp.targetPort} (the Service's targetPort)`,
            });
            break;
          }
        }
      });
    }
  }
  return out;
}

function peerMistakes(out: Mistake[], p: NetworkPolicy, dir: string, ri: number, peer: PolicyPeer, cluster: Cluster): void {
  const id = policyId(p);
  const where = `${id} ${dir}[${ri}]`;
  if (peer.namespaceSelector && !isEmptySelector(peer.namespaceSelector)) {
    const matching = cluster.namespaces.filter((n) => selectorMatches(peer.namespaceSelector!, n.labels));
    if (matching.length === 0) {
      const keys = Object.keys(peer.namespaceSelector.matchLabels);
      const inUse = cluster.namespaces
        .flatMap((n) => Object.entries(n.labels).filter(([k]) => keys.includes(k) || k !== 'kubernetes.io/metadata.name').map(([k, v]) => `${n.name} has ${k}=${v}`))
        .slice(0, 4);
      out.push({
        code: 'namespace-label-unset',
        policy: id,
        message: `${where}: namespaceSelector ${selText(peer.namespaceSelector)} matches no namespace, because no namespace carries that label (kubectl get ns --show-labels${inUse.length ? `: ${inUse.join(', ')}` : ''}; set one with kubectl label namespace)`,
      });
      return;
    }
  }
  if (peer.podSelector && !peer.namespaceSelector && !isEmptySelector(peer.podSelector)) {
    if (!podsIn(cluster, p.namespace).some((pod) => selectorMatches(peer.podSelector!, pod.labels))) {
      const elsewhere = [...new Set(cluster.pods.filter((pod) => selectorMatches(peer.podSelector!, pod.labels)).map((pod) => pod.namespace))];
      const hint = elsewhere.length
        ? `; those pods live in ${elsewhere.join(', ')}: a podSelector alone only looks in the policy's own namespace, add a namespaceSelector in the same entry`
        : '';
      out.push({ code: 'peer-matches-no-pods', policy: id, message: `${where}: podSelector ${selText(peer.podSelector)} matches no pod in namespace ${p.namespace}${hint}` });
    }
  }
}

/** Policies with one rule's peers rewritten. */
function withRule(policies: readonly NetworkPolicy[], pi: number, dir: 'ingress' | 'egress', ri: number, peers: PolicyPeer[]): NetworkPolicy[] {
  return policies.map((p, i) => {
    if (i !== pi) return p;
    const rules = (dir === 'ingress' ? p.ingress : p.egress).map((r, j) => (j === ri ? { ...r, peers } : r));
    return dir === 'ingress' ? { ...p, ingress: rules } : { ...p, egress: rules };
  });
}

/**
 * AND/OR confusion: re-grade with a peer split in two (AND -> OR) or two peers merged into
 * one (OR -> AND); if that rewrite mends something and breaks nothing, that was the mistake.
 * (Merely fewer wrong cells is not enough: a wrong label value can look like AND/OR.)
 * `all` holds existing + answer policies; `answerFrom` is the index of the first answer policy.
 */
export function andOrMistakes(
  all: readonly NetworkPolicy[],
  answerFrom: number,
  cluster: Cluster,
  fixes: (policies: NetworkPolicy[]) => boolean,
): Mistake[] {
  const out: Mistake[] = [];
  for (let pi = answerFrom; pi < all.length; pi++) {
    const p = all[pi];
    for (const dir of ['ingress', 'egress'] as const) {
      const list = dir === 'ingress' ? 'from' : 'to';
      (dir === 'ingress' ? p.ingress : p.egress).forEach((rule, ri) => {
        const where = `${policyId(p)} ${dir}[${ri}]`;
        rule.peers.forEach((peer, k) => {
          if (!peer.podSelector || !peer.namespaceSelector) return;
          // A selector that matches nothing is its own mistake (reported above), not AND/OR.
          if (!cluster.namespaces.some((n) => selectorMatches(peer.namespaceSelector!, n.labels))) return;
          const split = [...rule.peers.slice(0, k), { podSelector: peer.podSelector }, { namespaceSelector: peer.namespaceSelector }, ...rule.peers.slice(k + 1)];
          if (fixes(withRule(all, pi, dir, ri, split))) {
            out.push({
              code: 'and-instead-of-or',
              policy: policyId(p),
              message: `AND/OR confusion in ${where}: one ${list} entry holding both podSelector and namespaceSelector means AND (both must match); the task needs them as two separate entries (two dashes), which means OR`,
            });
          }
        });
        const pods = rule.peers.findIndex((x) => x.podSelector && !x.namespaceSelector);
        const nss = rule.peers.findIndex((x) => x.namespaceSelector && !x.podSelector);
        if (pods >= 0 && nss >= 0) {
          const merged = { podSelector: rule.peers[pods].podSelector, namespaceSelector: rule.peers[nss].namespaceSelector };
          const rest = rule.peers.filter((_, j) => j !== pods && j !== nss);
          if (fixes(withRule(all, pi, dir, ri, [...rest, merged]))) {
            out.push({
              code: 'or-instead-of-and',
              policy: policyId(p),
              message: `AND/OR confusion in ${where}: podSelector and namespaceSelector as separate ${list} entries (two dashes) mean OR, letting in more than asked; put them in one entry (one dash) to mean AND`,
            });
          }
        }
      });
    }
  }
  return out;
}

/** Pods that the step needs to resolve names but cannot reach CoreDNS. */
export function dnsMistakes(engine: Engine, prep: PreparedStep): Mistake[] {
  const needs = new Set<number>();
  for (const c of prep.checks) if (c.dns && c.spec.expect === 'success') needs.add(c.from);
  for (const c of prep.cells) if (c.allowed && prep.dnsPods.includes(c.to) && c.probe.port === 53 && c.probe.protocol === 'UDP') needs.add(c.from);
  const blocked = [...needs].filter((i) => !dnsReachable(engine, prep, i)).map((i) => prep.endpoints[i].id);
  if (blocked.length === 0) return [];
  return [
    {
      code: 'dns-blocked',
      message: `DNS is blocked for ${blocked.join(', ')}: ${blocked.length > 1 ? 'they cannot' : 'it cannot'} reach CoreDNS (kube-system, k8s-app=kube-dns) on 53/UDP, so Service names do not resolve; allow egress on port 53 (UDP, and TCP for large answers)`,
    },
  ];
}
