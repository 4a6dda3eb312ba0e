// The address family of one connection, when the question names it by an address. A dual-stack
// pod has an IPv4 and an IPv6 address (status.podIPs); the engine judges a connection in the
// family of the destination's primary IP (podIPs[0]), but a connection opened to the pod's other
// address is of the other family, and ipBlocks then match both ends by their addresses of it.
import type { Cluster, Pod } from '../model.js';
import { podId } from '../model.js';
import { familyOf, formatIp, parseIp, type Family } from '../ip.js';

/** The family an address counts as (IPv4-mapped IPv6 is IPv4); undefined when it is no IP. */
export function addressFamily(text: string | undefined): Family | undefined {
  const ip = text === undefined ? null : parseIp(text);
  return ip ? familyOf(ip) : undefined;
}

/** The pod's addresses of one family, in podIPs order. */
export function addressesOf(pod: Pod, family: Family): string[] {
  return pod.ips.filter((t) => addressFamily(t) === family);
}

/** Whether the pod's primary IP is of another family than `family` (so the engine must be told). */
export function primaryDiffers(pod: Pod, family: Family): boolean {
  return pod.ips.length > 0 && addressFamily(pod.ips[0]) !== family && addressesOf(pod, family).length > 0;
}

/**
 * The cluster with the pods `ids` holding an address of `family` first in their IPs, so that
 * the engine judges connections to them in that family. Other pods and the input stay as they are.
 */
export function withConnectionFamily(cluster: Cluster, ids: readonly string[], family: Family): Cluster {
  const want = new Set(ids);
  let changed = false;
  const pods = cluster.pods.map((p) => {
    if (!want.has(podId(p)) || !primaryDiffers(p, family)) return p;
    changed = true;
    return { ...p, ips: [...addressesOf(p, family), ...p.ips.filter((t) => addressFamily(t) !== family)] };
  });
  return changed ? { ...cluster, pods } : cluster;
}

/** "IPv6" */
export function familyName(family: Family): string {
  return `IPv${family}`;
}

/** An address as the API server stores it (canonical form), for messages. */
export function canonicalAddress(text: string): string {
  const ip = parseIp(text);
  return ip ? formatIp(ip) : text;
}
