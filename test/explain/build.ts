// Hand-built policies and clusters for the explain tests: the shapes the API server
// produces after defaulting, written out so each test reads like its manifest.
import type { Cluster, Pod, Protocol } from '../../src/core/model.js';
import type { LabelSelector, LabelSelectorRequirement, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule, PolicyType } from '../../src/core/policy.js';

export function sel(matchLabels: Record<string, string> = {}, matchExpressions: LabelSelectorRequirement[] = []): LabelSelector {
  return { matchLabels, matchExpressions };
}

export function port(p: number | string | undefined, protocol?: Protocol, endPort?: number): PolicyPort {
  const out: PolicyPort = { protocol: protocol ?? 'TCP', protocolDefaulted: protocol === undefined };
  if (p !== undefined) out.port = p;
  if (endPort !== undefined) out.endPort = endPort;
  return out;
}

export function rule(peers: PolicyPeer[] = [], ports: PolicyPort[] = []): PolicyRule {
  return { peers, ports };
}

export function policy(p: {
  name: string;
  namespace?: string;
  podSelector?: LabelSelector;
  policyTypes?: PolicyType[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}): NetworkPolicy {
  const ingress = p.ingress ?? [];
  const egress = p.egress ?? [];
  // API-server defaulting: Ingress always, Egress when egress rules exist.
  const inferred: PolicyType[] = egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  return {
    name: p.name,
    namespace: p.namespace ?? 'default',
    podSelector: p.podSelector ?? sel(),
    policyTypes: p.policyTypes ?? inferred,
    policyTypesDefaulted: p.policyTypes === undefined,
    ingress,
    egress,
  };
}

export function pod(id: string, labels: Record<string, string>, ip: string, ports: Pod['ports'] = []): Pod {
  const [namespace, name] = id.split('/');
  return { namespace, name, labels, ips: [ip], ports };
}

export function cluster(namespaces: Record<string, Record<string, string>>, pods: Pod[]): Cluster {
  return {
    namespaces: Object.entries(namespaces).map(([name, labels]) => ({
      name,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    })),
    pods,
    services: [],
    externals: [],
  };
}
