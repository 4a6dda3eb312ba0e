// The cluster's data path, answered by the engine: the cluster DNS (search path, CoreDNS
// behind the kube-dns Service), kube-proxy's DNAT of a ClusterIP to a backend pod on the
// targetPort, and a connection's fate: open, refused (allowed, nothing listens) or timed
// out (dropped by a NetworkPolicy, or sent nowhere). Reachability itself is never decided
// here: every allowed/denied comes from Engine.allowed.
import type { Cluster, Cni, ExternalHost, Pod, Protocol, Service } from '../model.js';
import { podId } from '../model.js';
import { Engine } from '../engine/engine.js';
import type { NetworkPolicy } from '../policy.js';
import { parseIp } from '../ip.js';
import type { ApiServer } from './api-server.js';
import { NODES } from './api-server.js';
import type { PodObject, ServiceObject } from './objects.js';
import { listeningPorts } from './images.js';
import { selectorMatchesLabels } from './selectors.js';

export type { Cni };

export const CLUSTER_DOMAIN = 'cluster.local';
export const KUBE_DNS_IP = '10.96.0.10';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

/** Hosts on the internet that the cluster's upstream resolver knows. */
export const INTERNET_HOSTS: readonly ExternalHost[] = [
  { name: 'google.com', ip: '142.250.185.78', ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] },
  { name: 'example.com', ip: '93.184.216.34', ports: [{ port: 80, protocol: 'TCP' }, { port: 443, protocol: 'TCP' }] },
];

/** A source of traffic: a pod (by its API object). */
export type Source = PodObject;

export type DnsAnswer =
  | { status: 'ok'; name: string; ip: string; authoritative: boolean }
  | { status: 'nxdomain' }
  | { status: 'timeout' };

export type Destination =
  | { kind: 'pod'; pod: PodObject; port: number }
  | { kind: 'external'; host: ExternalHost; port: number }
  | { kind: 'node'; name: string; port: number };

export type ConnectResult =
  | { status: 'open'; to: Destination }
  | { status: 'refused' }
  | { status: 'timeout' };

interface Snapshot {
  version: number;
  engine: Engine;
  cluster: Cluster;
  podById: Map<string, PodObject>;
}

/** Policies as the CNI enforces them: all of them with Calico, none with Flannel. */
export function enforcedPolicies(cni: Cni, policies: NetworkPolicy[]): NetworkPolicy[] {
  return cni === 'flannel' ? [] : policies;
}

export class Network {
  private snap: Snapshot | null = null;

  constructor(
    private readonly api: ApiServer,
    readonly cni: Cni,
    readonly externals: readonly ExternalHost[],
  ) {}

  /** The model cluster the engine sees: pod-network pods that hold an IP, Services, outside hosts and the nodes. */
  modelCluster(): Cluster {
    return this.snapshot().cluster;
  }

  policies(): NetworkPolicy[] {
    return this.api.list('NetworkPolicy', null).map((o) => o.policy);
  }

  private snapshot(): Snapshot {
    if (this.snap && this.snap.version === this.api.version) return this.snap;
    const pods: Pod[] = [];
    const podById = new Map<string, PodObject>();
    for (const p of this.api.list('Pod', null)) {
      if (p.hostNetwork || !p.ip) continue;
      const declared = p.containers.flatMap((c) => c.ports);
      const ports = declared.length ? declared : p.containers.flatMap((c) => listeningPorts(c));
      const pod: Pod = { namespace: p.meta.namespace, name: p.meta.name, labels: { ...p.meta.labels }, ips: [p.ip], ports: ports.map((x) => ({ ...x })) };
      pods.push(pod);
      podById.set(podId(pod), p);
    }
    const cluster: Cluster = {
      namespaces: this.api.list('Namespace', null).map((n) => ({ name: n.meta.name, labels: { ...n.meta.labels } })),
      pods,
      services: this.api.list('Service', null).map((s) => modelService(s)),
      externals: [
        ...this.externals.map((e) => ({ ...e, ports: e.ports.map((p) => ({ ...p })) })),
        ...NODES.map((n) => ({ name: n.name, ip: n.ip, ports: nodePorts(n.controlPlane) })),
      ],
    };
    const engine = new Engine(cluster, enforcedPolicies(this.cni, this.policies()));
    this.snap = { version: this.api.version, engine, cluster, podById };
    return this.snap;
  }

  private sourceIndex(src: Source): number {
    const { engine } = this.snapshot();
    if (src.hostNetwork) return engine.indexOf(src.nodeName);
    return engine.indexOf(`${src.meta.namespace}/${src.meta.name}`);
  }

  private allowed(from: number, toId: string, port: number, protocol: Protocol): boolean {
    const { engine } = this.snapshot();
    const to = engine.indexOf(toId);
    if (from < 0 || to < 0) return false;
    if (from === to) return true;
    return engine.allowed(from, to, { port, protocol });
  }

  // ---- DNS ------------------------------------------------------------------------------

  /** Search domains of a pod's /etc/resolv.conf. */
  searchPath(namespace: string): string[] {
    return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  }

