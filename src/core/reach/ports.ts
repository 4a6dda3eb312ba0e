// Port intervals, the unit of truth for connections (after np-guard's connection sets):
// per protocol, a sorted list of disjoint inclusive ranges over 1..65535.
import type { Protocol } from '../model.js';
import { PROTOCOLS } from '../model.js';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Inclusive [lo, hi] ranges, sorted and merged (adjacent ranges joined). */
export type PortRanges = [number, number][];

export type ConnectionSet = Record<Protocol, PortRanges>;

export function emptyConnections(): ConnectionSet {
  return { TCP: [], UDP: [], SCTP: [] };
}

export function allConnections(): ConnectionSet {
  return { TCP: [[MIN_PORT, MAX_PORT]], UDP: [[MIN_PORT, MAX_PORT]], SCTP: [[MIN_PORT, MAX_PORT]] };
}

/** Appends [lo, hi] to ranges built in ascending order, joining it to the last range when they touch. */
export function pushRange(ranges: PortRanges, lo: number, hi: number): void {
  const last = ranges[ranges.length - 1];
  if (last && last[1] + 1 >= lo) last[1] = Math.max(last[1], hi);
  else ranges.push([lo, hi]);
}

/** Sorts and merges arbitrary ranges. */
export function normalizeRanges(ranges: readonly (readonly [number, number])[]): PortRanges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: PortRanges = [];
  for (const [lo, hi] of sorted) pushRange(out, lo, hi);
  return out;
}

export function rangesContain(ranges: PortRanges, port: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (port < ranges[mid][0]) hi = mid - 1;
    else if (port > ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

export function isAll(set: ConnectionSet): boolean {
  return PROTOCOLS.every((p) => set[p].length === 1 && set[p][0][0] === MIN_PORT && set[p][0][1] === MAX_PORT);
}

export function isNone(set: ConnectionSet): boolean {
  return PROTOCOLS.every((p) => set[p].length === 0);
}

export function sameConnections(a: ConnectionSet, b: ConnectionSet): boolean {
  return PROTOCOLS.every((p) => a[p].length === b[p].length && a[p].every((r, i) => r[0] === b[p][i][0] && r[1] === b[p][i][1]));
}

export function rangesText(ranges: PortRanges): string {
  if (ranges.length === 1 && ranges[0][0] === MIN_PORT && ranges[0][1] === MAX_PORT) return 'all ports';
  return ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(',');
}

/** "TCP 80,8000-9000; UDP 53", "all" or "none". */
export function connectionText(set: ConnectionSet): string {
  if (isNone(set)) return 'none';
  if (isAll(set)) return 'all';
  return PROTOCOLS.filter((p) => set[p].length > 0)
    .map((p) => `${p} ${rangesText(set[p])}`)
    .join('; ');
}

/** a minus b, per protocol. */
export function subtractConnections(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  const out = emptyConnections();
  for (const p of PROTOCOLS) {
    for (const [lo, hi] of a[p]) {
      let start = lo;
      for (const [blo, bhi] of b[p]) {
        if (bhi < start || blo > hi) continue;
        if (blo > start) pushRange(out[p], start, blo - 1);
        start = Math.max(start, bhi + 1);
        if (start > hi) break;
      }
      if (start <= hi) pushRange(out[p], start, hi);
    }
  }
  return out;
}
