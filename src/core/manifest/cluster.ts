// Layer 3: decoded objects -> Cluster. Expands workloads into the pods their controllers
// would create (names and labels as real controllers make them, but deterministic), gives
// IP-less pods an address from the pod CIDR, and completes namespaces.
import type { Finding } from '../findings.js';
import { addToIp, cidrContains, formatIp, parseCidr, parseIp } from '../ip.js';
import { METADATA_NAME_LABEL, type Cluster, type Namespace, type NotRunningPod, type Pod, type Service, type SourcePos, type WorkloadRef } from '../model.js';
import type { DecodedObject, DecodedPod, DecodedWorkload } from './objects.js';
import { randomLikeString } from './random-names.js';

export const DEFAULT_POD_CIDR = '10.244.0.0/16';
/** The node IP of hostNetwork pods whose input says none: kind's first node on its docker network. */
export const DEFAULT_NODE_IP = '172.18.0.2';

export interface ClusterBuildOptions {
  /** Where IP-less pods get addresses; default 10.244.0.0/16 (flannel's and kind's default). */
  podCidr?: string;
  /** Namespaces used by other objects (policies), in input order, so they exist too. */
  usedNamespaces?: string[];
}

export interface ClusterBuildResult {
  cluster: Cluster;
  findings: Finding[];
}

/**
 * The controllers that own some object of the input (`kubectl get all` dumps), so that their
 * pods are not made up a second time. Ownership is read from ownerReferences and, where a link
 * is missing, from the names and labels controllers give: a dump of deployments and pods
 * without their ReplicaSets still has pods labelled pod-template-hash=H, owned by ReplicaSet
 * D-H (or named D-H-xxxxx), and so belonging to Deployment D.
 */
function ownedKeys(objects: DecodedObject[]): Set<string> {
  const keys = new Set<string>();
  const owner = (ns: string, kind: string, name: string): void => {
    keys.add(`ref:${ns}/${kind}/${name}`);
  };
  for (const o of objects) {
    for (const ref of o.ownerReferences) {
      if (ref.uid) keys.add(`uid:${ref.uid}`);
      owner(o.namespace, ref.kind, ref.name);
    }
    for (const [kind, name] of inferredOwners(o)) owner(o.namespace, kind, name);
  }
  return keys;
}

/** Owners a controller's naming and labelling imply, beyond what ownerReferences say. */
export function inferredOwners(o: DecodedObject): [kind: string, name: string][] {
  const out: [string, string][] = [];
  const labels = o.kind === 'Pod' ? o.labels : o.kind === 'ReplicaSet' ? o.template.labels : undefined;
  if (!labels) return out;
  const hash = Object.hasOwn(labels, 'pod-template-hash') ? labels['pod-template-hash'] : '';
  if (hash) {
    // Deployment D -> ReplicaSet D-H -> Pod D-H-xxxxx (the deployment controller's names).
    const rs = o.kind === 'ReplicaSet' ? o.name : o.ownerReferences.find((r) => r.kind === 'ReplicaSet')?.name ?? replicaSetFromPodName(o.name, hash);
    if (rs && rs.endsWith(`-${hash}`) && rs.length > hash.length + 1) {
      if (o.kind === 'Pod') out.push(['ReplicaSet', rs]);
      out.push(['Deployment', rs.slice(0, -hash.length - 1)]);
    }
  }
  if (o.kind !== 'Pod' || o.ownerReferences.length > 0) return out;
  // Pods whose ownerReferences were stripped (kubectl neat, hand-edited dumps).
  const sts = labels['statefulset.kubernetes.io/pod-name'];
  const m = sts === o.name ? /^(.+)-\d+$/.exec(o.name) : null;
  if (m) out.push(['StatefulSet', m[1]]);
  const job = labels['batch.kubernetes.io/job-name'] ?? labels['job-name'];
  if (job) out.push(['Job', job]);
  if (labels['pod-template-generation'] && labels['controller-revision-hash']) {
    const ds = /^(.+)-[a-z0-9]{5}$/.exec(o.name);
    if (ds) out.push(['DaemonSet', ds[1]]);
  }
  return out;
}

