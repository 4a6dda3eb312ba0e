// The result of a graded step as a reachability table, built from the grader's own `Graded`
// value and nothing else, so the screen can never disagree with the grade. Rows are sources,
// columns destinations, keyed by endpoint ids: every pod (serving or not), CoreDNS, the outside
// hosts, and the outside addresses the ipBlocks tell apart where the answer differs there. Each
// cell holds what the step expects and what the answer allows, with the don't-care ports taken
// out of both (a pick drill's pick that meets the task is held to the least permissive candidate
// there, as its grade is). The replicas of one Deployment share a row and a column when they really behave
// alike in every graded cell; otherwise each pod keeps its own.
import type { Protocol } from '../model.js';
import { PROTOCOLS } from '../model.js';
import { allConnections, compactText, connectionText, connectionWords, emptyConnections, isNone, pushRange, sameConnections, subtractConnections, type ConnectionSet } from '../reach/ports.js';
import { connectionSegments } from '../reach/connections.js';
import { exampleProbe, servedProbes } from '../reach/served.js';
import { verdictLines } from '../engine/reasons.js';
import type { Probe } from '../engine/types.js';
import { LEAST_PERMISSIVE, type Graded } from './grade.js';
import type { AddressDifference, Evaluation } from './evaluate.js';
import { ALLOWED, DENIED, IMPLICIT_REQUIREMENT } from './expected.js';

export type TableEndpointKind = 'pod' | 'dns' | 'external' | 'address';

export interface TableEndpoint {
  /** "netpol-test/deploy/web", "netpol-test/client-x-y" (a pod on its own), "example.com", an address range. */
  key: string;
  kind: TableEndpointKind;
  /** Short, for a column head: "web", "kube-dns", "example.com". */
  label: string;
  /** For a row and the why line: "web", or "shop/web" when several namespaces are in play. */
  name: string;
  /** In words: "netpol-test/web (Deployment web, 2 pods)". */
  title: string;
  /** Endpoint ids it stands for. */
  members: string[];
}

export interface TableCell {
  /** What the step expects allowed, over the graded ports. */
  expected: ConnectionSet;
  /** What the answer allows, over the graded ports. */
  got: ConnectionSet;
  /** Ports left to choice here (the step's `any` patterns, or ungraded): out of both sets. */
  free: ConnectionSet;
  /** expected and got differ on graded ports, or a pick allows more than the least permissive candidate: exactly the grader's wrong connections for these pairs. */
  wrong: boolean;
  /** Ports where they differ. */
  wrongSet: ConnectionSet;
  /** The requirements that decide this cell's graded ports, and those of its wrong ports. */
  requirements: string[];
  wrongRequirements: string[];
  /** The pair that stands for the cell (its first wrong pair, else its first pair), by endpoint id. */
  from: string;
  to: string;
  /** The pair is an outside address the ipBlocks cut: ask `evaluation.addressEngine` about it. */
  address: boolean;
}

export interface ResultTable {
  rows: TableEndpoint[];
  columns: TableEndpoint[];
  /** cells[row][column]; undefined where no pair is graded (a lone pod to itself, host to host). */
  cells: (TableCell | undefined)[][];
}

const HASHED = /^(.+)-([a-z0-9]{6,10})-[a-z0-9]{5}$/;

interface Group {
  key: string;
  kind: TableEndpointKind;
  namespace?: string;
  workload?: string;
  workloadKind?: string;
  members: number[];
}

/** The workload a pod belongs to: its owner when the input says, else a Deployment's pod-template-hash naming. */
function groupOf(graded: Graded, i: number): Omit<Group, 'members'> {
  const { engine } = graded.evaluation;
  const e = engine.endpoints[i];
  const pod = i < engine.cluster.pods.length ? engine.cluster.pods[i] : undefined;
  if (!pod) return { key: e.id, kind: 'external' };
  const dns = pod.namespace === 'kube-system' && pod.labels['k8s-app'] === 'kube-dns';
  const kind: TableEndpointKind = dns ? 'dns' : 'pod';
  if (pod.workload) return { key: `${pod.namespace}/${pod.workload.kind}/${pod.workload.name}`, kind, namespace: pod.namespace, workload: pod.workload.name, workloadKind: pod.workload.kind };
  const m = HASHED.exec(pod.name);
  if (m && pod.labels['pod-template-hash'] === m[2]) return { key: `${pod.namespace}/Deployment/${m[1]}`, kind, namespace: pod.namespace, workload: m[1], workloadKind: 'Deployment' };
  return { key: e.id, kind, namespace: pod.namespace };
}

