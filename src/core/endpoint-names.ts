// The names people type for the two ends of a connection (`why FROM TO`, `matrix
// --external`), resolved the way the cluster would: a pod by name or unique prefix, a
// workload as its pods, a Service (svc/NAME or its ClusterIP) as its backend pods, an IP
// as the pod holding it, else a host outside the cluster. Errors are sentences, not throws.
import type { Cluster, Pod, Protocol, Service, ServicePort } from './model.js';
import { podId } from './model.js';
import { parseIp, formatIp } from './ip.js';

export interface ServiceTarget {
  service: Service;
  /** What the argument was: "svc/NAME" or the ClusterIP. */
  via: 'name' | 'clusterIP' | 'externalIP';
}

export type EndpointName =
  /** address: the IP the pods were named by (a pod IP or a ClusterIP), whose family the connection has. */
  | { kind: 'pods'; ids: string[]; note?: string; service?: ServiceTarget; address?: string }
  | { kind: 'external'; ip: string }
  | { kind: 'error'; message: string };

const WORKLOADS: Record<string, string> = {
  deploy: 'Deployment',
  deployment: 'Deployment',
  deployments: 'Deployment',
  rs: 'ReplicaSet',
  replicaset: 'ReplicaSet',
  replicasets: 'ReplicaSet',
  sts: 'StatefulSet',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  ds: 'DaemonSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  job: 'Job',
  jobs: 'Job',
};
const SERVICE_WORDS = new Set(['svc', 'service', 'services']);

/** Backend pods of a Service: its selector's pods in its namespace (none without a selector). */
export function serviceBackends(cluster: Cluster, svc: Service): Pod[] {
  const keys = Object.keys(svc.selector);
  if (keys.length === 0) return [];
  return cluster.pods.filter((p) => p.namespace === svc.namespace && keys.every((k) => p.labels[k] === svc.selector[k]));
}

/**
 * The pod port a Service port delivers to on one backend, as the endpoints controller's
 * FindPort does: a number as is; a name looked up in containers, then sidecars, with the
 * Service port's protocol. Undefined: the pod is no endpoint of that port.
 */
export function backendPort(pod: Pod, sp: ServicePort): number | undefined {
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  return pod.ports.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol)?.port;
}

/** The Service port that `port/protocol` names on a Service, if any. */
export function servicePort(svc: Service, port: number, protocol: Protocol): ServicePort | undefined {
  return svc.ports.find((p) => p.port === port && p.protocol === protocol);
}

/** The Service whose spec.clusterIP, or one of its spec.clusterIPs (dual-stack), is `ip` (compared as addresses). */
export function serviceByClusterIp(cluster: Cluster, ip: string): Service | undefined {
  const want = parseIp(ip);
  if (!want) return undefined;
  const same = (text: string | undefined) => {
    const got = text ? parseIp(text) : null;
    return got !== null && formatIp(got) === formatIp(want);
  };
  return cluster.services.find((s) => same(s.clusterIP) || (s.clusterIPs ?? []).some(same));
}

/** The Service with `ip` among its externalIPs or load balancer IPs (compared as addresses). */
export function serviceByExternalIp(cluster: Cluster, ip: string): Service | undefined {
  const want = parseIp(ip);
  if (!want) return undefined;
  return cluster.services.find((s) => (s.externalIPs ?? []).some((text) => {
    const got = parseIp(text);
    return got !== null && formatIp(got) === formatIp(want);
  }));
}

