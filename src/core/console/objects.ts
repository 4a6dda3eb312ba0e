// The objects the simulated API server stores, close to their Kubernetes shapes, and the
// resource table kubectl resolves names against (plural, singular, short names, group).
import type { ContainerPort, Protocol, ServicePort } from '../model.js';
import type { NetworkPolicy } from '../policy.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

export interface ObjectMeta {
  name: string;
  /** '' for Namespaces. */
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  uid: string;
  /** Milliseconds since the epoch, on the console's clock. */
  created: number;
  resourceVersion: number;
  generation: number;
  owner?: OwnerReference;
}

export interface Container {
  name: string;
  image: string;
  command: string[];
  args: string[];
  ports: ContainerPort[];
}

export interface PodTemplate {
  labels: Record<string, string>;
  containers: Container[];
}

export interface NamespaceObject {
  kind: 'Namespace';
  meta: ObjectMeta;
}

export type PodPhase = 'Running' | 'Succeeded' | 'Failed' | 'Pending';

export interface PodObject {
  kind: 'Pod';
  meta: ObjectMeta;
  containers: Container[];
  restartPolicy: 'Always' | 'Never' | 'OnFailure';
  nodeName: string;
  hostIP: string;
  hostNetwork: boolean;
  /** '' when the pod holds no IP (Succeeded/Failed). */
  ip: string;
  phase: PodPhase;
  /** CrashLoopBackOff for a container that exits at once under restartPolicy Always. */
  waitingReason?: string;
  restarts: number;
  /** Part of the cluster's own furniture (CNI, control plane): not graded. */
  system?: boolean;
  /** What the container printed (kubectl logs). */
  logs: string;
}

export interface DeploymentObject {
  kind: 'Deployment';
  meta: ObjectMeta;
  replicas: number;
  selector: Record<string, string>;
  template: PodTemplate;
}

export interface ReplicaSetObject {
  kind: 'ReplicaSet';
  meta: ObjectMeta;
  replicas: number;
  selector: Record<string, string>;
  template: PodTemplate;
  hash: string;
}

export interface ServiceObject {
  kind: 'Service';
  meta: ObjectMeta;
  selector: Record<string, string>;
  ports: ServicePort[];
  clusterIP: string;
}

export interface NetworkPolicyObject {
  kind: 'NetworkPolicy';
  meta: ObjectMeta;
  policy: NetworkPolicy;
}

export type ApiObject = NamespaceObject | PodObject | DeploymentObject | ReplicaSetObject | ServiceObject | NetworkPolicyObject;
export type Kind = ApiObject['kind'];

export interface ResourceType {
  kind: Kind;
  plural: string;
  singular: string;
  shortNames: string[];
  /** '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
}

export const RESOURCES: readonly ResourceType[] = [
  { kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], group: '', version: 'v1', namespaced: true },
  { kind: 'Service', plural: 'services', singular: 'service', shortNames: ['svc'], group: '', version: 'v1', namespaced: true },
  { kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], group: 'apps', version: 'v1', namespaced: true },
  { kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], group: 'apps', version: 'v1', namespaced: true },
  { kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], group: 'networking.k8s.io', version: 'v1', namespaced: true },
  { kind: 'Namespace', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], group: '', version: 'v1', namespaced: false },
];

export function resourceOf(kind: Kind): ResourceType {
  return RESOURCES.find((r) => r.kind === kind)!;
}

/** pods, po, pod, Pod, deployments.apps, networkpolicy.networking.k8s.io ... */
export function findResource(name: string): ResourceType | undefined {
  const n = name.toLowerCase();
  return RESOURCES.find((r) => {
    const names = [r.plural, r.singular, ...r.shortNames, r.kind.toLowerCase()];
    if (names.includes(n)) return true;
    if (r.group === '') return false;
    return names.some((x) => n === `${x}.${r.group}` || n === `${x}.${r.version}.${r.group}`);
  });
}

/** "networkpolicies.networking.k8s.io", as NotFound errors name a resource. */
export function qualifiedPlural(r: ResourceType): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** "networkpolicy.networking.k8s.io", as kubectl's name printer writes a kind. */
export function qualifiedSingular(r: ResourceType): string {
  return r.group ? `${r.singular}.${r.group}` : r.singular;
}

export function apiVersionOf(r: ResourceType): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export const PROTOCOL_TCP: Protocol = 'TCP';
