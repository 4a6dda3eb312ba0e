// An in-memory API server with the controllers the console needs: objects are stored by
// kind and namespace/name, Deployments own a ReplicaSet whose pods carry
// pod-template-hash, deleting a Namespace deletes what it holds, and every change bumps
// a version so that reachability is recomputed only when something changed.
import { randomLikeString } from '../manifest/random-names.js';
import { templateHash } from '../bank/cluster-spec.js';
import { METADATA_NAME_LABEL } from '../model.js';
import type {
  ApiObject,
  Container,
  DeploymentObject,
  Kind,
  NamespaceObject,
  ObjectMeta,
  PodObject,
  PodTemplate,
  ReplicaSetObject,
  ServiceObject,
} from './objects.js';
import { selectorMatchesLabels } from './selectors.js';
import { podRunsForever } from './images.js';

export interface Node {
  name: string;
  ip: string;
  controlPlane: boolean;
}

export const NODES: readonly Node[] = [
  { name: 'controlplane', ip: '172.30.1.2', controlPlane: true },
  { name: 'node01', ip: '172.30.2.2', controlPlane: false },
];

/** The node user workloads are scheduled on (the control plane is tainted). */
export const WORKER = NODES[1];

export class ApiServer {
  /** Bumped on every change; consumers cache on it. */
  version = 0;
  private store = new Map<Kind, Map<string, ApiObject>>();
  private uidCounter = 0;
  private rv = 1000;
  private nextPodIp = 10;
  private nextServiceIp = 10;
  private usedIps = new Set<string>();

  constructor(readonly now: () => number) {}

  private bucket(kind: Kind): Map<string, ApiObject> {
    let m = this.store.get(kind);
    if (!m) this.store.set(kind, (m = new Map()));
    return m;
  }

  get<K extends Kind>(kind: K, namespace: string, name: string): Extract<ApiObject, { kind: K }> | undefined {
    return this.bucket(kind).get(`${namespace}/${name}`) as Extract<ApiObject, { kind: K }> | undefined;
  }

  /** Objects of a kind, in one namespace (or all when null), sorted by namespace then name as kubectl lists them. */
  list<K extends Kind>(kind: K, namespace: string | null): Extract<ApiObject, { kind: K }>[] {
    const out = [...this.bucket(kind).values()].filter((o) => namespace === null || o.meta.namespace === namespace) as Extract<ApiObject, { kind: K }>[];
    return out.sort((a, b) => (a.meta.namespace === b.meta.namespace ? cmp(a.meta.name, b.meta.name) : cmp(a.meta.namespace, b.meta.namespace)));
  }

  namespaceExists(name: string): boolean {
    return this.bucket('Namespace').has(`/${name}`);
  }

  newMeta(name: string, namespace: string, labels: Record<string, string> = {}): ObjectMeta {
    return {
      name,
      namespace,
      labels: { ...labels },
      annotations: {},
      uid: this.uid(),
      created: this.now(),
      resourceVersion: ++this.rv,
      generation: 1,
    };
  }

  private uid(): string {
    const hex = (seed: string, n: number) => {
      let out = '';
      let h = 0x811c9dc5;
      for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
      for (let i = 0; i < n; i++) {
        h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
        h = (h + 0x9e3779b9 + i) >>> 0;
        out += (h >>> 28).toString(16);
      }
      return out;
    };
    const s = `uid-${++this.uidCounter}`;
    const all = hex(s, 32);
    return `${all.slice(0, 8)}-${all.slice(8, 12)}-4${all.slice(13, 16)}-a${all.slice(17, 20)}-${all.slice(20, 32)}`;
  }

  /** Stores a new or changed object; `touch` is false when nothing in it changed. */
  put(obj: ApiObject, touch = true): void {
    if (touch) {
      obj.meta.resourceVersion = ++this.rv;
      this.version++;
    }
    this.bucket(obj.kind).set(`${obj.meta.namespace}/${obj.meta.name}`, obj);
    if (obj.kind === 'Pod' && obj.ip && !obj.hostNetwork) this.usedIps.add(obj.ip);
    if (obj.kind === 'Service' && obj.clusterIP) this.usedIps.add(obj.clusterIP);
  }