/** Pods a workload's controller runs, known by the labels and names controllers give them. */
function workloadPods(cluster: Cluster, kind: string, namespace: string | undefined, name: string): Pod[] {
  const inNs = cluster.pods.filter((p) => namespace === undefined || p.namespace === namespace);
  switch (kind) {
    case 'Deployment':
      // Deployment NAME -> ReplicaSet NAME-HASH -> pods NAME-HASH-xxxxx labelled pod-template-hash=HASH.
      return inNs.filter((p) => {
        const hash = p.labels['pod-template-hash'];
        return hash !== undefined && p.name.startsWith(`${name}-${hash}-`);
      });
    case 'ReplicaSet':
      return inNs.filter((p) => p.name.startsWith(`${name}-`) && p.labels['pod-template-hash'] !== undefined && name.endsWith(`-${p.labels['pod-template-hash']}`));
    case 'StatefulSet':
      return inNs.filter((p) => new RegExp(`^${escapeRe(name)}-\\d+$`).test(p.name) && p.labels['statefulset.kubernetes.io/pod-name'] === p.name);
    case 'DaemonSet':
      return inNs.filter((p) => p.name.startsWith(`${name}-`) && p.labels['pod-template-generation'] !== undefined);
    case 'Job':
      return inNs.filter((p) => p.labels['batch.kubernetes.io/job-name'] === name || p.labels['job-name'] === name);
    default:
      return [];
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function notRunning(cluster: Cluster, namespace: string | undefined, name: string): string | undefined {
  const p = cluster.notRunning?.find((x) => x.name === name && (namespace === undefined || x.namespace === namespace));
  if (!p) return undefined;
  return `pod ${p.namespace}/${p.name} is not running (${p.phase}): it holds no IP, so no connection reaches it or leaves it`;
}

function ids(pods: Pod[]): string[] {
  return pods.map(podId);
}

/**
 * What `text` names. Forms: NAMESPACE/NAME, NAME (unique), a unique pod-name prefix,
 * [NAMESPACE/]deploy|sts|ds|rs|job/NAME, [NAMESPACE/]svc/NAME, an IP (a Service's ClusterIP,
 * a pod's IP or the node IP of hostNetwork pods, else a host outside the cluster).
 */
export function resolveEndpointName(cluster: Cluster, text: string, defaultNamespace?: string): EndpointName {
  // -n NS, as kubectl's: names without a namespace are looked up in NS only.
  if (defaultNamespace !== undefined && !text.includes('/') && !parseIp(text) && !cluster.externals.some((x) => x.name === text)) {
    return resolveEndpointName(cluster, `${defaultNamespace}/${text}`);
  }
  const parts = text.split('/');
  if (parts.length === 2 && cluster.pods.some((p) => podId(p) === text)) return { kind: 'pods', ids: [text] };
  if (parts.length === 2 || parts.length === 3) {
    const [namespace, word, name] = parts.length === 3 ? parts : [defaultNamespace, parts[0], parts[1]];
    const lower = word.toLowerCase();
    if (SERVICE_WORDS.has(lower)) return resolveService(cluster, namespace, name, text);
    if (WORKLOADS[lower]) {
      const pods = workloadPods(cluster, WORKLOADS[lower], namespace, name);
      if (pods.length === 0) return { kind: 'error', message: `no pods of ${WORKLOADS[lower]} "${name}" in the manifests` };
      const nss = [...new Set(pods.map((p) => p.namespace))];
      if (nss.length > 1) return { kind: 'error', message: `"${text}" is ambiguous: ${WORKLOADS[lower]} ${name} exists in namespaces ${nss.join(', ')}; use NAMESPACE/${word}/${name}` };
      return { kind: 'pods', ids: ids(pods), note: `${text} is ${WORKLOADS[lower]} ${nss[0]}/${name}: its pods ${ids(pods).join(', ')}` };
    }
    if (parts.length === 2) {
      const why = notRunning(cluster, parts[0], parts[1]);
      if (why) return { kind: 'error', message: why };
      const prefixed = cluster.pods.filter((p) => p.namespace === parts[0] && p.name.startsWith(parts[1]));
      if (prefixed.length === 1) return { kind: 'pods', ids: ids(prefixed) };
      if (prefixed.length > 1) return { kind: 'error', message: `"${text}" is ambiguous: ${shortIds(prefixed)}; give the whole pod name` };
    }
    return { kind: 'error', message: `no pod "${text}" in the manifests` };
  }
  if (parts.length > 3) return { kind: 'error', message: `"${text}" is not a pod, workload, Service or IP` };

  if (parseIp(text)) {
    const svc = serviceByClusterIp(cluster, text);
    const outside = svc ? undefined : serviceByExternalIp(cluster, text);
    if (svc || outside) {
      const target = serviceTarget(cluster, (svc ?? outside)!, svc ? 'clusterIP' : 'externalIP', text);
      return target.kind === 'pods' ? { ...target, address: text } : target;
    }
    const ip = formatIp(parseIp(text)!);
    const holders = cluster.pods.filter((p) => p.ips.some((x) => { const y = parseIp(x); return y !== null && formatIp(y) === ip; }));
    if (holders.length === 1) return { kind: 'pods', ids: ids(holders), address: text };
    if (holders.length > 1) {
      const host = holders.every((p) => p.hostNetwork);
      return { kind: 'pods', ids: ids(holders), address: text, note: host ? `${text} is the node IP of the hostNetwork pods ${ids(holders).join(', ')}` : `${text} is held by ${ids(holders).join(', ')}` };
    }
    return { kind: 'external', ip: text };
  }

  const named = cluster.pods.filter((p) => p.name === text);
  if (named.length === 1) return { kind: 'pods', ids: ids(named) };
  if (named.length > 1) return { kind: 'error', message: `"${text}" is ambiguous: ${shortIds(named)}; use NAMESPACE/NAME` };
  const external = cluster.externals.find((x) => x.name === text);
  if (external) return { kind: 'pods', ids: [external.name] };
  const why = notRunning(cluster, undefined, text);
  if (why) return { kind: 'error', message: why };
  const prefixed = cluster.pods.filter((p) => p.name.startsWith(text));
  if (prefixed.length === 1) return { kind: 'pods', ids: ids(prefixed) };
  if (prefixed.length > 1) return { kind: 'error', message: `"${text}" is ambiguous: it begins ${shortIds(prefixed)}; use NAMESPACE/NAME or deploy/NAME` };
  return { kind: 'error', message: `no pod named "${text}" in the manifests (use NAMESPACE/NAME, deploy/NAME, svc/NAME or an IP)` };
}

function shortIds(pods: Pod[]): string {
  const list = ids(pods);
  return list.length <= 4 ? list.join(', ') : `${list.slice(0, 4).join(', ')} and ${list.length - 4} more`;
}

function resolveService(cluster: Cluster, namespace: string | undefined, name: string, text: string): EndpointName {
  const found = cluster.services.filter((s) => s.name === name && (namespace === undefined || s.namespace === namespace));
  if (found.length === 0) return { kind: 'error', message: `no Service "${name}"${namespace ? ` in namespace ${namespace}` : ''} in the manifests` };
  if (found.length > 1) return { kind: 'error', message: `"${text}" is ambiguous: Service ${name} exists in namespaces ${found.map((s) => s.namespace).join(', ')}; use NAMESPACE/svc/${name}` };
  return serviceTarget(cluster, found[0], 'name', text);
}

function serviceTarget(cluster: Cluster, svc: Service, via: ServiceTarget['via'], text: string): EndpointName {
  const backends = serviceBackends(cluster, svc);
  const what = `Service ${svc.namespace}/${svc.name}${svc.clusterIP && via === 'name' ? ` (ClusterIP ${svc.clusterIP})` : ''}`;
  const head =
    via === 'clusterIP'
      ? `${text} is the ClusterIP of ${what}`
      : via === 'externalIP'
        ? `${text} is an external IP of ${what} (spec.externalIPs or its load balancer's)`
        : `${text} is ${what}`;
  if (backends.length === 0) {
    const why = Object.keys(svc.selector).length === 0 ? 'it has no selector' : 'no running pod matches its selector';
    return { kind: 'error', message: `${head}: it has no backend pods (${why}), so a connection to it goes nowhere` };
  }
  return {
    kind: 'pods',
    ids: ids(backends),
    service: { service: svc, via },
    note: `${head}: kube-proxy DNATs its traffic to a backend pod before any policy sees it, so policies judge the backends ${shortIds(backends)} on their pod ports (an ipBlock of the Service range admits nothing)`,
  };
}

/**
 * What an IP given as an outside host really is, when the cluster holds it: a Service's
 * ClusterIP (its traffic is its backends') or a pod's IP (the pod is already a row).
 */
export function insideClusterIp(cluster: Cluster, ip: string): string | undefined {
  const clusterIp = serviceByClusterIp(cluster, ip);
  const svc = clusterIp ?? serviceByExternalIp(cluster, ip);
  if (svc) {
    const backends = serviceBackends(cluster, svc);
    const whose = backends.length ? `the rows and columns of its backends (${shortIds(backends)}) show it` : 'it has no backend pods';
    const what = clusterIp ? 'the ClusterIP' : 'an external IP (spec.externalIPs or its load balancer\'s)';
    return `it is ${what} of Service ${svc.namespace}/${svc.name}: kube-proxy DNATs its traffic to a backend pod before policies apply, so ${whose}`;
  }
  const want = parseIp(ip);
  const holders = want ? cluster.pods.filter((p) => p.ips.some((x) => parseIp(x) !== null && formatIp(parseIp(x)!) === formatIp(want))) : [];
  if (holders.length === 0) return undefined;
  if (holders.every((p) => p.hostNetwork)) return `it is the node IP of the hostNetwork pods ${shortIds(holders)}, which the matrix shows`;
  return `it is the IP of pod ${shortIds(holders)}, which the matrix shows`;
}

/** One line for the pods that finished (Succeeded, Failed): they hold no IP, so no matrix shows them. */
export function finishedPodsNotice(cluster: Cluster): string | undefined {
  const done = (cluster.notRunning ?? []).filter((p) => p.phase !== 'Pending');
  if (done.length === 0) return undefined;
  const names = done.map((p) => `${p.namespace}/${p.name} (${p.phase})`);
  const list = names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;
  const what = done.length === 1 ? '1 pod that finished and holds' : `${done.length} pods that finished and hold`;
  return `left out ${what} no IP: ${list}`;
}