/** Per pair of the evaluation's grid: the graded cell in sets. */
function pairCell(graded: Graded, pi: number): Omit<TableCell, 'from' | 'to' | 'address'> {
  const { space, evaluation: ev } = graded;
  const g = ev.grid;
  const base = pi * g.width;
  const sbase = pi * space.grid.width;
  const expected = emptyConnections();
  const got = emptyConnections();
  const free = emptyConnections();
  // Where they differ on graded ports, and where a pick allows more than the least permissive
  // candidate (one that allows less on the ports left to choice is not wrong there).
  const wrongSet = emptyConnections();
  const reqs = new Set<number>();
  const wrongReqs = new Set<number>();
  let leastGraded = false;
  let leastWrong = false;
  for (const proto of PROTOCOLS as readonly Protocol[]) {
    for (let k = 0; k < g.atoms[proto].length; k++) {
      const c = g.offset[proto] + k;
      const [lo, hi] = g.atomRange(proto, k);
      const want = space.expected[sbase + ev.column[c]];
      if (want !== ALLOWED && want !== DENIED) {
        // A pick drill: the least permissive candidate decides these ports (the same Expected
        // whichever is picked); allowing more than it there is wrong, as the grade says.
        const least = graded.least;
        if (!least) {
          pushRange(free[proto], lo, hi);
          continue;
        }
        const mine = ev.allowed[base + c] === 1;
        const theirs = least.allowed[base + c] === 1;
        if (theirs) pushRange(expected[proto], lo, hi);
        if (mine) pushRange(got[proto], lo, hi);
        if (mine && !theirs) pushRange(wrongSet[proto], lo, hi);
        leastGraded = true;
        if (mine && !theirs) leastWrong = true;
        continue;
      }
      const r = space.requirementOf[sbase + ev.column[c]];
      reqs.add(r);
      if (want === ALLOWED) pushRange(expected[proto], lo, hi);
      if (ev.allowed[base + c] === 1) pushRange(got[proto], lo, hi);
      if ((want === ALLOWED) !== (ev.allowed[base + c] === 1)) {
        wrongReqs.add(r);
        pushRange(wrongSet[proto], lo, hi);
      }
    }
  }
  const names = (s: Set<number>, least: boolean) => [...[...s].sort((a, b) => a - b).map((r) => space.requirementNames[r]), ...(least ? [LEAST_PERMISSIVE] : [])];
  return { expected, got, free, wrong: !isNone(wrongSet), wrongSet, requirements: names(reqs, leastGraded), wrongRequirements: names(wrongReqs, leastWrong) };
}

function union(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  const out = emptyConnections();
  for (const p of PROTOCOLS) {
    const all = [...a[p], ...b[p]].sort((x, y) => x[0] - y[0]);
    for (const [lo, hi] of all) pushRange(out[p], lo, hi);
  }
  return out;
}

function addressCell(u: AddressDifference): Omit<TableCell, 'from' | 'to' | 'address'> {
  const wrongSet = union(subtractConnections(u.want, u.got), subtractConnections(u.got, u.want));
  const wrong = !isNone(wrongSet);
  return { expected: u.want, got: u.got, free: u.free ?? emptyConnections(), wrong, wrongSet, requirements: [IMPLICIT_REQUIREMENT], wrongRequirements: wrong ? [IMPLICIT_REQUIREMENT] : [] };
}

function sameCell(a: Omit<TableCell, 'from' | 'to' | 'address'>, b: Omit<TableCell, 'from' | 'to' | 'address'>): boolean {
  return sameConnections(a.expected, b.expected) && sameConnections(a.got, b.got) && sameConnections(a.free, b.free);
}