  /** Marks an object changed in place. */
  touch(obj: ApiObject): void {
    obj.meta.resourceVersion = ++this.rv;
    this.version++;
  }

  remove(kind: Kind, namespace: string, name: string): ApiObject | undefined {
    const key = `${namespace}/${name}`;
    const obj = this.bucket(kind).get(key);
    if (!obj) return undefined;
    this.bucket(kind).delete(key);
    this.version++;
    if (obj.kind === 'Namespace') {
      for (const k of ['Pod', 'Service', 'Deployment', 'ReplicaSet', 'NetworkPolicy'] as const) {
        for (const o of this.list(k, name)) this.bucket(k).delete(`${o.meta.namespace}/${o.meta.name}`);
      }
    }
    if (obj.kind === 'Deployment') {
      for (const rs of this.list('ReplicaSet', namespace)) {
        if (rs.meta.owner?.uid === obj.meta.uid) this.remove('ReplicaSet', namespace, rs.meta.name);
      }
    }
    if (obj.kind === 'ReplicaSet') {
      for (const p of this.list('Pod', namespace)) if (p.meta.owner?.uid === obj.meta.uid) this.bucket('Pod').delete(`${namespace}/${p.meta.name}`);
    }
    if (obj.kind === 'Service' && namespace === 'default' && name === 'kubernetes') {
      // The API server puts its own Service back at once, with the same ClusterIP.
      const again: ServiceObject = { ...obj, meta: { ...this.newMeta(name, namespace, obj.meta.labels) } };
      this.put(again);
    }
    if (obj.kind === 'Pod' && obj.meta.owner?.kind === 'ReplicaSet') {
      const rs = this.get('ReplicaSet', namespace, obj.meta.owner.name);
      if (rs) this.reconcileReplicaSet(rs);
    }
    return obj;
  }

  // ---- addresses ------------------------------------------------------------------------

  allocatePodIp(): string {
    for (;;) {
      const n = this.nextPodIp++;
      const ip = `10.244.${1 + Math.floor(n / 250)}.${n % 250}`;
      if (n % 250 === 0 || this.usedIps.has(ip)) continue;
      this.usedIps.add(ip);
      return ip;
    }
  }

  allocateServiceIp(): string {
    for (;;) {
      const n = this.nextServiceIp++;
      const ip = `10.96.${100 + Math.floor(n / 250)}.${n % 250}`;
      if (n % 250 === 0 || this.usedIps.has(ip)) continue;
      this.usedIps.add(ip);
      return ip;
    }
  }

  reserveIp(ip: string): void {
    this.usedIps.add(ip);
  }

  // ---- namespaces -----------------------------------------------------------------------

  createNamespace(name: string, labels: Record<string, string> = {}): NamespaceObject {
    const ns: NamespaceObject = { kind: 'Namespace', meta: this.newMeta(name, '', { ...labels, [METADATA_NAME_LABEL]: name }) };
    this.put(ns);
    return ns;
  }

  // ---- workloads ------------------------------------------------------------------------

  /** A pod as the kubelet runs it: an IP on the worker node, Running or exited. */
  newPod(meta: ObjectMeta, containers: Container[], restartPolicy: PodObject['restartPolicy'], ip?: string): PodObject {
    const forever = podRunsForever(containers);
    const pod: PodObject = {
      kind: 'Pod',
      meta,
      containers,
      restartPolicy,
      nodeName: WORKER.name,
      hostIP: WORKER.ip,
      hostNetwork: false,
      ip: '',
      phase: 'Running',
      restarts: 0,
      logs: '',
    };
    if (forever || restartPolicy === 'Always') pod.ip = ip ?? this.allocatePodIp();
    if (forever) pod.logs = startupLog(containers, meta.created);
    if (ip) this.reserveIp(ip);
    if (!forever) {
      if (restartPolicy === 'Always') {
        pod.waitingReason = 'CrashLoopBackOff';
        pod.restarts = 3;
      } else pod.phase = 'Succeeded';
    }
    return pod;
  }

  createDeployment(d: DeploymentObject): void {
    this.put(d);
    this.reconcileDeployment(d);
  }

