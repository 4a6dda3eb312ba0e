// Addresses outside the cluster that ipBlocks tell apart. The address space of each family is cut
// at every cidr and except the policies name; one address stands for each piece, so that an
// ipBlock one address too wide or a forgotten except shows even where the cluster lists no host.
// Pieces holding an endpoint or a Service IP are left out: the cluster's own addresses are graded
// through its endpoints (and a ClusterIP is never a destination after the DNAT).
import type { Cluster, ExternalHost } from '../model.js';
import type { NetworkPolicy } from '../policy.js';
import { formatIp, parseCidrLegacy, parseIp, unmapIpv4, type IP } from '../ip.js';

function toBig(ip: IP): bigint {
  let n = 0n;
  for (const b of ip.bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function fromBig(n: bigint, family: 4 | 6): IP {
  const len = family === 4 ? 4 : 16;
  const bytes = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--) {
    bytes[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return { family, bytes };
}

/** One outside address per piece of the address space the policies' ipBlocks cut, named by its piece. */
export function addressProbes(policies: readonly NetworkPolicy[], cluster: Cluster): ExternalHost[] {
  const cuts: Record<4 | 6, Set<bigint>> = { 4: new Set(), 6: new Set() };
  for (const p of policies) {
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const peer of rule.peers) {
        if (!peer.ipBlock) continue;
        for (const text of [peer.ipBlock.cidr, ...peer.ipBlock.except]) {
          const c = parseCidrLegacy(text);
          if (!c) continue;
          const u = unmapIpv4(c);
          const bits = BigInt(u.family === 4 ? 32 : 128);
          const size = 1n << (bits - BigInt(u.prefix));
          const start = (toBig(u) / size) * size;
          cuts[u.family].add(start);
          cuts[u.family].add(start + size);
        }
      }
    }
  }
  const taken: Record<4 | 6, bigint[]> = { 4: [], 6: [] };
  const addTaken = (text: string | undefined) => {
    const ip = text ? parseIp(text) : null;
    if (ip) taken[unmapIpv4(ip).family].push(toBig(unmapIpv4(ip)));
  };
  for (const pod of cluster.pods) pod.ips.forEach(addTaken);
  for (const ext of cluster.externals) addTaken(ext.ip);
  for (const svc of cluster.services) addTaken(svc.clusterIP);
  const out: ExternalHost[] = [];
  for (const family of [4, 6] as const) {
    if (cuts[family].size === 0) continue;
    const end = 1n << BigInt(family === 4 ? 32 : 128);
    const edges = [...new Set([0n, ...cuts[family]])].filter((x) => x < end).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    edges.forEach((lo, i) => {
      const hi = (i + 1 < edges.length ? edges[i + 1] : end) - 1n;
      if (taken[family].some((t) => t >= lo && t <= hi)) return;
      // 0.0.0.0 is no host's address: the next one stands for the piece when there is one.
      const at = lo === 0n && hi > 0n ? 1n : lo;
      const name = lo === hi ? formatIp(fromBig(lo, family)) : `${formatIp(fromBig(lo, family))}-${formatIp(fromBig(hi, family))}`;
      out.push({ name, ip: formatIp(fromBig(at, family)), ports: [] });
    });
  }
  return out;
}
