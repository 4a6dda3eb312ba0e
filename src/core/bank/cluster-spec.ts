// The compact cluster syntax of scenarios ("as a learner builds it with kubectl") and its
// expansion into the model's Cluster, with the furniture every real cluster has:
// kube-system with CoreDNS behind kube-dns, the default namespace, and a host on the internet.
import { randomLikeString } from '../manifest/random-names.js';
import type { Cluster, ContainerPort, Labels, Namespace, Pod, Protocol, Service, ServicePort, ExternalHost } from '../model.js';
import { METADATA_NAME_LABEL } from '../model.js';

export interface NamespaceSpec {
  name: string;
  labels: Record<string, string>;
}

export interface DeploymentSpec {
  name: string;
  namespace: string;
  image: string;
  replicas: number;
  /** Pod labels (kubectl create deployment sets app=NAME). */
  labels: Record<string, string>;
  ports: ContainerPort[];
  expose?: ServicePort;
}

export interface PodSpec {
  name: string;
  namespace: string;
  image: string;
  labels: Record<string, string>;
  ports: ContainerPort[];
  ip?: string;
}

export interface ServiceSpec {
  name: string;
  namespace: string;
  selector: Record<string, string>;
  ports: ServicePort[];
}

export interface ClusterSpec {
  namespaces: NamespaceSpec[];
  deployments: DeploymentSpec[];
  pods: PodSpec[];
  services: ServiceSpec[];
  externals: ExternalHost[];
}

export function emptyClusterSpec(): ClusterSpec {
  return { namespaces: [], deployments: [], pods: [], services: [], externals: [] };
}

/** What an image serves when the scenario does not say (busybox running sleep serves nothing). */
export const IMAGE_PORTS: Readonly<Record<string, readonly ContainerPort[]>> = {
  nginx: [{ port: 80, protocol: 'TCP' }],
  httpd: [{ port: 80, protocol: 'TCP' }],
  redis: [{ port: 6379, protocol: 'TCP' }],
  mysql: [{ port: 3306, protocol: 'TCP' }],
  postgres: [{ port: 5432, protocol: 'TCP' }],
  busybox: [],
};

/** The image's name without registry path and tag: "docker.io/library/nginx:1.27" -> "nginx". */
export function imageName(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.split('@')[0].split(':')[0];
}

export const DEFAULT_EXTERNAL: ExternalHost = {
  name: 'example.com',
  ip: '93.184.216.34',
  ports: [
    { port: 80, protocol: 'TCP' },
    { port: 443, protocol: 'TCP' },
  ],
};

export const KUBE_DNS_IP = '10.96.0.10';

const COREDNS: DeploymentSpec = {
  name: 'coredns',
  namespace: 'kube-system',
  image: 'registry.k8s.io/coredns/coredns:v1.12.0',
  replicas: 2,
  labels: { 'k8s-app': 'kube-dns' },
  ports: [
    { name: 'dns', port: 53, protocol: 'UDP' },
    { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    { name: 'metrics', port: 9153, protocol: 'TCP' },
  ],
};

const KUBE_DNS: Service = {
  namespace: 'kube-system',
  name: 'kube-dns',
  selector: { 'k8s-app': 'kube-dns' },
  ports: [
    { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
    { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
  ],
  clusterIP: KUBE_DNS_IP,
};

/** A pod-template-hash like the ReplicaSet controller's, fixed per deployment. */
export function templateHash(namespace: string, name: string): string {
  return randomLikeString(`${namespace}/${name}`, 10);
}

function nsLabels(name: string, labels: Record<string, string>): Labels {
  return { ...labels, [METADATA_NAME_LABEL]: name };
}

/**
 * The cluster after a base spec and the step patches that apply, in order. Namespaces named
 * again merge their labels (kubectl label namespace); everything else is added.
 */
export function buildCluster(specs: readonly ClusterSpec[]): Cluster {
  const nsOrder: string[] = [];
  const nsMap = new Map<string, Record<string, string>>();
  const addNs = (name: string, labels: Record<string, string>) => {
    if (!nsMap.has(name)) {
      nsOrder.push(name);
      nsMap.set(name, {});
    }
    Object.assign(nsMap.get(name)!, labels);
  };
  addNs('default', {});
  addNs('kube-system', {});

  const deployments: DeploymentSpec[] = [];
  const pods: PodSpec[] = [];
  const services: Service[] = [];
  const externals: ExternalHost[] = [];
  for (const spec of specs) {
    for (const ns of spec.namespaces) addNs(ns.name, ns.labels);
    deployments.push(...spec.deployments);
    pods.push(...spec.pods);
    for (const s of spec.services) services.push({ namespace: s.namespace, name: s.name, selector: s.selector, ports: s.ports });
    externals.push(...spec.externals);
  }

  const outPods: Pod[] = [];
  let next = 10;
  const nextIp = () => {
    const n = next++;
    return `10.244.${1 + Math.floor(n / 250)}.${n % 250}`;
  };
  const deploymentPods = (d: DeploymentSpec, ip: () => string): Pod[] => {
    const hash = templateHash(d.namespace, d.name);
    const out: Pod[] = [];
    for (let r = 0; r < d.replicas; r++) {
      out.push({
        namespace: d.namespace,
        name: `${d.name}-${hash}-${randomLikeString(`${d.namespace}/${d.name}/${r}`, 5)}`,
        labels: { ...d.labels, 'pod-template-hash': hash },
        ips: [ip()],
        ports: d.ports.map((p) => ({ ...p })),
      });
    }
    return out;
  };
  for (const d of deployments) {
    outPods.push(...deploymentPods(d, nextIp));
    if (d.expose) services.push({ namespace: d.namespace, name: d.name, selector: { ...d.labels }, ports: [{ ...d.expose }] });
  }
  for (const p of pods) {
    outPods.push({ namespace: p.namespace, name: p.name, labels: { ...p.labels }, ips: [p.ip ?? nextIp()], ports: p.ports.map((x) => ({ ...x })) });
  }
  let dnsIp = 2;
  outPods.push(...deploymentPods(COREDNS, () => `10.244.0.${dnsIp++}`));

  services.forEach((s, i) => {
    s.clusterIP = `10.96.${100 + Math.floor((10 + i) / 250)}.${(10 + i) % 250}`;
  });
  services.push({ ...KUBE_DNS });

  if (!externals.some((e) => e.name === DEFAULT_EXTERNAL.name || e.ip === DEFAULT_EXTERNAL.ip)) externals.push(DEFAULT_EXTERNAL);

  const namespaces: Namespace[] = nsOrder.map((name) => ({ name, labels: nsLabels(name, nsMap.get(name)!) }));
  return { namespaces, pods: outPods, services, externals };
}

/** A deployment's pod ids, so that patterns can say "ns/web" for every web pod. */
export function workloadIndex(specs: readonly ClusterSpec[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of [...specs, { ...emptyClusterSpec(), deployments: [COREDNS] }]) {
    for (const d of spec.deployments) out.set(`${d.namespace}/${d.name}`, templateHash(d.namespace, d.name));
  }
  return out;
}

export function parsePortText(text: string): { port: number; protocol: Protocol } | null {
  const m = /^(\d{1,5})(?:\/(TCP|UDP|SCTP))?$/.exec(text.trim());
  if (!m) return null;
  const port = Number(m[1]);
  if (port < 1 || port > 65535) return null;
  return { port, protocol: (m[2] as Protocol | undefined) ?? 'TCP' };
}