  /** Makes the Deployment's current ReplicaSet match its template and replicas. */
  reconcileDeployment(d: DeploymentObject): void {
    const ns = d.meta.namespace;
    const owned = this.list('ReplicaSet', ns).filter((rs) => rs.meta.owner?.uid === d.meta.uid);
    const key = templateKey(d.template);
    let current = owned.find((rs) => templateKey(rs.template) === key);
    for (const rs of owned) {
      if (rs !== current && rs.replicas !== 0) {
        rs.replicas = 0;
        this.touch(rs);
        this.reconcileReplicaSet(rs);
      }
    }
    if (!current) {
      // The first template of a deployment gets the bank's hash, so that scenario pods and
      // console pods are named alike; a changed template gets a new one.
      const hash = owned.length === 0 ? templateHash(ns, d.meta.name) : randomLikeString(`${ns}/${d.meta.name}/${key}`, 10);
      const labels = { ...d.template.labels, 'pod-template-hash': hash };
      current = {
        kind: 'ReplicaSet',
        meta: { ...this.newMeta(`${d.meta.name}-${hash}`, ns, labels), owner: { apiVersion: 'apps/v1', kind: 'Deployment', name: d.meta.name, uid: d.meta.uid } },
        replicas: d.replicas,
        selector: { ...d.selector, 'pod-template-hash': hash },
        template: { labels, containers: d.template.containers.map(cloneContainer) },
        hash,
      };
      this.put(current);
    } else if (current.replicas !== d.replicas) {
      current.replicas = d.replicas;
      this.touch(current);
    }
    this.reconcileReplicaSet(current);
  }

  reconcileReplicaSet(rs: ReplicaSetObject): void {
    const ns = rs.meta.namespace;
    const pods = this.list('Pod', ns).filter((p) => p.meta.owner?.uid === rs.meta.uid);
    const matching: PodObject[] = [];
    for (const p of pods) {
      if (selectorMatchesLabels(rs.selector, p.meta.labels)) matching.push(p);
      else {
        // Relabelled out of the selector: the ReplicaSet lets it go and makes another.
        delete p.meta.owner;
        this.touch(p);
      }
    }
    while (matching.length > rs.replicas) {
      const p = matching.pop()!;
      this.bucket('Pod').delete(`${ns}/${p.meta.name}`);
      this.version++;
    }
    while (matching.length < rs.replicas) {
      const name = this.podName(rs);
      const meta = { ...this.newMeta(name, ns, rs.template.labels), owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.meta.name, uid: rs.meta.uid } };
      const pod = this.newPod(meta, rs.template.containers.map(cloneContainer), 'Always');
      this.put(pod);
      matching.push(pod);
    }
  }

  /** Pod names as the bank derives them: NAME-HASH-<5 chars seeded by ns/deployment/ordinal>. */
  private podName(rs: ReplicaSetObject): string {
    const deployment = rs.meta.owner?.name ?? rs.meta.name;
    for (;;) {
      const n = this.ordinals.get(rs.meta.uid) ?? 0;
      this.ordinals.set(rs.meta.uid, n + 1);
      const seed = rs.hash === templateHash(rs.meta.namespace, deployment) ? `${rs.meta.namespace}/${deployment}/${n}` : `${rs.meta.name}/${n}`;
      const name = `${rs.meta.name}-${randomLikeString(seed, 5)}`;
      if (!this.get('Pod', rs.meta.namespace, name)) return name;
    }
  }

  private ordinals = new Map<string, number>();

  // ---- services -------------------------------------------------------------------------

  createService(svc: ServiceObject): void {
    if (!svc.clusterIP) svc.clusterIP = this.allocateServiceIp();
    this.put(svc);
  }
}

/** What a server image prints when it starts (nginx's entrypoint and master process). */
function startupLog(containers: Container[], created: number): string {
  if (!containers.some((c) => /(^|\/)nginx(:|@|$)/.test(c.image))) return '';
  const d = new Date(created + 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  const t = `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  return [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: start worker processes`,
    '',
  ].join('\n');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function cloneContainer(c: Container): Container {
  return { name: c.name, image: c.image, command: [...c.command], args: [...c.args], ports: c.ports.map((p) => ({ ...p })) };
}

function templateKey(t: PodTemplate): string {
  const labels = Object.keys(t.labels)
    .sort()
    .map((k) => `${k}=${t.labels[k]}`);
  return JSON.stringify([labels, t.containers]);
}
