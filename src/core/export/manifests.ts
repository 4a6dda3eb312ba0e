// A scenario's cluster as kubectl manifests, to run the same exercise on a real cluster (kind
// with Calico or Cilium): namespaces, Deployments and Pods whose containers really serve the
// scenario's ports, Services, and the policies. Every container is agnhost, the image of the
// upstream NetworkPolicy e2e tests: `serve-hostname` listens, `connect` probes.
import type { Cluster, ContainerPort, Pod, Service } from '../model.js';
import { METADATA_NAME_LABEL } from '../model.js';
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../policy.js';

export const AGNHOST_IMAGE = 'registry.k8s.io/e2e-test-images/agnhost:2.53';

/** Namespaces the cluster itself owns: their objects are not exported (a real cluster has its own CoreDNS). */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** One exported workload: a Deployment of `pods`, or a bare Pod. */
export interface ExportedWorkload {
  kind: 'Deployment' | 'Pod';
  namespace: string;
  name: string;
  /** The labels its pods carry (a Deployment's selector and template labels). */
  labels: Record<string, string>;
  /** The scenario's pods, in order: the k-th is the k-th pod of the workload by name on the cluster. */
  pods: Pod[];
}

type Manifest = Record<string, unknown>;

/** Deployments by the deployment controller's names (D-H-xxxxx with pod-template-hash H), else bare pods. */
export function exportedWorkloads(cluster: Cluster): ExportedWorkload[] {
  const out = new Map<string, ExportedWorkload>();
  for (const pod of cluster.pods) {
    if (SYSTEM_NAMESPACES.has(pod.namespace) || pod.hostNetwork) continue;
    const hash = pod.labels['pod-template-hash'];
    const m = hash ? new RegExp(`^(.+)-${hash}-[a-z0-9]{5}$`).exec(pod.name) : null;
    if (m) {
      const labels = { ...pod.labels };
      delete labels['pod-template-hash'];
      const key = `${pod.namespace}/deploy/${m[1]}`;
      const w = out.get(key);
      if (w) w.pods.push(pod);
      else out.set(key, { kind: 'Deployment', namespace: pod.namespace, name: m[1], labels, pods: [pod] });
    } else out.set(`${pod.namespace}/pod/${pod.name}`, { kind: 'Pod', namespace: pod.namespace, name: pod.name, labels: { ...pod.labels }, pods: [pod] });
  }
  return [...out.values()];
}

/** One agnhost container per declared port, listening on it; one that only waits when there is none. */
export function containersFor(ports: readonly ContainerPort[]): Manifest[] {
  if (ports.length === 0) return [{ name: 'idle', image: AGNHOST_IMAGE, args: ['pause'] }];
  return ports.map((p) => {
    const proto = p.protocol.toLowerCase();
    const port: Manifest = { containerPort: p.port, protocol: p.protocol };
    if (p.name) port.name = p.name;
    return { name: `serve-${p.port}-${proto}`, image: AGNHOST_IMAGE, args: ['serve-hostname', `--${proto}`, '--http=false', '--port', String(p.port)], ports: [port] };
  });
}

function selectorManifest(sel: LabelSelector): Manifest {
  const out: Manifest = {};
  if (Object.keys(sel.matchLabels).length) out.matchLabels = { ...sel.matchLabels };
  if (sel.matchExpressions.length) out.matchExpressions = sel.matchExpressions.map((r) => (r.values.length ? { key: r.key, operator: r.operator, values: [...r.values] } : { key: r.key, operator: r.operator }));
  return out;
}

function peerManifest(p: PolicyPeer): Manifest {
  if (p.ipBlock) return { ipBlock: p.ipBlock.except.length ? { cidr: p.ipBlock.cidr, except: [...p.ipBlock.except] } : { cidr: p.ipBlock.cidr } };
  const out: Manifest = {};
  if (p.podSelector) out.podSelector = selectorManifest(p.podSelector);
  if (p.namespaceSelector) out.namespaceSelector = selectorManifest(p.namespaceSelector);
  return out;
}

function portManifest(p: PolicyPort): Manifest {
  const out: Manifest = { protocol: p.protocol };
  if (p.port !== undefined) out.port = p.port;
  if (p.endPort !== undefined) out.endPort = p.endPort;
  return out;
}

function ruleManifest(r: PolicyRule, peers: 'from' | 'to'): Manifest {
  const out: Manifest = {};
  if (r.peers.length) out[peers] = r.peers.map(peerManifest);
  if (r.ports.length) out.ports = r.ports.map(portManifest);
  return out;
}

/** A NetworkPolicy as the API server stores it (defaults written out). */
export function policyManifest(p: NetworkPolicy): Manifest {
  const spec: Manifest = { podSelector: selectorManifest(p.podSelector), policyTypes: [...p.policyTypes] };
  if (p.ingress.length) spec.ingress = p.ingress.map((r) => ruleManifest(r, 'from'));
  if (p.egress.length) spec.egress = p.egress.map((r) => ruleManifest(r, 'to'));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: p.name, namespace: p.namespace }, spec };
}

function serviceManifest(s: Service): Manifest {
  const ports = s.ports.map((p) => {
    const out: Manifest = { port: p.port, targetPort: p.targetPort, protocol: p.protocol };
    if (p.name) out.name = p.name;
    return out;
  });
  const spec: Manifest = { ports };
  if (Object.keys(s.selector).length) spec.selector = { ...s.selector };
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: s.name, namespace: s.namespace }, spec };
}

export interface ExportedCluster {
  /** Namespaces, workloads and Services (apply first). */
  cluster: Manifest[];
  /** The NetworkPolicies (existing, then the answer's). */
  policies: Manifest[];
  workloads: ExportedWorkload[];
}

export function exportCluster(cluster: Cluster, policies: readonly NetworkPolicy[]): ExportedCluster {
  const workloads = exportedWorkloads(cluster);
  const out: Manifest[] = [];
  for (const ns of cluster.namespaces) {
    if (SYSTEM_NAMESPACES.has(ns.name) || ns.name === 'default') continue;
    const labels = { ...ns.labels };
    delete labels[METADATA_NAME_LABEL]; // the API server sets it
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: Object.keys(labels).length ? { name: ns.name, labels } : { name: ns.name } });
  }
  for (const w of workloads) {
    const podSpec = { containers: containersFor(w.pods[0].ports), terminationGracePeriodSeconds: 1 };
    if (w.kind === 'Pod') out.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: w.name, namespace: w.namespace, labels: w.labels }, spec: podSpec });
    else {
      out.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: w.name, namespace: w.namespace },
        spec: { replicas: w.pods.length, selector: { matchLabels: w.labels }, template: { metadata: { labels: w.labels }, spec: podSpec } },
      });
    }
  }
  for (const s of cluster.services) if (!SYSTEM_NAMESPACES.has(s.namespace)) out.push(serviceManifest(s));
  return { cluster: out, policies: policies.filter((p) => !SYSTEM_NAMESPACES.has(p.namespace)).map(policyManifest), workloads };
}
