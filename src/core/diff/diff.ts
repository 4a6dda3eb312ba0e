// What a change of policies (or labels) does: per ordered pair of endpoints present before
// and after, the connections it adds and removes, as exact connection sets (np-guard's diff).
// Grouped by workload, so that a change reads as "web may now reach db on TCP 5432".
import type { Engine } from '../engine/engine.js';
import { ConnectionEvaluator } from '../reach/connections.js';
import { emptyConnections, isNone, subtractConnections, type ConnectionSet } from '../reach/ports.js';
import { unionConnections, workloadsOf, type Workload } from '../workload/workloads.js';

export interface PairChange {
  from: string;
  to: string;
  added: ConnectionSet;
  removed: ConnectionSet;
}

export interface GroupChange {
  from: Workload;
  to: Workload;
  added: ConnectionSet;
  removed: ConnectionSet;
  /** Pod pairs between the two that changed, of all their pod pairs. */
  changedPairs: number;
  pairs: number;
}

export interface ConnectionDiff {
  /** Endpoints in one input only (their connections are not compared). */
  onlyInBase: string[];
  onlyInNew: string[];
  pairs: PairChange[];
  groups: GroupChange[];
}

export interface DiffOptions {
  /**
   * The endpoints the diff is about (default: every endpoint): a pair is compared when either end
   * is one, so "did this change touch db?" sees db's connections with everyone else.
   */
  selected?: (id: string) => boolean;
}

export function diffConnections(base: Engine, next: Engine, options: DiffOptions = {}): ConnectionDiff {
  const selected = options.selected ?? (() => true);
  const baseIds = new Set(base.endpoints.map((e) => e.id));
  const nextIds = next.endpoints.map((e) => e.id);
  const common = nextIds.filter((id) => baseIds.has(id));
  const nextSet = new Set(nextIds);
  const onlyInBase = [...baseIds].filter((id) => !nextSet.has(id) && selected(id));
  const onlyInNew = nextIds.filter((id) => !baseIds.has(id) && selected(id));
  const chosen = common.map(selected);

  const evBase = new ConnectionEvaluator(base);
  const evNext = new ConnectionEvaluator(next);
  const baseIndex = common.map((id) => base.indexOf(id));
  const nextIndex = common.map((id) => next.indexOf(id));
  // Workloads as the new input has them (the one about to be applied).
  const workloads = workloadsOf(next, nextIndex);
  const workloadOf = new Map<number, Workload>();
  for (const w of workloads) for (const m of w.members) workloadOf.set(m, w);

  const pairs: PairChange[] = [];
  const groups = new Map<string, GroupChange>();
  for (let a = 0; a < common.length; a++) {
    for (let b = 0; b < common.length; b++) {
      if (a === b || !(chosen[a] || chosen[b])) continue;
      const from = workloadOf.get(nextIndex[a])!;
      const to = workloadOf.get(nextIndex[b])!;
      const key = `${from.id}\u0000${to.id}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { from, to, added: emptyConnections(), removed: emptyConnections(), changedPairs: 0, pairs: 0 }));
      g.pairs++;
      const before = evBase.connections(baseIndex[a], baseIndex[b]);
      const after = evNext.connections(nextIndex[a], nextIndex[b]);
      const added = subtractConnections(after, before);
      const removed = subtractConnections(before, after);
      if (isNone(added) && isNone(removed)) continue;
      pairs.push({ from: common[a], to: common[b], added, removed });
      g.changedPairs++;
      g.added = unionConnections(g.added, added);
      g.removed = unionConnections(g.removed, removed);
    }
  }
  return { onlyInBase, onlyInNew, pairs, groups: [...groups.values()].filter((g) => g.changedPairs > 0) };
}

export function hasChanges(d: ConnectionDiff): boolean {
  return d.pairs.length > 0 || d.onlyInBase.length > 0 || d.onlyInNew.length > 0;
}