/** "10.0.0.0-10.255.255.255" -> "10.0.0.0/8" when the range is one prefix. */
function addressLabel(name: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)-(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(name);
  if (!m) return name;
  const n = (a: string[]) => a.reduce((x, y) => x * 256 + Number(y), 0);
  const lo = n(m.slice(1, 5));
  const hi = n(m.slice(5, 9));
  const size = hi - lo + 1;
  const bits = Math.log2(size);
  if (!Number.isInteger(bits) || lo % size !== 0) return name;
  return `${m.slice(1, 5).join('.')}/${32 - bits}`;
}

export function resultTable(graded: Graded): ResultTable {
  const ev = graded.evaluation;
  const g = ev.grid;
  const n = g.endpoints.length;
  const cellOf = new Map<number, Omit<TableCell, 'from' | 'to' | 'address'>>();
  const cell = (f: number, t: number) => {
    const pi = g.pair(f, t);
    if (pi < 0) return undefined;
    let c = cellOf.get(pi);
    if (!c) cellOf.set(pi, (c = pairCell(graded, pi)));
    return c;
  };
  // Address units by "from>to" id, for the alike check and the address rows and columns.
  const unitOf = new Map<string, AddressDifference>();
  for (const u of ev.addressUnits) unitOf.set(`${u.from}>${u.to}`, u);
  const wrongAddresses = new Set<string>();
  const addressTo = new Set<string>();
  const addressFrom = new Set<string>();
  const podIds = new Set(g.endpoints.filter((e) => e.kind === 'pod').map((e) => e.id));
  for (const u of ev.addresses) {
    if (podIds.has(u.from)) addressTo.add(u.to);
    else addressFrom.add(u.from);
    wrongAddresses.add(podIds.has(u.from) ? u.to : u.from);
  }

  // Workloads, split back into pods when their replicas do not behave alike.
  const byKey = new Map<string, Group>();
  for (let i = 0; i < n; i++) {
    const k = groupOf(graded, i);
    const got = byKey.get(k.key);
    if (got) got.members.push(i);
    else byKey.set(k.key, { ...k, members: [i] });
  }
  const alike = (grp: Group): boolean => {
    const [first, ...rest] = grp.members;
    const inside = new Set(grp.members);
    for (const m of rest) {
      for (let x = 0; x < n; x++) {
        if (inside.has(x)) continue;
        for (const [a, b] of [
          [cell(first, x), cell(m, x)],
          [cell(x, first), cell(x, m)],
        ]) {
          if ((a === undefined) !== (b === undefined) || (a && b && !sameCell(a, b))) return false;
        }
      }
      for (const addr of wrongAddresses) {
        for (const [a, b] of [
          [unitOf.get(`${g.endpoints[first].id}>${addr}`), unitOf.get(`${g.endpoints[m].id}>${addr}`)],
          [unitOf.get(`${addr}>${g.endpoints[first].id}`), unitOf.get(`${addr}>${g.endpoints[m].id}`)],
        ]) {
          if ((a === undefined) !== (b === undefined) || (a && b && !sameCell(addressCell(a), addressCell(b)))) return false;
        }
      }
    }
    // Between the replicas themselves: every pair alike.
    let inner: Omit<TableCell, 'from' | 'to' | 'address'> | undefined;
    for (const a of grp.members) {
      for (const b of grp.members) {
        const c = a === b ? undefined : cell(a, b);
        if (!c) continue;
        if (inner && !sameCell(inner, c)) return false;
        inner ??= c;
      }
    }
    return true;
  };
  const groups: Group[] = [];
  for (const grp of byKey.values()) {
    if (grp.members.length === 1 || alike(grp)) groups.push(grp);
    else for (const m of grp.members) groups.push({ key: g.endpoints[m].id, kind: grp.kind, namespace: grp.namespace, workload: grp.workload, members: [m] });
  }
  // The task's namespaces first, then kube-system, then the outside hosts (endpoint order within).
  const rank = (grp: Group) => (grp.kind === 'external' ? 2 : grp.namespace === 'kube-system' ? 1 : 0);
  groups.sort((a, b) => rank(a) - rank(b) || a.members[0] - b.members[0]);

  const namespaces = new Set(groups.filter((x) => x.kind === 'pod' && x.namespace !== 'kube-system').map((x) => x.namespace));
  const shortOf = (grp: Group): string => {
    const e = g.endpoints[grp.members[0]];
    if (grp.kind === 'external') return e.id;
    if (grp.kind === 'dns' && grp.members.length === byKey.get(groupOf(graded, grp.members[0]).key)!.members.length) return 'kube-dns';
    const base = grp.workload ?? e.id.slice(e.id.indexOf('/') + 1);
    if (grp.members.length > 1 || !grp.workload) return base;
    // A replica on its own: its workload's name and its place among the replicas.
    const all = byKey.get(groupOf(graded, grp.members[0]).key)!.members;
    return all.length > 1 ? `${base}#${all.indexOf(grp.members[0]) + 1}` : base;
  };
  const shorts = groups.map(shortOf);
  const endpoints: TableEndpoint[] = groups.map((grp, i) => {
    const ids = grp.members.map((m) => g.endpoints[m].id);
    const qualified = grp.namespace ? `${grp.namespace}/${shorts[i]}` : shorts[i];
    const clash = shorts.filter((x) => x === shorts[i]).length > 1;
    const label = clash ? qualified : shorts[i];
    const name = clash || (namespaces.size > 1 && grp.kind === 'pod') ? qualified : shorts[i];
    const what =
      grp.kind === 'external'
        ? 'outside the cluster'
        : grp.members.length > 1
          ? `${grp.workloadKind ?? 'workload'} ${grp.workload}, ${grp.members.length} pods`
          : ids[0];
    const title = grp.kind === 'dns' ? `CoreDNS (${grp.namespace}/${grp.workload ?? ids[0]}, ${what})` : grp.kind === 'external' ? `${ids[0]} (${what})` : `${qualified} (${what})`;
    return { key: grp.members.length > 1 ? grp.key : ids[0], kind: grp.kind, label, name, title, members: ids };
  });
  const address = (id: string): TableEndpoint => {
    const label = addressLabel(id);
    return { key: id, kind: 'address', label, name: label, title: `${id} (outside addresses the ipBlocks tell apart)`, members: [id] };
  };
  const rows = [...endpoints, ...[...addressFrom].map(address)];
  const columns = [...endpoints, ...[...addressTo].map(address)];
  const index = new Map(g.endpoints.map((e, i) => [e.id, i]));

  const cells = rows.map((r) =>
    columns.map((c): TableCell | undefined => {
      if (r.kind === 'address' || c.kind === 'address') {
        const u = unitOf.get(`${r.members[0]}>${c.members[0]}`);
        return u ? { ...addressCell(u), from: u.from, to: u.to, address: true } : undefined;
      }
      let first: TableCell | undefined;
      for (const a of r.members) {
        for (const b of c.members) {
          const x = cell(index.get(a)!, index.get(b)!);
          if (!x) continue;
          if (x.wrong) return { ...x, from: a, to: b, address: false };
          first ??= { ...x, from: a, to: b, address: false };
        }
      }
      return first;
    }),
  );
  return { rows, columns, cells };
}

