// The space a step is graded over: every ordered pair of distinct endpoints (host to host
// excluded: that traffic never enters the cluster) times every protocol and port, cut into
// atoms so that one verdict decides each (pair, atom). Endpoints are keyed by their ids
// (ns/name, or the outside host's name), never by position conventions.
import type { Protocol } from '../model.js';
import { PROTOCOLS } from '../model.js';
import type { Endpoint } from '../engine/types.js';
import { atomEnd, type PortAtoms } from './connections.js';

export interface GridPair {
  from: number;
  to: number;
}

export class ConnectionGrid {
  readonly pairs: GridPair[];
  /** Offset of each protocol's atoms within one pair's row. */
  readonly offset: Record<Protocol, number>;
  /** Atoms per pair, over all protocols. */
  readonly width: number;
  private readonly index = new Map<string, number>();
  private readonly pairIndex = new Map<string, number>();

  constructor(
    readonly endpoints: readonly Endpoint[],
    readonly atoms: PortAtoms,
  ) {
    endpoints.forEach((e, i) => this.index.set(e.id, i));
    this.pairs = [];
    for (let f = 0; f < endpoints.length; f++) {
      for (let t = 0; t < endpoints.length; t++) {
        if (f === t || (endpoints[f].kind === 'external' && endpoints[t].kind === 'external')) continue;
        this.pairIndex.set(`${f}>${t}`, this.pairs.length);
        this.pairs.push({ from: f, to: t });
      }
    }
    this.offset = { TCP: 0, UDP: atoms.TCP.length, SCTP: atoms.TCP.length + atoms.UDP.length };
    this.width = atoms.TCP.length + atoms.UDP.length + atoms.SCTP.length;
  }

  endpointIndex(id: string): number {
    return this.index.get(id) ?? -1;
  }

  /** Index of the pair (from, to) by endpoint index; -1 when it is not graded. */
  pair(from: number, to: number): number {
    return this.pairIndex.get(`${from}>${to}`) ?? -1;
  }

  /** The atom holding `port` of `protocol`. */
  atomOf(protocol: Protocol, port: number): number {
    const starts = this.atoms[protocol];
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= port) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  atomRange(protocol: Protocol, k: number): [number, number] {
    return [this.atoms[protocol][k], atomEnd(this.atoms[protocol], k)];
  }

  /** Every (protocol, atom) of one pair row, in row order. */
  *cells(): Generator<{ protocol: Protocol; k: number; column: number }> {
    for (const protocol of PROTOCOLS) for (let k = 0; k < this.atoms[protocol].length; k++) yield { protocol, k, column: this.offset[protocol] + k };
  }
}
