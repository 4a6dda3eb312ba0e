// A scenario step made ready for grading: the cluster as it stands at that step, the
// policies that already exist, the cell patterns and the checks resolved to endpoints (the
// grader expands the patterns over every port: grader/expected.ts). Computed once per step and cached.
import type { Cluster, Pod, SourcePos } from '../model.js';
import { podId } from '../model.js';
import type { Finding } from '../findings.js';
import type { NetworkPolicy } from '../policy.js';
import type { Probe } from '../engine/types.js';
import { Engine } from '../engine/engine.js';
import { loadManifests } from '../manifest/load.js';
import { backendPort } from '../endpoint-names.js';
import { buildCluster, templateHash, type ClusterSpec } from './cluster-spec.js';
import type { CheckSpec, PortPattern, Requirement, Scenario, TextBlock } from './scenario.js';

/** One endpoint of the matrix, in engine order (pods, then externals). */
export interface MatrixEndpoint {
  id: string;
  kind: 'pod' | 'external';
  namespace?: string;
  name: string;
  ip: string;
  probes: Probe[];
  labels: Record<string, string>;
}

/** A check resolved against the cluster. */
export interface ResolvedCheck {
  spec: CheckSpec;
  requirement: number;
  from: number;
  /** The check resolves a name first (needs DNS). */
  dns: boolean;
  /** Connection targets (any one suffices); null for nslookup (DNS only). */
  targets: { to: number; probe: Probe }[] | null;
  /** Why it cannot succeed whatever the policies (unknown name, no such Service port). */
  impossible?: string;
  /** What the name resolved to, for messages ("Service netpol-test/web port 80 -> pod port 80/TCP"). */
  via?: string;
}

/** A cell pattern with its endpoints resolved, in the order the step lists them (last match wins). */
export interface ResolvedPattern {
  froms: number[];
  tos: number[];
  /** null: every port of every protocol. */
  ports: readonly PortPattern[] | null;
  expect: 'allowed' | 'denied' | 'any';
  requirement: number;
  /** The pattern names every outside host ("*" or "external") on that side: addresses outside the cluster too. */
  fromOutside: boolean;
  toOutside: boolean;
}

export interface PreparedStep {
  scenario: Scenario;
  /** 1-based. */
  step: number;
  cluster: Cluster;
  existing: NetworkPolicy[];
  /** The cluster with the existing policies only, compiled. */
  engine: Engine;
  endpoints: MatrixEndpoint[];
  requirements: Requirement[];
  /** Every cell pattern of the step, resolved, in file order: the grader expands them over every port. */
  patterns: ResolvedPattern[];
  checks: ResolvedCheck[];
  /** Indices of the CoreDNS pods (kube-system, k8s-app=kube-dns). */
  dnsPods: number[];
}

export interface PrepareResult {
  prepared?: PreparedStep;
  findings: Finding[];
}

/** Loads embedded YAML blocks; findings point into the scenario file. */
export function loadBlocks(blocks: readonly TextBlock[]): ReturnType<typeof loadManifests> {
  const result = loadManifests(blocks.map((b, i) => ({ file: blockFileName(b, i), text: b.text })));
  const byName = new Map(blocks.map((b, i) => [blockFileName(b, i), b]));
  const remap = (f: Finding): Finding => {
    const b = byName.get(f.file);
    if (!b) return f;
    return f.line > 0 ? { ...f, file: b.file, line: b.line + f.line - 1, col: f.col + b.indent } : { ...f, file: b.file };
  };
  return { ...result, findings: result.findings.map(remap) };
}

function blockFileName(b: TextBlock, i: number): string {
  return `${b.file}#${b.line}#${i}`;
}

export function clusterSpecsAt(s: Scenario, step: number): ClusterSpec[] {
  const out = [s.cluster];
  for (let i = 0; i < step; i++) if (s.steps[i].cluster) out.push(s.steps[i].cluster!);
  return out;
}

export function existingBlocksAt(s: Scenario, step: number): TextBlock[] {
  const out: TextBlock[] = [];
  if (s.existing) out.push(s.existing);
  for (let i = 0; i < step; i++) if (s.steps[i].existing) out.push(s.steps[i].existing!);
  return out;
}

