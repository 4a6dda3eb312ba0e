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

/** a ∩ b, per protocol. */
export function intersectConnections(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  return subtractConnections(a, subtractConnections(a, b));
}

const SUFFIX: Record<Protocol, string> = { TCP: '', UDP: '/U', SCTP: '/S' };

/** One protocol's part of a compact text: "80,443", "53/U", or the protocol's name when all of it is in. */
function compactPart(set: ConnectionSet, scope: ConnectionSet, p: Protocol): string {
  const r = set[p];
  if (r.length === 0) return '';
  const whole = scope[p].length > 0 && r.length === scope[p].length && r.every((x, i) => x[0] === scope[p][i][0] && x[1] === scope[p][i][1]);
  if (whole) return p;
  return r.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(',') + SUFFIX[p];
}

function compactPlain(set: ConnectionSet, scope: ConnectionSet): string {
  return PROTOCOLS.map((p) => compactPart(set, scope, p))
    .filter((x) => x !== '')
    .join(' ');
}

export const COMPACT = { none: '✗', all: '✓', ungraded: '·', allBut: '¬' } as const;

/**
 * A connection set in a few characters, relative to `scope` (what is graded): "✗" none, "✓" all of
 * the scope, "80,443" (TCP), "53/U" (UDP), "/S" (SCTP), "TCP" every TCP port of the scope, "¬22" all
 * but 22; "·" when the scope is empty (nothing graded). The shorter of the set and "¬" its complement.
 */
export function compactText(set: ConnectionSet, scope: ConnectionSet = allConnections()): string {
  if (isNone(scope)) return COMPACT.ungraded;
  const s = intersectConnections(set, scope);
  if (isNone(s)) return COMPACT.none;
  const rest = subtractConnections(scope, s);
  if (isNone(rest)) return COMPACT.all;
  const plain = compactPlain(s, scope);
  const but = COMPACT.allBut + compactPlain(rest, scope);
  return but.length < plain.length ? but : plain;
}

/** A connection set in words, relative to `scope`: "nothing", "every port", "TCP 80", "every port but TCP 22". */
export function connectionWords(set: ConnectionSet, scope: ConnectionSet = allConnections()): string {
  const s = intersectConnections(set, scope);
  if (isNone(s)) return 'nothing';
  const rest = subtractConnections(scope, s);
  const all = isAll(scope) ? 'every port' : 'every graded port';
  if (isNone(rest)) return all;
  const plain = connectionText(s);
  const but = `${all} but ${connectionText(rest)}`;
  return but.length < plain.length ? but : plain;
}
