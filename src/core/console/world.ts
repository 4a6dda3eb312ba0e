// The clusters a console starts on: a fresh kubeadm-like cluster (kube-system with
// CoreDNS, the CNI's pods and the control plane, default with the kubernetes Service),
// or a bank scenario's cluster at a step, with the same furniture around it.
import { randomLikeString } from '../manifest/random-names.js';
import { templateHash, imageName, type ClusterSpec } from '../bank/cluster-spec.js';
import type { Cluster, ContainerPort, ExternalHost } from '../model.js';
import { METADATA_NAME_LABEL } from '../model.js';
import type { NetworkPolicy } from '../policy.js';
import type { ApiServer } from './api-server.js';
import { NODES } from './api-server.js';
import type { Container, DeploymentObject, PodObject, ReplicaSetObject, ServiceObject } from './objects.js';
import { INTERNET_HOSTS, KUBE_DNS_IP, KUBERNETES_SERVICE_IP, type Cni } from './network.js';

const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.12.0';
const COREDNS_PORTS: ContainerPort[] = [
  { name: 'dns', port: 53, protocol: 'UDP' },
  { name: 'dns-tcp', port: 53, protocol: 'TCP' },
  { name: 'metrics', port: 9153, protocol: 'TCP' },
];

/** How long ago the cluster was set up (ages in kube-system read "2d3h"). */
const CLUSTER_AGE_MS = (2 * 24 + 3) * 3600 * 1000 + 17 * 60 * 1000;

function container(name: string, image: string, ports: ContainerPort[] = [], command: string[] = [], args: string[] = []): Container {
  return { name, image, command, args, ports };
}

interface PodSeed {
  name: string;
  ip: string;
  node?: string;
}

/** A Deployment with its ReplicaSet and the given pods, without asking the controller for new ones. */
function adoptDeployment(
  api: ApiServer,
  spec: { namespace: string; name: string; labels: Record<string, string>; containers: Container[]; replicas: number; created: number; deploymentLabels?: Record<string, string> },
  pods: PodSeed[],
  system: boolean,
): void {
  const { namespace: ns, name } = spec;
  const hash = templateHash(ns, name);
  const dMeta = api.newMeta(name, ns, spec.deploymentLabels ?? spec.labels);
  dMeta.created = spec.created;
  dMeta.annotations['deployment.kubernetes.io/revision'] = '1';
  const d: DeploymentObject = { kind: 'Deployment', meta: dMeta, replicas: spec.replicas, selector: { ...spec.labels }, template: { labels: { ...spec.labels }, containers: spec.containers } };
  api.put(d);
  const rsLabels = { ...spec.labels, 'pod-template-hash': hash };
  const rsMeta = { ...api.newMeta(`${name}-${hash}`, ns, rsLabels), owner: { apiVersion: 'apps/v1', kind: 'Deployment', name, uid: dMeta.uid } };
  rsMeta.created = spec.created;
  const rs: ReplicaSetObject = { kind: 'ReplicaSet', meta: rsMeta, replicas: spec.replicas, selector: { ...spec.labels, 'pod-template-hash': hash }, template: { labels: rsLabels, containers: spec.containers }, hash };
  api.put(rs);
  for (const p of pods) {
    const meta = { ...api.newMeta(p.name, ns, rsLabels), owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.meta.name, uid: rsMeta.uid } };
    meta.created = spec.created + 1000;
    const pod = api.newPod(meta, spec.containers.map((c) => ({ ...c, ports: c.ports.map((x) => ({ ...x })) })), 'Always', p.ip);
    pod.ip = p.ip;
    if (p.node) {
      const node = NODES.find((n) => n.name === p.node)!;
      pod.nodeName = node.name;
      pod.hostIP = node.ip;
    }
    pod.system = system;
    api.put(pod);
  }
}