export function matrixEndpoints(cluster: Cluster): MatrixEndpoint[] {
  const out: MatrixEndpoint[] = cluster.pods.map((p) => ({
    id: podId(p),
    kind: 'pod' as const,
    namespace: p.namespace,
    name: p.name,
    ip: p.ips[0],
    probes: p.ports.map((x) => ({ port: x.port, protocol: x.protocol })),
    labels: { ...p.labels },
  }));
  for (const e of cluster.externals) {
    out.push({ id: e.name, kind: 'external', name: e.name, ip: e.ip, probes: e.ports.map((x) => ({ port: x.port, protocol: x.protocol })), labels: {} });
  }
  return out;
}

/** Endpoint indices a pattern names; an empty result means the pattern names nothing. */
export function resolvePattern(pattern: string, endpoints: readonly MatrixEndpoint[]): number[] {
  const all = endpoints.map((_, i) => i);
  if (pattern === '*') return all;
  if (pattern === 'external') return all.filter((i) => endpoints[i].kind === 'external');
  const slash = pattern.indexOf('/');
  if (slash > 0) {
    const ns = pattern.slice(0, slash);
    const name = pattern.slice(slash + 1);
    const inNs = all.filter((i) => endpoints[i].kind === 'pod' && endpoints[i].namespace === ns);
    if (name === '*') return inNs;
    const exact = inNs.filter((i) => endpoints[i].name === name);
    if (exact.length) return exact;
    const prefix = `${name}-${templateHash(ns, name)}-`;
    return inNs.filter((i) => endpoints[i].name.startsWith(prefix));
  }
  return all.filter((i) => endpoints[i].kind === 'external' && (endpoints[i].name === pattern || endpoints[i].ip === pattern));
}

function finding(pos: SourcePos, path: string, message: string, id: string): Finding {
  return { severity: 'error', file: pos.file, line: pos.line, col: pos.col, path, message: `scenario ${id}: ${message}` };
}

const ON_POD_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Resolves a check's host the way a pod's resolver and kube-proxy would. */
export function resolveCheck(spec: CheckSpec, requirement: number, engine: Engine, endpoints: readonly MatrixEndpoint[]): ResolvedCheck | string {
  const cluster = engine.cluster;
  const fromIdx = resolvePattern(spec.from, endpoints).filter((i) => endpoints[i].kind === 'pod');
  if (fromIdx.length === 0) return `check "from: ${spec.from}" names no pod`;
  const from = fromIdx[0];
  const fromNs = endpoints[from].namespace!;
  const cmd = spec.command;
  const base = { spec, requirement, from };
  const isIp = /^[0-9.]+$/.test(cmd.host) || cmd.host.includes(':');
  if (cmd.tool === 'nslookup') return { ...base, dns: !isIp, targets: null };
  const probe: Probe = { port: cmd.port, protocol: cmd.protocol };
  if (isIp) {
    const svc = cluster.services.find((s) => s.clusterIP === cmd.host);
    if (svc) return serviceTargets(base, false, svc, probe, engine, endpoints);
    const idx = endpoints.findIndex((e) => e.ip === cmd.host);
    if (idx < 0) return { ...base, dns: false, targets: [], impossible: `no pod or host has the IP ${cmd.host}` };
    const out: ResolvedCheck = { ...base, dns: false, targets: [{ to: idx, probe }], via: `it connects to ${endpoints[idx].id} by IP, with no name to resolve` };
    return listening(out, endpoints);
  }
  const parts = cmd.host.split('.');
  const svcName = parts[0];
  const svcNs = parts.length >= 2 ? parts[1] : fromNs;
  const looksService =
    ON_POD_NAME.test(svcName) &&
    (parts.length === 1 || parts.length === 2 || (parts[2] === 'svc' && (parts.length === 3 || parts.slice(3).join('.') === 'cluster.local')));
  const svc = looksService ? cluster.services.find((s) => s.namespace === svcNs && s.name === svcName) : undefined;
  if (svc) return serviceTargets(base, true, svc, probe, engine, endpoints);
  const ext = endpoints.findIndex((e) => e.kind === 'external' && e.name === cmd.host);
  if (ext >= 0) return listening({ ...base, dns: true, targets: [{ to: ext, probe }], via: `${endpoints[ext].id} (${endpoints[ext].ip})` }, endpoints);
  return { ...base, dns: true, targets: [], impossible: `the name ${cmd.host} does not resolve (no such Service or host)` };
}