/** ReplicaSets of the input whose Deployment is known (ownerReferences or the D-H name): "ns/rs" -> D. */
function deploymentsOfReplicaSets(objects: DecodedObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of objects) {
    if (o.kind !== 'ReplicaSet') continue;
    const d = o.ownerReferences.find((r) => r.kind === 'Deployment')?.name ?? inferredOwners(o).find(([k]) => k === 'Deployment')?.[1];
    if (d) out.set(`${o.namespace}/${o.name}`, d);
  }
  return out;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/** The workload a pod of the input belongs to: its controller, a ReplicaSet's Deployment. */
function workloadOf(o: DecodedPod, replicaSetOwners: Map<string, string>): WorkloadRef | undefined {
  const refs = o.ownerReferences.length > 0 ? o.ownerReferences.map((r) => [r.kind, r.name] as [string, string]) : inferredOwners(o);
  const rs = refs.find(([k]) => k === 'ReplicaSet');
  if (rs) {
    const d = replicaSetOwners.get(`${o.namespace}/${rs[1]}`) ?? inferredOwners(o).find(([k]) => k === 'Deployment')?.[1];
    return d ? { kind: 'Deployment', name: d } : { kind: 'ReplicaSet', name: rs[1] };
  }
  const owner = refs.find(([k]) => WORKLOAD_KINDS.has(k));
  return owner ? { kind: owner[0] as WorkloadRef['kind'], name: owner[1] } : undefined;
}

/** "web-5d8f7c9b4-x2x7q" with hash 5d8f7c9b4 -> "web-5d8f7c9b4". */
function replicaSetFromPodName(pod: string, hash: string): string | undefined {
  const at = pod.lastIndexOf(`-${hash}-`);
  return at > 0 ? pod.slice(0, at + hash.length + 1) : undefined;
}

function ownsSomething(w: DecodedWorkload, keys: Set<string>): boolean {
  return (w.uid !== undefined && keys.has(`uid:${w.uid}`)) || keys.has(`ref:${w.namespace}/${w.kind}/${w.name}`);
}

/** The pods a controller would create for `w`, named and labelled as the real controller does. */
export function expandWorkload(w: DecodedWorkload): Pod[] {
  const seed = `${w.kind}:${w.namespace}/${w.name}`;
  const pods: Pod[] = [];
  const names = new Set<string>();
  const uniqueSuffix = (i: number): string => {
    for (let attempt = 0; ; attempt++) {
      const s = randomLikeString(`${seed}#${i}#${attempt}`, 5);
      if (!names.has(s)) return s;
    }
  };
  const templateHash = randomLikeString(`${seed}#template`, 10);
  for (let i = 0; i < w.podCount; i++) {
    let name: string;
    const labels: Record<string, string> = { ...w.template.labels };
    switch (w.kind) {
      case 'Deployment':
        // Deployment -> ReplicaSet <name>-<hash> -> Pod <name>-<hash>-<5>.
        name = `${w.name}-${templateHash}-${uniqueSuffix(i)}`;
        labels['pod-template-hash'] = templateHash;
        break;
      case 'StatefulSet':
        name = `${w.name}-${i}`;
        labels['controller-revision-hash'] = `${w.name}-${templateHash}`;
        labels['statefulset.kubernetes.io/pod-name'] = name;
        labels['apps.kubernetes.io/pod-index'] = String(i);
        break;
      case 'DaemonSet':
        name = `${w.name}-${uniqueSuffix(i)}`;
        labels['controller-revision-hash'] = templateHash;
        labels['pod-template-generation'] = '1';
        break;
      case 'Job':
        name = `${w.name}-${uniqueSuffix(i)}`;
        labels['batch.kubernetes.io/job-name'] = w.name;
        labels['job-name'] = w.name;
        break;
      case 'ReplicaSet':
        name = `${w.name}-${uniqueSuffix(i)}`;
        break;
    }
    names.add(name.slice(name.lastIndexOf('-') + 1));
    pods.push({
      namespace: w.namespace,
      name,
      labels,
      ips: [],
      ports: w.template.ports.map((p) => ({ ...p })),
      source: w.source,
      ...(w.template.hostNetwork ? { hostNetwork: true } : {}),
      workload: { kind: w.kind, name: w.name },
    });
  }
  return pods;
}