function hostPod(api: ApiServer, ns: string, name: string, labels: Record<string, string>, image: string, node: (typeof NODES)[number], owner: { kind: string; name: string }, created: number): void {
  const meta = { ...api.newMeta(name, ns, labels), owner: { apiVersion: owner.kind === 'Node' ? 'v1' : 'apps/v1', kind: owner.kind, name: owner.name, uid: api.newMeta('x', '', {}).uid } };
  meta.created = created;
  const pod: PodObject = {
    kind: 'Pod',
    meta,
    containers: [container(name.replace(/-[a-z0-9]{5}$/, '').replace(/-controlplane$/, ''), image)],
    restartPolicy: 'Always',
    nodeName: node.name,
    hostIP: node.ip,
    hostNetwork: true,
    ip: node.ip,
    phase: 'Running',
    restarts: 0,
    system: true,
    logs: '',
  };
  api.put(pod);
}

/** kube-system's control plane and CNI, the kubernetes Service, the system namespaces. */
function furniture(api: ApiServer, cni: Cni, born: number, withCoreDns: boolean): void {
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system', ...(cni === 'flannel' ? ['kube-flannel'] : [])]) {
    if (api.namespaceExists(ns)) continue;
    const o = api.createNamespace(ns);
    o.meta.created = born;
  }
  const [cp] = NODES;
  for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    const image = c === 'etcd' ? 'registry.k8s.io/etcd:3.6.4-0' : `registry.k8s.io/${c}:v1.35.0`;
    hostPod(api, 'kube-system', `${c}-${cp.name}`, { component: c, tier: 'control-plane' }, image, cp, { kind: 'Node', name: cp.name }, born);
  }
  NODES.forEach((n, i) => hostPod(api, 'kube-system', `kube-proxy-${randomLikeString(`kube-proxy/${i}`, 5)}`, { 'k8s-app': 'kube-proxy', 'controller-revision-hash': randomLikeString('kube-proxy', 10), 'pod-template-generation': '1' }, 'registry.k8s.io/kube-proxy:v1.35.0', n, { kind: 'DaemonSet', name: 'kube-proxy' }, born));
  if (cni === 'calico') {
    NODES.forEach((n, i) => hostPod(api, 'kube-system', `calico-node-${randomLikeString(`calico-node/${i}`, 5)}`, { 'k8s-app': 'calico-node', 'controller-revision-hash': randomLikeString('calico-node', 10), 'pod-template-generation': '1' }, 'docker.io/calico/node:v3.30.3', n, { kind: 'DaemonSet', name: 'calico-node' }, born));
    const name = 'calico-kube-controllers';
    const hash = templateHash('kube-system', name);
    adoptDeployment(
      api,
      { namespace: 'kube-system', name, labels: { 'k8s-app': name }, containers: [container(name, 'docker.io/calico/kube-controllers:v3.30.3')], replicas: 1, created: born },
      [{ name: `${name}-${hash}-${randomLikeString(`kube-system/${name}/0`, 5)}`, ip: '10.244.0.4', node: cp.name }],
      true,
    );
  } else {
    NODES.forEach((n, i) => hostPod(api, 'kube-flannel', `kube-flannel-ds-${randomLikeString(`flannel/${i}`, 5)}`, { app: 'flannel', 'k8s-app': 'flannel', tier: 'node', 'controller-revision-hash': randomLikeString('flannel', 10), 'pod-template-generation': '1' }, 'ghcr.io/flannel-io/flannel:v0.27.4', n, { kind: 'DaemonSet', name: 'kube-flannel-ds' }, born));
  }
  if (withCoreDns) {
    const hash = templateHash('kube-system', 'coredns');
    adoptDeployment(
      api,
      { namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, containers: [container('coredns', COREDNS_IMAGE, COREDNS_PORTS, [], ['-conf', '/etc/coredns/Corefile'])], replicas: 2, created: born },
      [0, 1].map((r) => ({ name: `coredns-${hash}-${randomLikeString(`kube-system/coredns/${r}`, 5)}`, ip: `10.244.0.${2 + r}`, node: cp.name })),
      true,
    );
    const dns: ServiceObject = {
      kind: 'Service',
      meta: api.newMeta('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }),
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
      clusterIP: KUBE_DNS_IP,
    };
    dns.meta.created = born;
    api.createService(dns);
  }
  const k8s: ServiceObject = {
    kind: 'Service',
    meta: api.newMeta('kubernetes', 'default', { component: 'apiserver', provider: 'kubernetes' }),
    selector: {},
    ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
    clusterIP: KUBERNETES_SERVICE_IP,
  };
  k8s.meta.created = born;
  api.createService(k8s);
}