function serviceTargets(
  base: { spec: CheckSpec; requirement: number; from: number },
  dns: boolean,
  svc: Cluster['services'][number],
  probe: Probe,
  engine: Engine,
  endpoints: readonly MatrixEndpoint[],
): ResolvedCheck {
  const sp = svc.ports.find((p) => p.port === probe.port && p.protocol === probe.protocol);
  const name = `Service ${svc.namespace}/${svc.name}`;
  if (!sp) return { ...base, dns, targets: [], impossible: `${name} has no port ${probe.port}/${probe.protocol}` };
  const backing: Pod[] = engine.serviceBackends(svc).map((i) => engine.cluster.pods[i]);
  const targets: { to: number; probe: Probe }[] = [];
  for (const pod of backing) {
    const target = backendPort(pod, sp);
    if (target === undefined) continue;
    const idx = endpoints.findIndex((e) => e.id === podId(pod));
    targets.push({ to: idx, probe: { port: target, protocol: sp.protocol } });
  }
  if (targets.length === 0) return { ...base, dns, targets, impossible: `${name} has no pod behind port ${sp.port}` };
  return listening({ ...base, dns, targets, via: `${name} port ${sp.port} -> pod port ${targets[0].probe.port}/${sp.protocol}` }, endpoints);
}

/** A connection to a port nothing listens on is refused whatever the policies say: a real client prints "Connection refused". */
function listening(c: ResolvedCheck, endpoints: readonly MatrixEndpoint[]): ResolvedCheck {
  if (!c.targets || c.targets.length === 0) return c;
  // nc -zu to a closed port fails only if the datagram gets there (the ICMP port-unreachable);
  // one the policies drop looks open (grader/evaluate.ts runCheck), so it is not impossible.
  if (c.targets.every((t) => t.probe.protocol === 'UDP') && /^\s*nc\b/.test(c.spec.run)) return c;
  const serving = c.targets.some((t) => endpoints[t.to].probes.some((p) => p.port === t.probe.port && p.protocol === t.probe.protocol));
  if (serving) return c;
  const t = c.targets[0];
  return { ...c, impossible: `nothing listens on ${endpoints[t.to].id} port ${t.probe.port}/${t.probe.protocol}: the connection is refused ("can't connect to remote host (${endpoints[t.to].ip}): Connection refused"), whatever the policies allow` };
}

