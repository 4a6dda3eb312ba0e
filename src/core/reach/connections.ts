// Exact connection sets: for an ordered pair of endpoints, every protocol and port that
// the policies allow. The port space is cut into atoms at every edge where some rule's
// port match can change (Engine.portEdges, plus any edges a caller adds); one probe per
// atom decides the whole atom, so the set is exact, not sampled.
import type { Protocol } from '../model.js';
import { PROTOCOLS } from '../model.js';
import type { Engine } from '../engine/engine.js';
import type { Probe, Verdict } from '../engine/types.js';
import { MAX_PORT, MIN_PORT, emptyConnections, allConnections, pushRange, type ConnectionSet } from './ports.js';

/** Per protocol, the first port of each atom, ascending, starting at 1. */
export type PortAtoms = Record<Protocol, number[]>;

/** Atoms bounded by the union of the given edge lists (ports outside 1..65535 are dropped). */
export function portAtoms(...edgeLists: Partial<Record<Protocol, readonly number[]>>[]): PortAtoms {
  const out = {} as PortAtoms;
  for (const proto of PROTOCOLS) {
    const starts = new Set<number>([MIN_PORT]);
    for (const list of edgeLists) for (const e of list[proto] ?? []) if (e > MIN_PORT && e <= MAX_PORT) starts.add(e);
    out[proto] = [...starts].sort((a, b) => a - b);
  }
  return out;
}

/** The last port of atom k of a protocol. */
export function atomEnd(starts: readonly number[], k: number): number {
  return k + 1 < starts.length ? starts[k + 1] - 1 : MAX_PORT;
}

export function engineAtoms(engine: Engine, ...extra: Partial<Record<Protocol, readonly number[]>>[]): PortAtoms {
  return portAtoms(engine.portEdges(), ...extra);
}

/**
 * Cell functions per atom, resolved once, so that a pair costs one call per atom.
 * A pod always reaches itself: loopback traffic is never filtered by NetworkPolicy.
 */
export class ConnectionEvaluator {
  readonly atoms: PortAtoms;
  private readonly cells: Record<Protocol, ((from: number, to: number) => boolean)[]>;

  constructor(
    readonly engine: Engine,
    atoms?: PortAtoms,
  ) {
    this.atoms = atoms ?? engineAtoms(engine);
    this.cells = {} as Record<Protocol, ((from: number, to: number) => boolean)[]>;
    for (const proto of PROTOCOLS) this.cells[proto] = this.atoms[proto].map((port) => engine.forProbe({ port, protocol: proto }));
  }

  /** Allowed or not, per atom of one protocol, in atom order. */
  atomVerdicts(from: number, to: number, protocol: Protocol): boolean[] {
    if (from === to) return this.atoms[protocol].map(() => true);
    return this.cells[protocol].map((cell) => cell(from, to));
  }

  connections(from: number, to: number): ConnectionSet {
    if (from === to) return allConnections();
    const out = emptyConnections();
    for (const proto of PROTOCOLS) {
      const starts = this.atoms[proto];
      const cells = this.cells[proto];
      for (let k = 0; k < starts.length; k++) if (cells[k](from, to)) pushRange(out[proto], starts[k], atomEnd(starts, k));
    }
    return out;
  }
}

/** The exact set of connections the policies allow from endpoint `from` to endpoint `to`. */
export function connections(engine: Engine, from: number, to: number): ConnectionSet {
  return new ConnectionEvaluator(engine).connections(from, to);
}

/** One stretch of ports decided by the same rules, with the verdict of its first port. */
export interface ConnectionSegment {
  protocol: Protocol;
  lo: number;
  hi: number;
  allowed: boolean;
  verdict: Verdict;
}

/** What decides a verdict: the isolating policies and the admitting rules on both sides. */
function decisionKey(v: Verdict): string {
  const side = (d: Verdict['egress']) =>
    `${d.isolated ? d.isolatedBy.join(',') : '-'}:${d.allowedBy.map((r) => `${r.policy}/${r.direction}/${r.ruleIndex}/${r.peerIndex}/${r.portIndex}`).join(',')}`;
  return `${v.allowed}|${side(v.egress)}|${side(v.ingress)}`;
}

/** The port space from `from` to `to`, cut where the deciding rules change (for `why` without a port). */
export function connectionSegments(engine: Engine, fromId: string, toId: string): ConnectionSegment[] {
  const atoms = engineAtoms(engine);
  const out: ConnectionSegment[] = [];
  for (const protocol of PROTOCOLS) {
    const starts = atoms[protocol];
    let cur: (ConnectionSegment & { key: string }) | undefined;
    for (let k = 0; k < starts.length; k++) {
      const probe: Probe = { port: starts[k], protocol };
      const verdict = engine.verdict(fromId, toId, probe);
      const key = decisionKey(verdict);
      if (cur && cur.key === key) {
        cur.hi = atomEnd(starts, k);
        continue;
      }
      if (cur) out.push(strip(cur));
      cur = { protocol, lo: starts[k], hi: atomEnd(starts, k), allowed: verdict.allowed, verdict, key };
    }
    if (cur) out.push(strip(cur));
  }
  return out;
}

function strip(s: ConnectionSegment & { key: string }): ConnectionSegment {
  const { key: _key, ...rest } = s;
  return rest;
}
