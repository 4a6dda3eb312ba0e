// netpol-dojo as a library: the core behind the CLI, without the terminal.
//
//   import { loadManifests, buildEngine, matrix, why, explain } from 'netpol-dojo';
//   const loaded = loadManifests([{ file: 'cluster.yaml', text }]);
//   if (hasErrors(loaded.findings)) ... // located findings, never thrown
//   const engine = buildEngine(loaded);
//   matrix(engine)           // the `matrix -o json` contract
//   why(engine, 'shop/web-1', 'shop/db-0', { port: 5432, protocol: 'TCP' })
//   connectionText(connections(engine, engine.indexOf('shop/web-1'), engine.indexOf('shop/db-0')))  // "TCP 5432"
//   diffConnections(buildEngine(before), buildEngine(after))   // what a change adds and removes
//
// Everything here is pure: no files are read, nothing is printed.
import type { Cluster } from './core/model.js';
import type { NetworkPolicy } from './core/policy.js';
import { Engine, defaultProbes } from './core/engine/engine.js';
import type { Probe, Verdict } from './core/engine/types.js';
import { matrixData, type MatrixResult } from './core/engine/matrix-data.js';
import { verdictLines } from './core/engine/reasons.js';
import { explainPolicy, type PolicyExplanation } from './core/explain/explain.js';
import { resolveEndpointName } from './core/endpoint-names.js';
import { podId } from './core/model.js';
import { addressFamily, primaryDiffers, withConnectionFamily } from './core/reach/family.js';

export { loadManifests, hasErrors, type ManifestInput, type LoadResult, type LoadOptions, type LoadedObject } from './core/manifest/load.js';
export { Engine, defaultProbes } from './core/engine/engine.js';
export { probeKey, type Probe, type Verdict, type DirectionVerdict, type RuleRef, type Endpoint } from './core/engine/types.js';
export { verdictLines } from './core/engine/reasons.js';
export type { MatrixResult } from './core/engine/matrix-data.js';
export { ConnectionEvaluator, connections } from './core/reach/connections.js';
export { connectionText, type ConnectionSet, type PortRanges } from './core/reach/ports.js';
export { workloadsOf, workloadLabel, aggregateProbe, aggregateConnections, type Workload } from './core/workload/workloads.js';
export { diffConnections, hasChanges, type ConnectionDiff, type PairChange, type GroupChange } from './core/diff/diff.js';
export { explainPolicy, type PolicyExplanation, type ExplainWarning } from './core/explain/explain.js';
export { formatExplanation, formatExplanations } from './core/explain/format.js';
export { formatFinding, InputError, type Finding, type Severity } from './core/findings.js';
export type { Cluster, Pod, Namespace, Service, ExternalHost, ContainerPort, Protocol, Labels, SourcePos } from './core/model.js';
export type { NetworkPolicy, PolicyRule, PolicyPeer, PolicyPort, LabelSelector } from './core/policy.js';

/** What loadManifests returns, or any cluster and policies built another way. */
export interface EngineInput {
  cluster: Cluster;
  policies: readonly NetworkPolicy[];
}

/** The policies each engine of buildEngine was built with: why() builds another for a connection of the other family. */
const builtFrom = new WeakMap<Engine, readonly NetworkPolicy[]>();

/** The engine for a cluster and its policies (compiled once; ask it as many questions as you like). */
export function buildEngine(input: EngineInput): Engine {
  const engine = new Engine(input.cluster, input.policies);
  builtFrom.set(engine, input.policies);
  return engine;
}

export interface MatrixOptions {
  /** Probes to try; default: every port/protocol some pod or external host declares. */
  probes?: Probe[];
  /** Only endpoints of these namespaces (external hosts always stay). */
  namespaces?: string[];
}

/** The reachability matrix in the `netpol-dojo matrix -o json` contract: one result per probe and ordered pair. */
export function matrix(engine: Engine, options: MatrixOptions = {}): MatrixResult {
  const only = options.namespaces ? new Set(options.namespaces) : undefined;
  const rows = engine.endpoints.flatMap((e, i) => (e.kind === 'external' || !only || only.has(e.namespace!) ? [i] : []));
  return matrixData(engine, rows, options.probes ?? defaultProbes(engine.cluster));
}

/**
 * One connection's verdict with the policies and rules behind it, plus the `why` command's lines.
 * FROM and TO are named as `why` names them when the name means one endpoint: NAMESPACE/POD, a pod
 * name unique in the cluster (or a unique prefix of one), a pod's IP, an outside host's name or IP.
 * A name that means several pods (a Deployment, a Service) or none throws an Error saying so.
 */
export function why(engine: Engine, from: string, to: string, probe: Probe): Verdict & { lines: string[] } {
  const fromId = endpointId(engine, from);
  const toId = endpointId(engine, to);
  // A dual-stack pod named by its other address: the connection is of that family (as the why command judges it).
  const family = addressFamily(to) ?? addressFamily(from);
  const toPod = engine.cluster.pods.find((p) => podId(p) === toId);
  const policies = builtFrom.get(engine);
  const judge = family !== undefined && toPod && primaryDiffers(toPod, family) && policies ? new Engine(withConnectionFamily(engine.cluster, [toId], family), policies) : engine;
  const verdict = judge.verdict(fromId, toId, probe);
  return { ...verdict, lines: verdictLines(judge, verdict) };
}

function endpointId(engine: Engine, name: string): string {
  if (engine.indexOf(name) >= 0) return name;
  const r = resolveEndpointName(engine.cluster, name);
  if (r.kind === 'external') {
    const host = engine.endpoints.find((e) => e.kind === 'external' && e.ip === r.ip);
    if (host) return host.id;
    throw new Error(`${name} is no endpoint of this cluster: add it as an outside host (cluster.externals) to ask about it`);
  }
  if (r.kind === 'error') throw new Error(r.message);
  if (r.ids.length !== 1) throw new Error(`${name} is ${r.ids.length} pods (${r.ids.join(', ')}): ask about one of them`);
  return r.ids[0];
}

/** Every policy in plain English (as `explain -o json`), counting the cluster's pods when it has any. */
export function explain(input: EngineInput): PolicyExplanation[] {
  const cluster = input.cluster.pods.length > 0 ? input.cluster : undefined;
  return input.policies.map((p) => explainPolicy(p, cluster, { policies: input.policies }));
}
