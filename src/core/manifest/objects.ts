// Layer 2 for everything except NetworkPolicy: Namespace, Pod, workloads (Deployment,
// ReplicaSet, StatefulSet, DaemonSet, Job) and Service, decoded into plain records with
// source positions. Turning them into a Cluster (expanding workloads, assigning IPs) is
// cluster.ts's job.
import type { ContainerPort, Protocol, ServicePort, SourcePos } from '../model.js';
import { PROTOCOLS } from '../model.js';
import { formatIpGo, isIpv4Mapped, parseIp, parseIpLegacy } from '../ip.js';
import type { Finding } from '../findings.js';
import { dnsLabelName, dnsSubdomainName, readObjectMeta, type OwnerRef } from './meta.js';
import { isDns1035Label, isValidPortName, isValidPortNum } from './names.js';
import { Reporter } from './report.js';
import { checkSchema, isPlainObject, namespaceSchema, podSchema, serviceSchema, workloadSchema } from './schema.js';
import type { FieldPath, Locator } from './yaml-documents.js';

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';
export const WORKLOAD_KINDS: readonly WorkloadKind[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'];

interface Common {
  namespace: string;
  name: string;
  uid?: string;
  ownerReferences: OwnerRef[];
  source: SourcePos;
}

export interface DecodedNamespace extends Common {
  kind: 'Namespace';
  labels: Record<string, string>;
}
export interface DecodedPod extends Common {
  kind: 'Pod';
  labels: Record<string, string>;
  /** As written in status.podIPs / status.podIP (canonical form); empty = assign one. */
  ips: string[];
  ports: ContainerPort[];
  /** status.phase when the input has one (a `kubectl get -o yaml` dump). */
  phase?: string;
  hostNetwork: boolean;
  /** status.hostIPs / status.hostIP (canonical form): the node's IPs. */
  hostIPs: string[];
}
export interface DecodedWorkload extends Common {
  kind: WorkloadKind;
  /** Pods the controller would run: replicas (default 1), Job parallelism, DaemonSet 1. */
  podCount: number;
  template: { labels: Record<string, string>; ports: ContainerPort[]; hostNetwork: boolean };
}
export interface DecodedService extends Common {
  kind: 'Service';
  selector: Record<string, string>;
  ports: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  externalIPs?: string[];
}
export type DecodedObject = DecodedNamespace | DecodedPod | DecodedWorkload | DecodedService;

export interface DecodeResult<T> {
  /** Absent when the object has errors. */
  object?: T;
  findings: Finding[];
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (isPlainObject(v) ? v : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function finish<T>(r: Reporter, object: T): DecodeResult<T> {
  return r.errorCount > 0 ? { findings: r.findings } : { object, findings: r.findings };
}

export function decodeNamespace(data: unknown, locator: Locator, file: string): DecodeResult<DecodedNamespace> {
  const r = new Reporter(file, locator);
  if (!checkSchema(data, namespaceSchema, [], r)) return { findings: r.findings };
  const meta = readObjectMeta(asObj(data).metadata, { namespaced: false, nameRule: dnsLabelName }, r);
  return finish(r, { kind: 'Namespace', ...meta, source: locator.value([]) });
}

function readProtocol(raw: unknown, path: FieldPath, r: Reporter): Protocol {
  if (raw === undefined || raw === null) return 'TCP';
  if (!PROTOCOLS.includes(raw as Protocol)) r.unsupported(path, raw, PROTOCOLS);
  return raw as Protocol;
}

/**
 * The ports a pod serves, from a pod spec at `path` (spec or spec.template.spec): those of
 * containers[], then those of sidecars (initContainers[] with restartPolicy: Always), the
 * order in which the endpoints controller's FindPort resolves a named targetPort. Ports of
 * other init containers are validated but serve nothing: those containers have exited.
 */
function readContainerPorts(spec: unknown, path: FieldPath, r: Reporter): ContainerPort[] {
  const ports = readPortsOf(asList(asObj(spec).containers), [...path, 'containers'], r);
  const inits = asList(asObj(spec).initContainers);
  const sidecarPorts = readPortsOf(inits, [...path, 'initContainers'], r);
  let k = 0;
  inits.forEach((c) => {
    const n = asList(asObj(c).ports).length;
    if (asObj(c).restartPolicy === 'Always') ports.push(...sidecarPorts.slice(k, k + n));
    k += n;
  });
  return ports;
}

function readPortsOf(containers: unknown[], path: FieldPath, r: Reporter): ContainerPort[] {
  const ports: ContainerPort[] = [];
  containers.forEach((c, ci) => {
    // Port names are unique within one container only (validateContainerPorts).
    const names = new Set<string>();
    asList(asObj(c).ports).forEach((raw, pi) => {
      const p = asObj(raw);
      const at: FieldPath = [...path, ci, 'ports', pi];
      const port = p.containerPort as number | undefined | null;
      // As the API server's validateContainerPorts: 0 (the Go zero value) is a missing port.
      if (port === undefined || port === null || port === 0) r.required([...at, 'containerPort']);
      else for (const m of isValidPortNum(port)) r.invalid([...at, 'containerPort'], port, m);
      const out: ContainerPort = { port: port ?? 0, protocol: readProtocol(p.protocol, [...at, 'protocol'], r) };
      if (typeof p.name === 'string' && p.name !== '') {
        const problems = isValidPortName(p.name);
        for (const m of problems) r.invalid([...at, 'name'], p.name, m);
        if (problems.length === 0 && names.has(p.name)) r.error([...at, 'name'], `Duplicate value: ${JSON.stringify(p.name)}`);
        names.add(p.name);
        out.name = p.name;
      }
      ports.push(out);
    });
  });
  return ports;
}

/**
 * status.podIPs (all families) or else status.podIP; likewise hostIPs/hostIP with `field`
 * 'hostIP'. As 1.35's IsValidIPForLegacyField with StrictIPCIDRValidation off: leading zeros
 * are read as decimal and warned about, as GetWarningsForIP words it.
 */
function readPodIps(status: unknown, r: Reporter, field: 'podIP' | 'hostIP' = 'podIP'): string[] {
  const s = asObj(status);
  const ips: string[] = [];
  const take = (text: unknown, path: FieldPath): void => {
    if (typeof text !== 'string' || text === '') return;
    const ip = parseIpLegacy(text);
    if (!ip) {
      r.invalid(path, text, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
      return;
    }
    const canonical = formatIpGo(ip);
    if (!parseIp(text) || isIpv4Mapped(ip)) {
      r.warning(path, `non-standard IP address ${JSON.stringify(text)} will be considered invalid in a future Kubernetes release: use ${JSON.stringify(canonical)}`);
    }
    if (!ips.includes(canonical)) ips.push(canonical);
  };
  const list = asList(s[`${field}s`]);
  if (list.length > 0) list.forEach((e, i) => take(asObj(e).ip, ['status', `${field}s`, i, 'ip']));
  else take(s[field], ['status', field]);
  return ips;
}

export function decodePod(data: unknown, locator: Locator, file: string): DecodeResult<DecodedPod> {
  const r = new Reporter(file, locator);
  if (!checkSchema(data, podSchema, [], r)) return { findings: r.findings };
  const obj = asObj(data);
  const meta = readObjectMeta(obj.metadata, { namespaced: true, nameRule: dnsSubdomainName }, r);
  const ports = readContainerPorts(obj.spec, ['spec'], r);
  const ips = readPodIps(obj.status, r);
  const hostIPs = readPodIps(obj.status, r, 'hostIP');
  const phase = asObj(obj.status).phase;
  const pod: DecodedPod = { kind: 'Pod', ...meta, ips, ports, hostNetwork: asObj(obj.spec).hostNetwork === true, hostIPs, source: locator.value([]) };
  if (typeof phase === 'string' && phase !== '') pod.phase = phase;
  return finish(r, pod);
}

/** A Job the controller has finished: completionTime set, or a Complete or Failed condition that is True. */
function jobIsDone(status: unknown): boolean {
  const st = asObj(status);
  if (typeof st.completionTime === 'string' && st.completionTime !== '') return true;
  const conditions = Array.isArray(st.conditions) ? st.conditions : [];
  return conditions.some((c) => {
    const x = asObj(c);
    return (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True';
  });
}

export function decodeWorkload(
  kind: WorkloadKind,
  data: unknown,
  locator: Locator,
  file: string,
): DecodeResult<DecodedWorkload> {
  const r = new Reporter(file, locator);
  if (!checkSchema(data, workloadSchema, [], r)) return { findings: r.findings };
  const obj = asObj(data);
  const meta = readObjectMeta(obj.metadata, { namespaced: true, nameRule: dnsSubdomainName }, r);
  const spec = asObj(obj.spec);
  const template = asObj(spec.template);
  const templateMeta = asObj(template.metadata);
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObj(templateMeta.labels))) labels[k] = typeof v === 'string' ? v : '';
  const ports = readContainerPorts(template.spec, ['spec', 'template', 'spec'], r);

  const count = (field: 'replicas' | 'parallelism'): number => {
    const v = spec[field];
    if (v === undefined || v === null) return 1;
    if ((v as number) < 0) r.invalid(['spec', field], v, 'must be greater than or equal to 0');
    return v as number;
  };
  let podCount: number;
  if (kind === 'DaemonSet') podCount = 1; // one node in our model
  else if (kind === 'Job') {
    podCount = count('parallelism');
    const completions = spec.completions;
    if (typeof completions === 'number' && completions >= 0) podCount = Math.min(podCount, completions);
    // A finished or suspended Job runs no pod (its completed pods, if still listed, are Succeeded).
    if (jobIsDone(obj.status) || spec.suspend === true) podCount = 0;
  } else podCount = count('replicas');
  // A generous bound: an exercise cluster never needs more, and it keeps loading fast.
  if (podCount > 1000) r.invalid(['spec', kind === 'Job' ? 'parallelism' : 'replicas'], podCount, 'more than 1000 pods is not supported here');

  const hostNetwork = asObj(template.spec).hostNetwork === true;
  return finish(r, { kind, ...meta, podCount, template: { labels, ports, hostNetwork }, source: locator.value([]) });
}

export function decodeService(data: unknown, locator: Locator, file: string): DecodeResult<DecodedService> {
  const r = new Reporter(file, locator);
  if (!checkSchema(data, serviceSchema, [], r)) return { findings: r.findings };
  const obj = asObj(data);
  const meta = readObjectMeta(obj.metadata, { namespaced: true, nameRule: isDns1035Label }, r);
  const spec = asObj(obj.spec);
  const selector: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObj(spec.selector))) selector[k] = typeof v === 'string' ? v : '';
  const ports: ServicePort[] = [];
  asList(spec.ports).forEach((raw, i) => {
    const p = asObj(raw);
    const at: FieldPath = ['spec', 'ports', i];
    const port = p.port as number | undefined | null;
    if (port === undefined || port === null) r.required([...at, 'port']);
    else for (const m of isValidPortNum(port)) r.invalid([...at, 'port'], port, m);
    // targetPort defaults to port; a string names a container port.
    const targetPort = (p.targetPort ?? port ?? 0) as number | string;
    // "8080" in quotes is a (bad) port name, not a number, for the API server too.
    if (typeof targetPort === 'string') {
      for (const m of isValidPortName(targetPort)) r.invalid([...at, 'targetPort'], targetPort, m);
    }
    if (typeof targetPort === 'number' && p.targetPort !== undefined && p.targetPort !== null) {
      for (const m of isValidPortNum(targetPort)) r.invalid([...at, 'targetPort'], targetPort, m);
    }
    const out: ServicePort = { port: port ?? 0, targetPort, protocol: readProtocol(p.protocol, [...at, 'protocol'], r) };
    if (typeof p.name === 'string' && p.name !== '') out.name = p.name;
    ports.push(out);
  });
  const service: DecodedService = { kind: 'Service', ...meta, selector, ports, source: locator.value([]) };
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '') service.clusterIP = spec.clusterIP;
  // Dual-stack (1.23+): one ClusterIP per family; the second is the only way to its IPv6 (or IPv4) side.
  const ips = asList(spec.clusterIPs).filter((x): x is string => typeof x === 'string' && x !== '' && x !== 'None');
  if (ips.length > 0) service.clusterIPs = ips;
  // ipMode Proxy (1.30+): the load balancer proxies and the node never sees its IP as a destination.
  const balancer = asList(asObj(asObj(obj.status).loadBalancer).ingress).filter((x) => asObj(x).ipMode !== 'Proxy');
  const external = [...asList(spec.externalIPs), ...balancer.map((x) => asObj(x).ip)].filter((x): x is string => typeof x === 'string' && x !== '');
  if (external.length > 0) service.externalIPs = external;
  return finish(r, service);
}
