// Test-only builders for hand-made clusters and policies (no YAML involved).
import type { Cluster, ContainerPort, Pod } from '../../src/core/model.js';
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, PolicyType } from '../../src/core/policy.js';

export function sel(matchLabels: Record<string, string> = {}, matchExpressions: LabelSelector['matchExpressions'] = []): LabelSelector {
  return { matchLabels, matchExpressions };
}

export function pod(id: string, ip: string, labels: Record<string, string> = {}, ports: ContainerPort[] = [{ port: 80, protocol: 'TCP' }]): Pod {
  const [namespace, name] = id.split('/');
  return { namespace, name, labels, ips: [ip], ports };
}

export function cluster(pods: Pod[], nsLabels: Record<string, Record<string, string>> = {}, externals: Cluster['externals'] = []): Cluster {
  const names = new Set([...pods.map((p) => p.namespace), ...Object.keys(nsLabels)]);
  return {
    namespaces: [...names].map((n) => ({ name: n, labels: { 'kubernetes.io/metadata.name': n, ...(nsLabels[n] ?? {}) } })),
    pods,
    services: [],
    externals,
  };
}

export function port(p?: number | string, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP', endPort?: number): PolicyPort {
  const out: PolicyPort = { protocol, protocolDefaulted: false };
  if (p !== undefined) out.port = p;
  if (endPort !== undefined) out.endPort = endPort;
  return out;
}

export function rule(peers: PolicyPeer[] = [], ports: PolicyPort[] = []): PolicyRule {
  return { peers, ports };
}

export function policy(
  id: string,
  podSelector: LabelSelector,
  spec: { ingress?: PolicyRule[]; egress?: PolicyRule[]; policyTypes?: PolicyType[] },
): NetworkPolicy {
  const [namespace, name] = id.split('/');
  // API-server defaulting: Ingress always, Egress when egress rules exist.
  const types = spec.policyTypes ?? (['Ingress', ...(spec.egress && spec.egress.length ? ['Egress'] : [])] as PolicyType[]);
  return {
    namespace,
    name,
    podSelector,
    policyTypes: types,
    policyTypesDefaulted: spec.policyTypes === undefined,
    ingress: spec.ingress ?? [],
    egress: spec.egress ?? [],
  };
}
