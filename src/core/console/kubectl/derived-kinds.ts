// Kinds the console keeps no objects of but a learner may `kubectl get`: DaemonSets (read
// off their pods: kube-proxy, calico-node), the ConfigMaps a kubeadm cluster holds,
// Endpoints and EndpointSlices (one per Service, from its endpoints), and kinds a fresh
// cluster has none of.
// Events are empty: describe says `Events: <none>` too, as on a cluster idle for an hour
// (events expire after one). Columns as pkg/printers/internalversion/printers.go prints them.
import type { ApiServer } from '../api-server.js';
import { NODES } from '../api-server.js';
import type { Network } from '../network.js';
import type { PodObject } from '../objects.js';
import { formatLabels } from '../selectors.js';
import { randomLikeString } from '../../manifest/random-names.js';

export interface DerivedResource {
  plural: string;
  singular: string;
  shortNames: string[];
  group: string;
  kind: string;
  head: string[];
  wideHead: string[];
}

export interface DerivedObject {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  created: number;
  /** The cells after NAME, before AGE (AGE is appended from created). */
  cells: string[];
  wideCells: string[];
}

const r = (plural: string, singular: string, shortNames: string[], group: string, kind: string, head: string[], wideHead: string[] = []): DerivedResource => ({ plural, singular, shortNames, group, kind, head, wideHead });