export function buildCluster(objects: DecodedObject[], options: ClusterBuildOptions = {}): ClusterBuildResult {
  const findings: Finding[] = [];
  const at = (src: SourcePos | undefined, severity: Finding['severity'], path: string, message: string): void => {
    findings.push({ severity, file: src?.file ?? '', line: src?.line ?? 0, col: src?.col ?? 0, path, message });
  };

  // Namespaces, in order of first mention.
  // A Set keeps insertion order and answers "seen?" at once (includes() made 100k objects quadratic).
  const nsOrder = new Set<string>();
  const nsLabels = new Map<string, Record<string, string>>();
  const mention = (ns: string): void => {
    if (ns !== '') nsOrder.add(ns);
  };

  const keys = ownedKeys(objects);
  const replicaSetOwners = deploymentsOfReplicaSets(objects);
  const pods: Pod[] = [];
  const notRunning: NotRunningPod[] = [];
  const services: Service[] = [];
  for (const o of objects) {
    switch (o.kind) {
      case 'Namespace':
        mention(o.name);
        nsLabels.set(o.name, o.labels);
        break;
      case 'Pod': {
        mention(o.namespace);
        const idle = notRunningPhase(o);
        if (idle) {
          notRunning.push({ namespace: o.namespace, name: o.name, phase: idle, source: o.source });
          if (idle === 'Pending') at(o.source, 'warning', 'status.phase', `pod ${o.namespace}/${o.name} is Pending without an IP: not running yet, so it is left out (nothing can reach it)`);
        } else {
          const pod = podFrom(o);
          const workload = workloadOf(o, replicaSetOwners);
          if (workload) pod.workload = workload;
          pods.push(pod);
        }
        break;
      }
      case 'Service': {
        mention(o.namespace);
        const s: Service = { namespace: o.namespace, name: o.name, selector: o.selector, ports: o.ports, source: o.source };
        if (o.clusterIP) s.clusterIP = o.clusterIP;
        if (o.clusterIPs) s.clusterIPs = o.clusterIPs;
        if (o.externalIPs) s.externalIPs = o.externalIPs;
        services.push(s);
        break;
      }
      default:
        mention(o.namespace);
        // A workload whose ReplicaSet or pods are in the input too must not count twice.
        if (!ownsSomething(o, keys)) pods.push(...expandWorkload(o));
    }
  }
  for (const ns of options.usedNamespaces ?? []) mention(ns);

  // A generated pod may collide with a pod of the same name from the input.
  const seen = new Set<string>();
  for (const p of pods) {
    const id = `${p.namespace}/${p.name}`;
    if (seen.has(id)) at(p.source, 'warning', 'metadata.name', `pod ${id} appears twice`);
    seen.add(id);
  }

  assignIps(pods, services, options.podCidr ?? DEFAULT_POD_CIDR, findings, at);

  const namespaces: Namespace[] = [...nsOrder].map((name) => ({
    name,
    // The API server always sets this label and overrides a wrong value.
    labels: { ...(nsLabels.get(name) ?? {}), [METADATA_NAME_LABEL]: name },
  }));
  const cluster: Cluster = { namespaces, pods, services, externals: [] };
  if (notRunning.length > 0) cluster.notRunning = notRunning;
  return { cluster, findings };
}

/**
 * The phase of a pod that holds no IP: Succeeded and Failed pods have released theirs (a
 * dump may still show the old podIP), a Pending pod without one has no sandbox yet. A pod
 * with no status at all is a manifest to apply: it will run, and gets an address.
 */