/** Every pair of endpoint ids the table marks wrong ("from>to"), its rows and columns opened into their members. */
export function wrongPairsOf(table: ResultTable): Set<string> {
  const out = new Set<string>();
  table.rows.forEach((r, ri) =>
    table.columns.forEach((c, ci) => {
      if (!table.cells[ri][ci]?.wrong) return;
      for (const a of r.members) for (const b of c.members) if (a !== b) out.add(`${a}>${b}`);
    }),
  );
  return out;
}

/**
 * Where the cursor starts: the first wrong cell; else the first cell open on some ports only (what
 * a task is usually about: "client reaches web on 80"); else the first graded cell.
 */
export function firstWrongCell(table: ResultTable): { row: number; col: number } {
  let partial: { row: number; col: number } | undefined;
  let graded: { row: number; col: number } | undefined;
  for (let row = 0; row < table.rows.length; row++) {
    for (let col = 0; col < table.columns.length; col++) {
      const c = table.cells[row][col];
      if (!c) continue;
      if (c.wrong) return { row, col };
      graded ??= { row, col };
      const scope = gradedScope(c);
      if (!partial && !isNone(c.got) && !isNone(subtractConnections(scope, c.got))) partial = { row, col };
    }
  }
  return partial ?? graded ?? { row: 0, col: 0 };
}