  /** Can the pod reach CoreDNS through the kube-dns Service on 53/UDP? */
  dnsReachable(src: Source): boolean {
    const r = this.connect(src, KUBE_DNS_IP, 53, 'UDP');
    return r.status === 'open';
  }

  /** One query for a fully qualified name, as CoreDNS answers it (null: NXDOMAIN). */
  lookupFqdn(fqdn: string): { ip: string; authoritative: boolean } | null {
    const name = fqdn.toLowerCase().replace(/\.$/, '');
    const suffix = `.svc.${CLUSTER_DOMAIN}`;
    if (name.endsWith(suffix)) {
      const parts = name.slice(0, -suffix.length).split('.');
      if (parts.length === 2) {
        const svc = this.api.get('Service', parts[1], parts[0]);
        if (svc) return { ip: svc.clusterIP, authoritative: true };
      }
      return null;
    }
    const podSuffix = `.pod.${CLUSTER_DOMAIN}`;
    if (name.endsWith(podSuffix)) {
      const parts = name.slice(0, -podSuffix.length).split('.');
      if (parts.length === 2 && this.api.namespaceExists(parts[1])) {
        const ip = parts[0].replace(/-/g, '.');
        if (parseIp(ip)) return { ip, authoritative: true };
      }
      return null;
    }
    if (name === CLUSTER_DOMAIN || name.endsWith(`.${CLUSTER_DOMAIN}`)) return null;
    const host = this.externals.find((e) => e.name.toLowerCase() === name || `www.${e.name.toLowerCase()}` === name);
    return host ? { ip: host.ip, authoritative: false } : null;
  }

  /** The names the resolver tries for `name` (ndots:5 and the search path), in order. */
  candidates(name: string, namespace: string): string[] {
    if (name.endsWith('.')) return [name.slice(0, -1)];
    const dots = name.split('.').length - 1;
    const searched = this.searchPath(namespace).map((d) => `${name}.${d}`);
    return dots >= 5 ? [name, ...searched] : [...searched, name];
  }

  /** getaddrinfo in a pod: an IP literal as is, else the search path through the cluster DNS. */
  resolve(src: Source, name: string): DnsAnswer {
    if (parseIp(name)) return { status: 'ok', name, ip: name, authoritative: false };
    if (name === 'localhost') return { status: 'ok', name, ip: '127.0.0.1', authoritative: false };
    if (name === src.meta.name && src.ip) return { status: 'ok', name, ip: src.ip, authoritative: false };
    if (!this.dnsReachable(src)) return { status: 'timeout' };
    for (const c of this.candidates(name, src.meta.namespace)) {
      const hit = this.lookupFqdn(c);
      if (hit) return { status: 'ok', name: c, ip: hit.ip, authoritative: hit.authoritative };
    }
    return { status: 'nxdomain' };
  }

  // ---- connections ----------------------------------------------------------------------

  /** A TCP connect (or a UDP exchange) from a pod to ip:port. */
  connect(src: Source, ip: string, port: number, protocol: Protocol): ConnectResult {
    const from = this.sourceIndex(src);
    if (ip === '127.0.0.1' || ip === src.ip) return this.listens(src, port, protocol) ? { status: 'open', to: { kind: 'pod', pod: src, port } } : { status: 'refused' };

    const svc = this.api.list('Service', null).find((s) => s.clusterIP === ip);
    if (svc) {
      const sp = svc.ports.find((p) => p.port === port && p.protocol === protocol);
      // No rule for that port: the packet goes to a virtual IP nobody answers for.
      if (!sp) return { status: 'timeout' };
      const backends = this.endpoints(svc, sp.targetPort, protocol);
      // kube-proxy rejects traffic to a Service without endpoints.
      if (backends.length === 0) return { status: 'refused' };
      for (const b of backends) {
        const toId = b.kind === 'pod' ? `${b.pod.meta.namespace}/${b.pod.meta.name}` : b.kind === 'node' ? b.name : b.host.name;
        if (b.kind === 'pod' && b.pod.hostNetwork) return this.deliver(b, protocol);
        if (this.allowed(from, toId, b.port, protocol)) return this.deliver(b, protocol);
      }
      return { status: 'timeout' };
    }

    const pod = this.api.list('Pod', null).find((p) => p.ip === ip && !p.hostNetwork);
    if (pod) {
      if (!this.allowed(from, `${pod.meta.namespace}/${pod.meta.name}`, port, protocol)) return { status: 'timeout' };
      return this.deliver({ kind: 'pod', pod, port }, protocol);
    }
    const node = NODES.find((n) => n.ip === ip);
    if (node) {
      if (!this.allowed(from, node.name, port, protocol)) return { status: 'timeout' };
      return nodePorts(node.controlPlane).some((p) => p.port === port && p.protocol === protocol)
        ? { status: 'open', to: { kind: 'node', name: node.name, port } }
        : { status: 'refused' };
    }
    const ext = this.externals.find((e) => e.ip === ip);
    if (ext) {
      if (!this.allowed(from, ext.name, port, protocol)) return { status: 'timeout' };
      // A host on the internet drops what it does not serve.
      return ext.ports.some((p) => p.port === port && p.protocol === protocol) ? { status: 'open', to: { kind: 'external', host: ext, port } } : { status: 'timeout' };
    }
    return { status: 'timeout' };
  }