function notRunningPhase(o: DecodedPod): string | undefined {
  if (o.phase === 'Succeeded' || o.phase === 'Failed') return o.phase;
  if (o.phase === 'Pending' && o.ips.length === 0 && !(o.hostNetwork && o.hostIPs.length > 0)) return o.phase;
  return undefined;
}

function podFrom(o: DecodedPod): Pod {
  const pod: Pod = { namespace: o.namespace, name: o.name, labels: o.labels, ips: [...o.ips], ports: o.ports, source: o.source };
  if (o.hostNetwork) {
    pod.hostNetwork = true;
    // A hostNetwork pod's podIPs are its node's IPs (the kubelet copies hostIPs).
    if (pod.ips.length === 0) pod.ips.push(...o.hostIPs);
  }
  if (o.hostIPs.length > 0) pod.hostIP = o.hostIPs[0];
  return pod;
}

function assignIps(
  pods: Pod[],
  services: Service[],
  podCidr: string,
  findings: Finding[],
  at: (src: SourcePos | undefined, severity: Finding['severity'], path: string, message: string) => void,
): void {
  const used = new Map<string, Pod>();
  const nodeIps = new Set<string>();
  for (const p of pods) {
    for (const ip of p.ips) {
      // hostNetwork pods (kube-proxy, etcd) share their node's IP: that is no collision.
      if (p.hostNetwork) {
        nodeIps.add(ip);
        continue;
      }
      const other = used.get(ip);
      if (other) at(p.source, 'warning', 'status.podIP', `IP ${ip} is also used by pod ${other.namespace}/${other.name}`);
      else used.set(ip, p);
    }
  }
  for (const ip of nodeIps) {
    const pod = used.get(ip);
    if (pod) at(pod.source, 'warning', 'status.podIP', `IP ${ip} is also the node IP of hostNetwork pods`);
  }
  // hostNetwork pods without a status run on the (one) node of the model, with its IP.
  for (const p of pods) if (p.hostNetwork && p.ips.length === 0) p.ips.push(DEFAULT_NODE_IP);
  const reserved = new Set<string>([...used.keys(), ...nodeIps, DEFAULT_NODE_IP]);
  for (const s of services) {
    for (const text of [s.clusterIP, ...(s.clusterIPs ?? [])]) {
      const ip = text ? parseIp(text) : null;
      if (ip) reserved.add(formatIp(ip));
    }
  }

  const needing = pods.filter((p) => p.ips.length === 0);
  if (needing.length === 0) return;
  const cidr = parseCidr(podCidr);
  if (!cidr) {
    findings.push({ severity: 'error', file: '', line: 0, col: 0, path: 'podCidr', message: `Invalid value: ${JSON.stringify(podCidr)}: must be a valid CIDR value, (e.g. 10.244.0.0/16)` });
    return;
  }
  const hostBits = cidr.bytes.length * 8 - cidr.prefix;
  const size = hostBits >= 40 ? Number.MAX_SAFE_INTEGER : 2 ** hostBits;
  // Offset 0 is the network address; start at .1 and go up in input order.
  let offset = 1;
  for (const p of needing) {
    let assigned = false;
    while (offset < size - (cidr.family === 4 ? 1 : 0)) {
      const candidate = formatIp(addToIp({ family: cidr.family, bytes: maskBytes(cidr.bytes, cidr.prefix) }, offset));
      offset++;
      if (!reserved.has(candidate) && cidrContains(cidr, parseIp(candidate)!)) {
        p.ips.push(candidate);
        reserved.add(candidate);
        assigned = true;
        break;
      }
    }
    if (!assigned) {
      at(p.source, 'error', 'status.podIP', `pod CIDR ${podCidr} has no free address left for pod ${p.namespace}/${p.name}`);
      return;
    }
  }
}

function maskBytes(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let bit = prefix; bit < out.length * 8; bit++) out[bit >> 3] &= ~(0x80 >> (bit & 7));
  return out;
}