/** The ports a cell grades: everything but its free ports. */
export function gradedScope(c: TableCell): ConnectionSet {
  return subtractConnections(allConnections(), c.free);
}


/**
 * A cell in words, for the line under the matrices: what is expected and what the answer allows,
 * where they differ and which requirement says so, then the engine's verdict on the port that
 * matters (in the wrong ports, else the expected ones, else the graded ones: one the destination
 * serves, else the first) and the stretches of ports as the rules decide them.
 */
export function cellWhy(table: ResultTable, row: number, col: number, ev: Evaluation): string[] {
  const r = table.rows[row];
  const c = table.columns[col];
  if (!r || !c) return ['no cell'];
  const cell = table.cells[row]?.[col];
  if (!cell) {
    const why = r.kind === 'external' || r.kind === 'address' ? 'traffic between two hosts outside the cluster never enters it' : 'a pod always reaches itself: never graded';
    return [`${r.name} -> ${c.label}: ${why}`];
  }
  const scope = gradedScope(cell);
  const lines = [`${r.name} -> ${c.label}: expected ${connectionWords(cell.expected, scope)}; got ${connectionWords(cell.got, scope)}${cell.wrong ? ' (wrong)' : ''}`];
  if (cell.wrong) lines.push(`  wrong on ${connectionText(cell.wrongSet)}: ${cell.wrongRequirements.join('; ')}`);
  else lines.push(`  right: ${cell.requirements.join('; ')}`);
  if (!isNone(cell.free)) lines.push(`  left to choice here: ${connectionText(cell.free)}`);
  const engine = cell.address ? ev.addressEngine : ev.engine;
  if (!engine) return lines;
  const served = servedProbes(engine, cell.to);
  const probe: Probe = exampleProbe(cell.wrongSet, served) ?? exampleProbe(cell.expected, served) ?? exampleProbe(cell.got, served) ?? exampleProbe(scope, served) ?? { port: 1, protocol: 'TCP' };
  // The engine's own words; its head names the pods again, so only the port and the verdict stay.
  const [head, ...sides] = verdictLines(engine, engine.verdict(cell.from, cell.to, probe));
  lines.push(`  on ${head.slice(head.lastIndexOf(' on ') + 4)}`, ...sides);
  // The stretches of ports, where some are allowed and some denied (each decided by its own rules).
  const segments: { protocol: string; lo: number; hi: number; allowed: boolean }[] = [];
  for (const x of connectionSegments(engine, cell.from, cell.to)) {
    const last = segments[segments.length - 1];
    if (last && last.protocol === x.protocol && last.allowed === x.allowed && last.hi + 1 === x.lo) last.hi = x.hi;
    else segments.push({ protocol: x.protocol, lo: x.lo, hi: x.hi, allowed: x.allowed });
  }
  if (segments.some((x) => x.allowed) && segments.some((x) => !x.allowed)) {
    const stretch = (x: (typeof segments)[number]) => `${x.protocol} ${x.lo === 1 && x.hi === 65535 ? 'all' : x.lo === x.hi ? x.lo : `${x.lo}-${x.hi}`} ${x.allowed ? 'allowed' : 'denied'}`;
    lines.push(`  by port: ${segments.map(stretch).join(', ')}`);
  }
  return lines;
}

/** A cell's two texts for the matrices: expected and got, relative to what it grades. */
export function cellTexts(cell: TableCell): { expected: string; got: string } {
  const scope = gradedScope(cell);
  return { expected: compactText(cell.expected, scope), got: compactText(cell.got, scope) };
}
