// The cluster as the engine sees it: namespaces, pods, services and endpoints
// outside the cluster. Plain data, no behaviour; built by manifest/load.ts or
// by the exercise bank, consumed by the engine, grader, CLI and TUI.

export type Labels = Readonly<Record<string, string>>;

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Where an object came from, for FILE:LINE:COL messages. Lines and columns are 1-based. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

export interface Namespace {
  name: string;
  /** Always includes kubernetes.io/metadata.name=<name>, as the API server sets it. */
  labels: Labels;
}

export interface ContainerPort {
  /** IANA_SVC_NAME when present; what named ports in policies resolve against. */
  name?: string;
  port: number;
  protocol: Protocol;
}

export interface Pod {
  namespace: string;
  name: string;
  labels: Labels;
  /** status.podIPs in order; the first is status.podIP. Never empty after loading. */
  ips: string[];
  ports: ContainerPort[];
  source?: SourcePos;
  /**
   * spec.hostNetwork: the pod shares its node's network namespace and IP. Policies neither
   * select it nor match it by podSelector/namespaceSelector; its traffic is the node's.
   */
  hostNetwork?: boolean;
  /** status.hostIP: the IP of the node the pod runs on, when the input says. */
  hostIP?: string;
  /** The workload that runs it (Deployment, StatefulSet, DaemonSet, Job, ReplicaSet); absent for a bare pod. */
  workload?: WorkloadRef;
}

export interface WorkloadRef {
  kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';
  name: string;
}

/** A pod that holds no IP, so no traffic reaches it: finished, or not started yet. */
export interface NotRunningPod {
  namespace: string;
  name: string;
  /** status.phase: Succeeded, Failed, or Pending (without an IP yet). */
  phase: string;
  source?: SourcePos;
}

export interface ServicePort {
  name?: string;
  port: number;
  /** The pod port traffic is delivered to: a number or a container port name. */
  targetPort: number | string;
  protocol: Protocol;
}

export interface Service {
  namespace: string;
  name: string;
  /** Empty selector = a Service without selector (no pods behind it). */
  selector: Labels;
  ports: ServicePort[];
  clusterIP?: string;
  /** spec.clusterIPs of a dual-stack Service: the ClusterIP of each family, clusterIP first. */
  clusterIPs?: string[];
  /**
   * spec.externalIPs and the load balancer's status.loadBalancer.ingress[].ip (ipMode VIP): from
   * inside the cluster kube-proxy DNATs them to a backend like the ClusterIP.
   */
  externalIPs?: string[];
  source?: SourcePos;
}

/** A host outside the cluster (an internet server, a client on the internet), known by IP. */
export interface ExternalHost {
  /** Display name; defaults to the IP. */
  name: string;
  ip: string;
  /** Ports it serves (for matrix probes); empty = it serves nothing, only talks. */
  ports: ContainerPort[];
}

/**
 * The cluster's network plugin. Calico (like Cilium) enforces NetworkPolicies; Flannel accepts
 * them through the API server and enforces none (module 13, 1.3 and the mistakes table).
 */
export type Cni = 'calico' | 'flannel';
export const CNIS: readonly Cni[] = ['calico', 'flannel'];

export interface Cluster {
  namespaces: Namespace[];
  pods: Pod[];
  services: Service[];
  externals: ExternalHost[];
  /** Pods of the input that are not running (no IP): left out of pods, and so of every matrix. */
  notRunning?: NotRunningPod[];
  /** Absent: a CNI that enforces NetworkPolicies (Calico). */
  cni?: Cni;
}

/** Does the cluster's CNI filter traffic by its NetworkPolicies? */
export function enforcesPolicies(cluster: { cni?: Cni }): boolean {
  return cluster.cni !== 'flannel';
}

/** The plugin's name as its project writes it. */
export function cniName(cni: Cni): string {
  return cni === 'flannel' ? 'Flannel' : 'Calico';
}

export const METADATA_NAME_LABEL = 'kubernetes.io/metadata.name';

export function podId(p: { namespace: string; name: string }): string {
  return `${p.namespace}/${p.name}`;
}