/** Expands a step; findings report patterns that name nothing and checks that cannot resolve. */
export function prepareStep(s: Scenario, step: number): PrepareResult {
  const findings: Finding[] = [];
  const built = buildCluster(clusterSpecsAt(s, step));
  // The scenario's CNI goes with its cluster: every engine built on it (grading, the screens) then
  // enforces the policies, or, under Flannel, stores them and filters nothing.
  const cluster = s.cni && s.cni !== 'calico' ? { ...built, cni: s.cni } : built;
  const loaded = loadBlocks(existingBlocksAt(s, step));
  findings.push(...loaded.findings.filter((f) => f.severity === 'error').map((f) => ({ ...f, message: `scenario ${s.id}: ${f.message}` })));
  for (const o of loaded.objects) {
    if (o.kind !== 'NetworkPolicy') {
      const pos = o.source ?? { file: s.file, line: 0, col: 0 };
      findings.push(finding(pos, '', `existing policies hold only NetworkPolicies, not ${o.kind}`, s.id));
    }
  }
  const endpoints = matrixEndpoints(cluster);
  // The step as it stands before any answer: selection questions (Service backends) are asked of it.
  const engine = new Engine(cluster, loaded.policies);
  const st = s.steps[step - 1];
  const requirements = st.expect;

  const patterns: ResolvedPattern[] = [];
  // Last match wins (grader/expected.ts expands them over every port).
  requirements.forEach((req, ri) => {
    req.cells.forEach((c, ci) => {
      const froms = c.from.flatMap((p) => {
        const r = resolvePattern(p, endpoints);
        if (r.length === 0) findings.push(finding(c.source, `steps[${step - 1}].expect[${ri}].cells[${ci}].from`, `pattern "${p}" names no pod or host`, s.id));
        return r;
      });
      const tos = c.to.flatMap((p) => {
        const r = resolvePattern(p, endpoints);
        if (r.length === 0) findings.push(finding(c.source, `steps[${step - 1}].expect[${ri}].cells[${ci}].to`, `pattern "${p}" names no pod or host`, s.id));
        return r;
      });
      const outside = (ps: string[]) => ps.some((x) => x === '*' || x === 'external');
      patterns.push({ froms, tos, ports: c.ports, expect: c.expect, requirement: ri, fromOutside: outside(c.from), toOutside: outside(c.to) });
    });
  });

  const checks: ResolvedCheck[] = [];
  const resolveInto = (spec: CheckSpec, ri: number, path: string) => {
    const r = resolveCheck(spec, ri, engine, endpoints);
    if (typeof r === 'string') findings.push(finding(spec.source, path, r, s.id));
    else {
      if (r.impossible && spec.expect === 'success') findings.push(finding(spec.source, path, `check can never succeed: ${r.impossible}`, s.id));
      checks.push(r);
    }
  };
  requirements.forEach((req, ri) => req.checks.forEach((c, ci) => resolveInto(c, ri, `steps[${step - 1}].expect[${ri}].checks[${ci}]`)));
  requirements.forEach((req, ri) => {
    const at = `steps[${step - 1}].expect[${ri}]`;
    if (req.kept !== undefined && !s.steps[req.kept - 1]?.expect.some((r) => r.policy)) {
      findings.push(finding(req.source, `${at}.kept`, `step ${req.kept} names no policy (a policy requirement), so there is nothing to keep by name`, s.id));
    }
    if (req.namespaceLabel && !cluster.namespaces.some((n) => n.name === req.namespaceLabel!.namespace)) {
      findings.push(finding(req.source, `${at}.namespaceLabel.namespace`, `namespace ${req.namespaceLabel.namespace} is not in the cluster`, s.id));
    }
    if (req.policy && !cluster.namespaces.some((n) => n.name === req.policy!.namespace)) {
      findings.push(finding(req.source, `${at}.policy.namespace`, `namespace ${req.policy.namespace} is not in the cluster`, s.id));
    }
  });
  st.questions.forEach((q, qi) => {
    if (q.check) {
      const r = resolveCheck(q.check, -1, engine, endpoints);
      if (typeof r === 'string') findings.push(finding(q.source, `steps[${step - 1}].questions[${qi}]`, r, s.id));
    } else {
      for (const [label, p] of [
        ['from', q.from],
        ['to', q.to!],
      ] as const) {
        if (resolvePattern(p, endpoints).length !== 1) findings.push(finding(q.source, `steps[${step - 1}].questions[${qi}].${label}`, `"${p}" must name exactly one pod or host`, s.id));
      }
    }
  });

  const dnsPods = endpoints.map((e, i) => (e.namespace === 'kube-system' && e.labels['k8s-app'] === 'kube-dns' ? i : -1)).filter((i) => i >= 0);
  if (findings.length > 0) return { findings };
  return { prepared: { scenario: s, step, cluster, existing: loaded.policies, engine, endpoints, requirements, patterns, checks, dnsPods }, findings };
}

const cache = new WeakMap<Scenario, Map<number, PrepareResult>>();

/** prepareStep, cached per scenario object. */
export function preparedStep(s: Scenario, step: number): PrepareResult {
  let m = cache.get(s);
  if (!m) cache.set(s, (m = new Map()));
  let r = m.get(step);
  if (!r) m.set(step, (r = prepareStep(s, step)));
  return r;
}