  /**
   * An ICMP echo from a pod to ip: the reply's TTL, or lost. A policy's ports name TCP, UDP
   * or SCTP only, so a rule admits ICMP only when it lists no ports (Calico enforces it so);
   * a pod that no policy isolates answers. A ClusterIP never answers: kube-proxy (iptables)
   * DNATs only the Service's ports, and nothing owns the virtual IP.
   */
  echo(src: Source, ip: string): { status: 'reply'; ttl: number; hops: 'local' | 'node' | 'nodes' | 'internet' } | { status: 'lost' } {
    if (ip === '127.0.0.1' || ip === src.ip) return { status: 'reply', ttl: 64, hops: 'local' };
    if (this.api.list('Service', null).some((s) => s.clusterIP === ip)) return { status: 'lost' };
    const fromId = src.hostNetwork ? src.nodeName : `${src.meta.namespace}/${src.meta.name}`;
    const here = src.nodeName;
    const pod = this.api.list('Pod', null).find((p) => p.ip === ip && !p.hostNetwork);
    // Each host routing the packet lowers its TTL: the sender's node, then the receiver's (Calico routes between nodes).
    if (pod) return this.icmpAllowed(fromId, `${pod.meta.namespace}/${pod.meta.name}`) ? { status: 'reply', ttl: pod.nodeName === here ? 63 : 62, hops: pod.nodeName === here ? 'node' : 'nodes' } : { status: 'lost' };
    const node = NODES.find((n) => n.ip === ip);
    if (node) return this.icmpAllowed(fromId, node.name) ? { status: 'reply', ttl: node.name === here ? 64 : 63, hops: node.name === here ? 'local' : 'node' } : { status: 'lost' };
    const ext = this.externals.find((e) => e.ip === ip);
    // An internet host's TTL depends on the path; 117 is a typical one.
    if (ext) return this.icmpAllowed(fromId, ext.name) ? { status: 'reply', ttl: 117, hops: 'internet' } : { status: 'lost' };
    return { status: 'lost' };
  }

  private icmpAllowed(fromId: string, toId: string): boolean {
    const { engine } = this.snapshot();
    if (engine.indexOf(fromId) < 0 || engine.indexOf(toId) < 0) return false;
    if (fromId === toId) return true;
    // The probe's port is irrelevant: only rules without ports (portIndex null) can admit ICMP.
    const v = engine.verdict(fromId, toId, { port: 1, protocol: 'TCP' });
    const admits = (d: typeof v.egress) => !d.isolated || d.considered.some((r) => r.peerIndex !== -1 && r.portIndex === null);
    return admits(v.egress) && admits(v.ingress);
  }

  private deliver(to: Destination, protocol: Protocol): ConnectResult {
    if (to.kind === 'pod') return this.listens(to.pod, to.port, protocol) ? { status: 'open', to } : { status: 'refused' };
    if (to.kind === 'node') {
      const node = NODES.find((n) => n.name === to.name)!;
      return nodePorts(node.controlPlane).some((p) => p.port === to.port) ? { status: 'open', to } : { status: 'refused' };
    }
    return { status: 'open', to };
  }

  private listens(pod: PodObject, port: number, protocol: Protocol): boolean {
    if (pod.hostNetwork) return false;
    return pod.containers.some((c) => listeningPorts(c).some((p) => p.port === port && p.protocol === protocol));
  }

  /** A Service's endpoints: ready pods matching its selector, on the resolved targetPort. */
  endpoints(svc: ServiceObject, targetPort: number | string, protocol: Protocol): Destination[] {
    if (Object.keys(svc.selector).length === 0) {
      if (svc.meta.namespace === 'default' && svc.meta.name === 'kubernetes') return [{ kind: 'node', name: NODES[0].name, port: 6443 }];
      return [];
    }
    const out: Destination[] = [];
    for (const pod of this.api.list('Pod', svc.meta.namespace)) {
      if (!pod.ip || pod.phase !== 'Running' || pod.waitingReason) continue;
      if (!selectorMatchesLabels(svc.selector, pod.meta.labels)) continue;
      let port: number | undefined;
      if (typeof targetPort === 'number') port = targetPort;
      else port = pod.containers.flatMap((c) => c.ports).find((p) => p.name === targetPort && p.protocol === protocol)?.port;
      if (port !== undefined) out.push({ kind: 'pod', pod, port });
    }
    return out;
  }
}

function nodePorts(controlPlane: boolean): ExternalHost['ports'] {
  const ports: ExternalHost['ports'] = [
    { port: 22, protocol: 'TCP' },
    { port: 10250, protocol: 'TCP' },
  ];
  if (controlPlane) ports.push({ port: 6443, protocol: 'TCP' }, { port: 2379, protocol: 'TCP' });
  return ports;
}

export function modelService(s: ServiceObject): Service {
  return { namespace: s.meta.namespace, name: s.meta.name, selector: { ...s.selector }, ports: s.ports.map((p) => ({ ...p })), clusterIP: s.clusterIP };
}