export interface World {
  externals: ExternalHost[];
  /** The outside hosts the grader knows (a scenario's), for the exported state. */
  gradedExternals: ExternalHost[];
}

export function freshWorld(api: ApiServer, cni: Cni): World {
  const born = api.now() - CLUSTER_AGE_MS;
  furniture(api, cni, born, true);
  return { externals: INTERNET_HOSTS.map((h) => ({ ...h })), gradedExternals: INTERNET_HOSTS.map((h) => ({ ...h })) };
}

/** A bank scenario's cluster (prepared for a step) with the furniture around it. */
export function scenarioWorld(api: ApiServer, cni: Cni, cluster: Cluster, existing: NetworkPolicy[], specs: readonly ClusterSpec[]): World {
  const born = api.now() - CLUSTER_AGE_MS;
  const setup = api.now() - 15 * 60 * 1000;
  for (const ns of cluster.namespaces) {
    const labels = { ...ns.labels };
    delete labels[METADATA_NAME_LABEL];
    const o = api.createNamespace(ns.name, labels);
    o.meta.created = ns.name === 'default' || ns.name === 'kube-system' ? born : setup;
  }
  const placed = new Set<string>();
  for (const spec of specs) {
    for (const d of spec.deployments) {
      const hash = templateHash(d.namespace, d.name);
      const prefix = `${d.name}-${hash}-`;
      const pods = cluster.pods.filter((p) => p.namespace === d.namespace && p.name.startsWith(prefix));
      if (api.get('Deployment', d.namespace, d.name)) continue;
      const command = imageName(d.image) === 'busybox' ? ['sleep', '3600'] : [];
      const ports = d.ports.map((p) => ({ ...p }));
      adoptDeployment(
        api,
        { namespace: d.namespace, name: d.name, labels: { ...d.labels }, containers: [container(imageName(d.image), d.image, ports, command)], replicas: d.replicas, created: setup },
        pods.map((p) => ({ name: p.name, ip: p.ips[0] })),
        false,
      );
      for (const p of pods) placed.add(`${p.namespace}/${p.name}`);
    }
    for (const p of spec.pods) {
      const model = cluster.pods.find((x) => x.namespace === p.namespace && x.name === p.name);
      if (!model || placed.has(`${p.namespace}/${p.name}`)) continue;
      const meta = api.newMeta(p.name, p.namespace, p.labels);
      meta.created = setup;
      const command = imageName(p.image) === 'busybox' ? ['sleep', '3600'] : [];
      const pod = api.newPod(meta, [container(p.name, p.image, p.ports.map((x) => ({ ...x })), command)], 'Always', model.ips[0]);
      pod.ip = model.ips[0];
      api.put(pod);
      placed.add(`${p.namespace}/${p.name}`);
    }
  }
  const hasDns = cluster.pods.some((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns');
  furniture(api, cni, born, hasDns);
  for (const s of cluster.services) {
    if (api.get('Service', s.namespace, s.name)) continue;
    const o: ServiceObject = { kind: 'Service', meta: api.newMeta(s.name, s.namespace, { ...s.selector }), selector: { ...s.selector }, ports: s.ports.map((p) => ({ ...p })), clusterIP: s.clusterIP ?? '' };
    o.meta.created = setup;
    api.createService(o);
  }
  for (const p of existing) {
    const meta = api.newMeta(p.name, p.namespace, {});
    meta.created = setup;
    api.put({ kind: 'NetworkPolicy', meta, policy: p });
  }
  const externals = cluster.externals.map((e) => ({ ...e, ports: e.ports.map((x) => ({ ...x })) }));
  const graded = externals.map((e) => ({ ...e, ports: e.ports.map((x) => ({ ...x })) }));
  for (const h of INTERNET_HOSTS) if (!externals.some((e) => e.name === h.name || e.ip === h.ip)) externals.push({ ...h });
  return { externals, gradedExternals: graded };
}
