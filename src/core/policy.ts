// NetworkPolicy (networking.k8s.io/v1) after validation and API-server defaulting.
// The `*Defaulted` flags remember what the author left out, so that `explain`
// and the grader can say "policyTypes was inferred" or "protocol defaults to TCP".
import type { Protocol, SourcePos } from './model.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

/** An empty selector (no labels, no expressions) matches everything. */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}

export interface IPBlock {
  cidr: string;
  except: string[];
}

/** Exactly one of: ipBlock; or podSelector and/or namespaceSelector (both = AND). */
export interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
  source?: SourcePos;
}

export interface PolicyPort {
  protocol: Protocol;
  /** true when the manifest omitted protocol and the API server set TCP. */
  protocolDefaulted: boolean;
  /** Absent = every port of `protocol`. A string is a named container port. */
  port?: number | string;
  /** Only with a numeric `port`; the range port..endPort inclusive. */
  endPort?: number;
  source?: SourcePos;
}

export interface PolicyRule {
  /** `from` (ingress) or `to` (egress). Empty = every peer, inside or outside the cluster. */
  peers: PolicyPeer[];
  /** Empty = every port and protocol. */
  ports: PolicyPort[];
  source?: SourcePos;
}

export type PolicyType = 'Ingress' | 'Egress';
export type Direction = 'ingress' | 'egress';

export interface NetworkPolicy {
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  policyTypes: PolicyType[];
  /** true when spec.policyTypes was missing or empty and the API server inferred it. */
  policyTypesDefaulted: boolean;
  ingress: PolicyRule[];
  egress: PolicyRule[];
  source?: SourcePos;
}

export function policyId(p: { namespace: string; name: string }): string {
  return `${p.namespace}/${p.name}`;
}

export function emptySelector(): LabelSelector {
  return { matchLabels: {}, matchExpressions: [] };
}