export const DERIVED: readonly DerivedResource[] = [
  r('daemonsets', 'daemonset', ['ds'], 'apps', 'DaemonSet', ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']),
  r('configmaps', 'configmap', ['cm'], '', 'ConfigMap', ['NAME', 'DATA', 'AGE']),
  r('endpoints', 'endpoints', ['ep'], '', 'Endpoints', ['NAME', 'ENDPOINTS', 'AGE']),
  r('endpointslices', 'endpointslice', [], 'discovery.k8s.io', 'EndpointSlice', ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']),
  r('events', 'event', ['ev'], '', 'Event', ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ['SUBOBJECT', 'SOURCE', 'FIRST SEEN', 'COUNT', 'NAME']),
  r('statefulsets', 'statefulset', ['sts'], 'apps', 'StatefulSet', ['NAME', 'READY', 'AGE'], ['CONTAINERS', 'IMAGES']),
  r('jobs', 'job', [], 'batch', 'Job', ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']),
  r('cronjobs', 'cronjob', ['cj'], 'batch', 'CronJob', ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']),
  r('ingresses', 'ingress', ['ing'], 'networking.k8s.io', 'Ingress', ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']),
  r('persistentvolumeclaims', 'persistentvolumeclaim', ['pvc'], '', 'PersistentVolumeClaim', ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'], ['VOLUMEMODE']),
  r('horizontalpodautoscalers', 'horizontalpodautoscaler', ['hpa'], 'autoscaling', 'HorizontalPodAutoscaler', ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']),
  r('poddisruptionbudgets', 'poddisruptionbudget', ['pdb'], 'policy', 'PodDisruptionBudget', ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']),
];

/** daemonsets, ds, daemonset.apps, events ... as kubectl's RESTMapper resolves them. */
export function findDerived(name: string): DerivedResource | undefined {
  const n = name.toLowerCase();
  return DERIVED.find((d) => {
    const names = [d.plural, d.singular, ...d.shortNames, d.kind.toLowerCase()];
    if (names.includes(n)) return true;
    return d.group !== '' && names.some((x) => n === `${x}.${d.group}` || n.startsWith(`${x}.v`) && n.endsWith(`.${d.group}`));
  });
}

export function derivedQualifiedPlural(d: DerivedResource): string {
  return d.group ? `${d.plural}.${d.group}` : d.plural;
}

export function derivedQualifiedSingular(d: DerivedResource): string {
  return d.group ? `${d.singular}.${d.group}` : d.singular;
}

/** The objects of a derived kind in a namespace (null: every namespace), sorted by namespace then name. */
export function listDerived(d: DerivedResource, api: ApiServer, net: Network, ns: string | null): DerivedObject[] {
  const namespaces = api.list('Namespace', null).filter((n) => ns === null || n.meta.name === ns);
  let out: DerivedObject[] = [];
  if (d.kind === 'DaemonSet') out = daemonSets(api, ns);
  else if (d.kind === 'ConfigMap') out = namespaces.flatMap((n) => configMaps(n.meta.name, n.meta.created, api));
  else if (d.kind === 'EndpointSlice') out = endpointSlices(api, net, ns);
  else if (d.kind === 'Endpoints') out = endpoints(api, net, ns);
  return out.sort((a, b) => (a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Labels the DaemonSet controller adds to its pods, not part of the DaemonSet's own selector.
const CONTROLLER_LABELS = ['controller-revision-hash', 'pod-template-generation'];

function daemonSets(api: ApiServer, ns: string | null): DerivedObject[] {
  const groups = new Map<string, PodObject[]>();
  for (const p of api.list('Pod', ns)) {
    if (p.meta.owner?.kind !== 'DaemonSet') continue;
    const key = `${p.meta.namespace}/${p.meta.owner.name}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((pods) => {
    const p = pods[0];
    const labels = Object.fromEntries(Object.entries(p.meta.labels).filter(([k]) => !CONTROLLER_LABELS.includes(k)));
    const selector = Object.fromEntries(Object.entries(labels).filter(([k]) => k !== 'tier'));
    const n = String(pods.length);
    const ready = String(pods.filter((x) => x.phase === 'Running').length);
    // kube-proxy's and Calico's manifests pin their pods to Linux nodes; flannel's uses affinity instead.
    const nodeSelector = p.meta.owner!.name === 'kube-flannel-ds' ? '<none>' : 'kubernetes.io/os=linux';
    return {
      namespace: p.meta.namespace,
      name: p.meta.owner!.name,
      labels,
      created: Math.min(...pods.map((x) => x.meta.created)),
      cells: [n, n, ready, n, ready, nodeSelector],
      wideCells: [p.containers.map((c) => c.name).join(','), p.containers.map((c) => c.image).join(','), formatLabels(selector)],
    };
  });
}

/** kube-root-ca.crt in every namespace (its one key, ca.crt); kubeadm's, CoreDNS's and the CNI's in theirs. */
function configMaps(ns: string, created: number, api: ApiServer): DerivedObject[] {
  const cm = (name: string, data: number): DerivedObject => ({ namespace: ns, name, labels: {}, created, cells: [String(data)], wideCells: [] });
  const out = [cm('kube-root-ca.crt', 1)];
  if (ns === 'kube-system') {
    out.push(cm('coredns', 1), cm('extension-apiserver-authentication', 7), cm('kube-apiserver-legacy-service-account-token-tracking', 1), cm('kube-proxy', 2), cm('kubeadm-config', 1), cm('kubelet-config', 1));
    if (api.list('Pod', 'kube-system').some((p) => p.meta.owner?.name === 'calico-node')) out.push(cm('calico-config', 4));
  }
  // cluster-info keeps only its kubeconfig once kubeadm's 24-hour bootstrap token has expired.
  if (ns === 'kube-public') out.push(cm('cluster-info', 1));
  if (ns === 'kube-flannel') out.push(cm('kube-flannel-cfg', 2));
  return out;
}

/** formatDiscoveryPorts / formatDiscoveryEndpoints: the first three, then "+ N more...", "<unset>" for none. */
function listWithMore(list: string[]): string {
  if (list.length > 3) return `${list.slice(0, 3).join(',')} + ${list.length - 3} more...`;
  return list.length ? list.join(',') : '<unset>';
}

function endpointSlices(api: ApiServer, net: Network, ns: string | null): DerivedObject[] {
  return api.list('Service', ns).map((s) => {
    const isApiServer = s.meta.namespace === 'default' && s.meta.name === 'kubernetes';
    const addresses = new Set<string>();
    const ports: string[] = [];
    for (const p of s.ports) {
      const eps = net.endpoints(s, p.targetPort, p.protocol);
      for (const e of eps) addresses.add(e.kind === 'pod' ? e.pod.ip : e.kind === 'node' ? NODES[0].ip : '');
      // A slice's port is the target port its endpoints serve on (a named one resolved per pod).
      // A Service without endpoints gets a placeholder slice with no ports.
      if (eps.length) ports.push(String(eps[0].port));
    }
    // The API server keeps its own slice, named as the Service; the controller's names are generated.
    const name = isApiServer ? 'kubernetes' : `${s.meta.name}-${randomLikeString(`slice/${s.meta.namespace}/${s.meta.name}`, 5)}`;
    const labels: Record<string, string> = isApiServer
      ? { 'kubernetes.io/service-name': 'kubernetes' }
      : { ...s.meta.labels, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': s.meta.name };
    return { namespace: s.meta.namespace, name, labels, created: s.meta.created, cells: ['IPv4', listWithMore(ports), listWithMore([...addresses].filter(Boolean))], wideCells: [] };
  });
}

/** v1 Endpoints as the endpoints controller keeps them: IP:port per ready backend, <none> without (formatEndpoints). */
function endpoints(api: ApiServer, net: Network, ns: string | null): DerivedObject[] {
  return api.list('Service', ns).map((s) => {
    const eps = s.ports.flatMap((p) => net.endpoints(s, p.targetPort, p.protocol).map((e) => (e.kind === 'pod' ? `${e.pod.ip}:${e.port}` : e.kind === 'node' ? `${NODES[0].ip}:${e.port}` : '')));
    const text = eps.length === 0 ? '<none>' : eps.length > 3 ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...` : eps.join(',');
    const isApiServer = s.meta.namespace === 'default' && s.meta.name === 'kubernetes';
    const labels = isApiServer ? { 'endpointslice.kubernetes.io/skip-mirror': 'true' } : { ...s.meta.labels };
    return { namespace: s.meta.namespace, name: s.meta.name, labels, created: s.meta.created, cells: [text], wideCells: [] };
  });
}
