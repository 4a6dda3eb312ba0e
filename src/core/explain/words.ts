// The vocabulary of `explain`: label selectors, peers and ports in plain English.
// Pure string building; explain.ts decides what to say and warns, format.ts lays it out.
import { METADATA_NAME_LABEL } from '../model.js';
import type { IPBlock, LabelSelector, LabelSelectorRequirement, PolicyPeer, PolicyPort } from '../policy.js';
import { isEmptySelector } from '../labels.js';
import { formatNetwork, parseCidrLegacy } from '../ip.js';

/** "a, b and c" */
export function listWords(items: string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function requirementWords(r: LabelSelectorRequirement): string {
  switch (r.operator) {
    case 'In':
      return `whose ${r.key} is one of ${r.values.join(', ')}`;
    case 'NotIn':
      // Kubernetes counts a missing key as "not in": say so, it surprises people.
      return `whose ${r.key} is not one of ${r.values.join(', ')} (or that have no ${r.key} label)`;
    case 'Exists':
      return `with label ${r.key}`;
    case 'DoesNotExist':
      return `without label ${r.key}`;
  }
}

/**
 * The conditions of a non-empty selector, after a plural noun:
 * "labelled app=web and tier=db and whose zone is one of a, b".
 */
export function selectorConditions(sel: LabelSelector): string {
  const parts: string[] = [];
  const pairs = Object.keys(sel.matchLabels)
    .sort()
    .map((k) => `${k}=${sel.matchLabels[k]}`);
  if (pairs.length > 0) parts.push(`labelled ${pairs.join(' and ')}`);
  for (const r of sel.matchExpressions) parts.push(requirementWords(r));
  return parts.join(' and ');
}

/** The namespace a selector names through the kubernetes.io/metadata.name label alone, if that is all it says. */
export function namespaceByName(sel: LabelSelector): string | undefined {
  const keys = Object.keys(sel.matchLabels);
  if (keys.length === 1 && keys[0] === METADATA_NAME_LABEL && sel.matchExpressions.length === 0) {
    return sel.matchLabels[METADATA_NAME_LABEL];
  }
  return undefined;
}

/** "namespaces labelled team=monitoring", or "namespace prod (kubernetes.io/metadata.name=prod)". */
export function namespacesWords(sel: LabelSelector): string {
  const byName = namespaceByName(sel);
  if (byName !== undefined) return `namespace ${byName} (${METADATA_NAME_LABEL}=${byName})`;
  return `namespaces ${selectorConditions(sel)}`;
}

/** Whom a policy's spec.podSelector selects. */
export function targetWords(podSelector: LabelSelector, namespace: string): string {
  if (isEmptySelector(podSelector)) return `all pods in namespace ${namespace}`;
  return `pods ${selectorConditions(podSelector)} in namespace ${namespace}`;
}

export function ipBlockWords(b: IPBlock): string {
  const cidr = cidrWords(b.cidr);
  return b.except.length === 0 ? `IPs in ${cidr}` : `IPs in ${cidr} except ${listWords(b.except.map(cidrWords))}`;
}

/** A CIDR as written, and as the API server reads it when that differs (leading zeros, host bits, IPv4-mapped). */
function cidrWords(text: string): string {
  const c = parseCidrLegacy(text);
  if (!c) return text;
  const network = formatNetwork(c);
  return network === text ? text : `${text} (read as ${network})`;
}

/** One entry of from/to; `namespace` is the policy's own namespace. */
export function peerWords(peer: PolicyPeer, namespace: string): string {
  if (peer.ipBlock) return ipBlockWords(peer.ipBlock);
  const pods = peer.podSelector;
  const nss = peer.namespaceSelector;
  if (!nss) {
    // podSelector alone looks only in the policy's namespace (CKA trap, module 7.4).
    if (!pods || isEmptySelector(pods)) return `every pod in namespace ${namespace}`;
    return `pods ${selectorConditions(pods)} in this namespace (${namespace})`;
  }
  const podsEmpty = !pods || isEmptySelector(pods);
  if (isEmptySelector(nss)) {
    return podsEmpty ? 'every pod in every namespace' : `pods ${selectorConditions(pods!)} in every namespace`;
  }
  if (podsEmpty) return `every pod in ${namespacesWords(nss)}`;
  return `pods ${selectorConditions(pods!)} AND in ${namespacesWords(nss)}`;
}

/** What an empty from/to means. */
export function anywhereWords(direction: 'ingress' | 'egress'): string {
  const where = '(every pod, every namespace, and outside the cluster)';
  return direction === 'ingress' ? `from anywhere ${where}` : `to anywhere ${where}`;
}

/** One entry of ports, without the leading "on". */
export function portWords(p: PolicyPort): string {
  const defaulted = p.protocolDefaulted ? ' (protocol defaulted to TCP)' : '';
  if (p.port === undefined) return `any ${p.protocol} port${defaulted}`;
  if (typeof p.port === 'string') {
    const how = p.protocolDefaulted ? ' (protocol defaulted to TCP; resolved on each destination pod)' : `/${p.protocol} (resolved on each destination pod)`;
    return `the port named ${p.port}${how}`;
  }
  if (p.endPort !== undefined && p.endPort !== p.port) return `ports ${p.port}-${p.endPort}/${p.protocol}${defaulted}`;
  return `port ${p.port}/${p.protocol}${defaulted}`;
}

export const ANY_PORT_WORDS = 'any port and protocol';
