// Workloads as the rows of a real cluster's matrix: a Deployment's (StatefulSet's, ...) pods
// taken together, so that a cluster of hundreds of pods reads as its dozens of workloads.
// A cell over two workloads holds for every pair of their pods, or is "mixed".
import type { Engine } from '../engine/engine.js';
import type { Probe } from '../engine/types.js';
import type { WorkloadRef } from '../model.js';
import { ConnectionEvaluator } from '../reach/connections.js';
import { emptyConnections, sameConnections, subtractConnections, type ConnectionSet } from '../reach/ports.js';

export type WorkloadKind = WorkloadRef['kind'] | 'Pod' | 'External';

/** kubectl's short resource names, used in workload ids: shop/deploy/web. */
const SHORT: Record<WorkloadKind, string> = {
  Deployment: 'deploy',
  ReplicaSet: 'rs',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  Job: 'job',
  Pod: 'pod',
  External: 'external',
};

export interface Workload {
  /** "shop/deploy/web", "shop/pod/debug", or an outside host's name. */
  id: string;
  kind: WorkloadKind;
  namespace?: string;
  name: string;
  /** Endpoint indices of its pods (the host itself for an outside host). */
  members: number[];
}

/** "shop/web [Deployment, 3 pods]" */
export function workloadLabel(w: Workload): string {
  if (w.kind === 'External') return `${w.name} [outside the cluster]`;
  const n = w.members.length;
  return `${w.namespace}/${w.name} [${w.kind}${w.kind === 'Pod' ? '' : `, ${n} pod${n === 1 ? '' : 's'}`}]`;
}

/** The workloads of the endpoints `rows`, in the order of their first pod. */
export function workloadsOf(engine: Engine, rows: readonly number[]): Workload[] {
  const byId = new Map<string, Workload>();
  for (const i of rows) {
    const e = engine.endpoints[i];
    const pod = i < engine.cluster.pods.length ? engine.cluster.pods[i] : undefined;
    let w: Omit<Workload, 'members'>;
    if (!pod) w = { id: e.id, kind: 'External', name: e.id };
    else if (pod.workload) w = { id: `${pod.namespace}/${SHORT[pod.workload.kind]}/${pod.workload.name}`, kind: pod.workload.kind, namespace: pod.namespace, name: pod.workload.name };
    else w = { id: `${pod.namespace}/pod/${pod.name}`, kind: 'Pod', namespace: pod.namespace, name: pod.name };
    const got = byId.get(w.id);
    if (got) got.members.push(i);
    else byId.set(w.id, { ...w, members: [i] });
  }
  return [...byId.values()];
}

export type Aggregate = 'allowed' | 'denied' | 'mixed';

/** Over every pair of distinct pods (a of `from`, b of `to`); undefined when there is none. */
export function aggregateProbe(engine: Engine, from: Workload, to: Workload, probe: Probe): Aggregate | undefined {
  const cell = engine.forProbe(probe);
  let yes = 0;
  let no = 0;
  for (const a of from.members) for (const b of to.members) if (a !== b) { if (cell(a, b)) yes++; else no++; }
  if (yes + no === 0) return undefined;
  return no === 0 ? 'allowed' : yes === 0 ? 'denied' : 'mixed';
}

export interface WorkloadConnections {
  /** What every pair of pods may open (the intersection). */
  all: ConnectionSet;
  /** What some pair may open (the union). */
  some: ConnectionSet;
  mixed: boolean;
  pairs: number;
}

function union(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  // a ∪ b = a + (b − a), both sorted and disjoint.
  const extra = subtractConnections(b, a);
  const out = emptyConnections();
  for (const p of ['TCP', 'UDP', 'SCTP'] as const) {
    const merged = [...a[p], ...extra[p]].sort((x, y) => x[0] - y[0]);
    for (const [lo, hi] of merged) {
      const last = out[p][out[p].length - 1];
      if (last && last[1] + 1 >= lo) last[1] = Math.max(last[1], hi);
      else out[p].push([lo, hi]);
    }
  }
  return out;
}

function intersect(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  return subtractConnections(a, subtractConnections(a, b));
}

export { union as unionConnections, intersect as intersectConnections };

/** The connection sets over every pair of distinct pods; undefined when there is none. */
export function aggregateConnections(ev: ConnectionEvaluator, from: Workload, to: Workload): WorkloadConnections | undefined {
  let all: ConnectionSet | undefined;
  let some: ConnectionSet | undefined;
  let mixed = false;
  let pairs = 0;
  for (const a of from.members) {
    for (const b of to.members) {
      if (a === b) continue;
      const set = ev.connections(a, b);
      pairs++;
      if (!all || !some) {
        all = set;
        some = set;
        continue;
      }
      if (!mixed && !sameConnections(all, set)) mixed = true;
      all = intersect(all, set);
      some = union(some, set);
    }
  }
  return all && some ? { all, some, mixed, pairs } : undefined;
}
