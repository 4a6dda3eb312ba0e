// Runs a step's expectations against a set of policies: every (pair, port atom) of the
// grading space, the step's checks, and the requirements about the policies themselves
// (names, named ports, namespace labels, earlier steps kept). The fast path only; reasons
// for what came out wrong are added by grade.ts.
import { Engine } from '../engine/engine.js';
import type { Cluster, Protocol } from '../model.js';
import { PROTOCOLS } from '../model.js';
import type { NetworkPolicy } from '../policy.js';
import { policyId } from '../policy.js';
import type { Probe } from '../engine/types.js';
import type { PreparedStep, ResolvedCheck } from '../bank/prepare.js';
import type { Requirement } from '../bank/scenario.js';
import { explainVerdict, notEnforcedWords } from '../engine/reasons.js';
import { probeKey as probeText } from '../engine/types.js';
import { ConnectionEvaluator, portAtoms } from '../reach/connections.js';
import { addressProbes } from '../reach/addresses.js';
import { normalizeRanges, sameConnections, subtractConnections, type ConnectionSet } from '../reach/ports.js';
import { ConnectionGrid } from '../reach/grid.js';
import { ALLOWED, DENIED, type GradingSpace } from './expected.js';
import { samePolicy } from './answer.js';

export const DNS_PROBE: Probe = { port: 53, protocol: 'UDP' };

export interface CheckOutcome {
  succeeded: boolean;
  dnsOk: boolean;
  reason: string;
}

export interface EvaluateOptions {
  /** The learner's own policies of the earlier steps (the trainer knows them): they must still be there, unchanged. */
  earlier?: readonly NetworkPolicy[];
}

export interface Evaluation {
  engine: Engine;
  cluster: Cluster;
  policies: readonly NetworkPolicy[];
  /** The space's atoms refined by the policies' own port edges. */
  grid: ConnectionGrid;
  /** Refined column -> the space's column. */
  column: Int32Array;
  /** Per (pair, refined column): 1 when the policies allow it. */
  allowed: Uint8Array;
  /** Per (pair, refined column): 1 when it differs from what the step expects. */
  wrong: Uint8Array;
  checks: CheckOutcome[];
  /** Per check: its outcome differs from what the step expects. */
  checkWrong: boolean[];
  /** Per requirement: wrong units (pairs with a wrong port, failed checks, an unmet policy condition). */
  wrongByRequirement: number[];
  totalByRequirement: number[];
  /** Per requirement about the policies themselves: why it is not met ('' when met or not such a requirement). */
  conditionFailures: string[];
  /** Outside addresses (one per piece the ipBlocks cut) where the policies differ from the reference. */
  addresses: AddressDifference[];
  /** Every (pod, outside address) unit compared, right or wrong (the result table draws them). */
  addressUnits: AddressDifference[];
  /** The engine that knows those addresses as outside hosts, for reasons. */
  addressEngine?: Engine;
  wrongCount: number;
}

export interface AddressDifference {
  from: string;
  to: string;
  /** What the reference allows and what the policies allow. */
  want: ConnectionSet;
  got: ConnectionSet;
  /** The ports the step leaves open to choice here (taken out of want and got). */
  free?: ConnectionSet;
}

/**
 * The outside addresses the reference's and the answer's ipBlocks tell apart, each compared with the
 * reference in both directions (pod to address, address to pod): an ipBlock too wide or an except
 * forgotten shows here even where the scenario lists no host.
 */
function compareAddresses(space: GradingSpace, cluster: Cluster, policies: readonly NetworkPolicy[]): { differences: AddressDifference[]; compared: AddressDifference[]; units: number; engine?: Engine } {
  const ref = space.reference;
  if (!ref) return { differences: [], compared: [], units: 0 };
  const probes = addressProbes([...ref.policies, ...policies], cluster);
  if (probes.length === 0) return { differences: [], compared: [], units: 0 };
  const mine = new Engine({ ...cluster, externals: [...cluster.externals, ...probes] }, policies);
  const theirs = new Engine({ ...ref.cluster, externals: [...ref.cluster.externals, ...probes] }, ref.policies);
  const atoms = portAtoms(mine.portEdges(), theirs.portEdges());
  const a = new ConnectionEvaluator(mine, atoms);
  const b = new ConnectionEvaluator(theirs, atoms);
  const differences: AddressDifference[] = [];
  const compared: AddressDifference[] = [];
  let units = 0;
  const first = cluster.pods.length + cluster.externals.length;
  for (let pod = 0; pod < cluster.pods.length; pod++) {
    for (let h = first; h < first + probes.length; h++) {
      for (const [from, to] of [
        [pod, h],
        [h, pod],
      ]) {
        units++;
        const free = dontCare(space, from === pod ? pod : -1, to === pod ? pod : -1);
        const got = subtractConnections(a.connections(from, to), free);
        const want = subtractConnections(b.connections(from, to), free);
        const unit = { from: mine.endpoints[from].id, to: mine.endpoints[to].id, want, got, free };
        compared.push(unit);
        if (!sameConnections(got, want)) differences.push(unit);
      }
    }
  }
  return { differences, compared, units, engine: mine };
}

/**
 * The ports a step leaves open to choice between a pod and any outside address: its `any` patterns
 * that name every outside host on the other side (DNS to any server, for one). `fromPod`/`toPod` is
 * the pod's index on its side, -1 on the address's side.
 */
function dontCare(space: GradingSpace, fromPod: number, toPod: number): ConnectionSet {
  const acc: Record<Protocol, [number, number][]> = { TCP: [], UDP: [], SCTP: [] };
  for (const p of space.prep.patterns) {
    if (p.expect !== 'any') continue;
    const fits = fromPod >= 0 ? p.froms.includes(fromPod) && p.toOutside : p.fromOutside && p.tos.includes(toPod);
    if (!fits) continue;
    for (const proto of PROTOCOLS) {
      if (p.ports === null) acc[proto].push([1, 65535]);
      else for (const x of p.ports) if (!x.protocol || x.protocol === proto) acc[proto].push([x.port, x.endPort ?? x.port]);
    }
  }
  return { TCP: normalizeRanges(acc.TCP), UDP: normalizeRanges(acc.UDP), SCTP: normalizeRanges(acc.SCTP) };
}

export function dnsReachable(engine: Engine, prep: PreparedStep, from: number): boolean {
  return prep.dnsPods.some((d) => engine.allowed(from, d, DNS_PROBE));
}

function id(prep: PreparedStep, i: number): string {
  return prep.endpoints[i].id;
}

/** Whether something listens on the target: a pod's declared container ports, a host's served ports. */
function listens(prep: PreparedStep, to: number, probe: Probe): boolean {
  return prep.endpoints[to].probes.some((p) => p.port === probe.port && p.protocol === probe.protocol);
}

export function runCheck(engine: Engine, prep: PreparedStep, c: ResolvedCheck, withReason: boolean): CheckOutcome {
  const dnsOk = !c.dns || dnsReachable(engine, prep, c.from);
  if (c.targets === null) {
    if (!withReason) return { succeeded: dnsOk, dnsOk, reason: '' };
    if (dnsOk) {
      // Under a CNI that enforces nothing, an egress deny does not stop DNS either: say so.
      const unenforced = notEnforcedWords(engine);
      return { succeeded: true, dnsOk, reason: `${id(prep, c.from)} reaches CoreDNS on 53/UDP, so the name resolves${unenforced ? ` (${unenforced})` : ''}` };
    }
    return { succeeded: false, dnsOk, reason: dnsReason(engine, prep, c.from) };
  }
  if (c.impossible) return { succeeded: false, dnsOk, reason: c.impossible };
  // nc -zu has no handshake to wait for (busybox nc_bloaty.c udptest): it writes a datagram and
  // reports open unless an ICMP port-unreachable comes back, which only a pod that receives the
  // datagram and has nothing listening sends. A datagram the policies drop looks open.
  if (c.targets.length > 0 && c.targets.every((t) => t.probe.protocol === 'UDP') && /^\s*nc\b/.test(c.spec.run)) {
    const dropped = dnsOk ? c.targets.find((t) => !engine.allowed(c.from, t.to, t.probe)) : undefined;
    const answered = dnsOk ? c.targets.find((t) => engine.allowed(c.from, t.to, t.probe) && listens(prep, t.to, t.probe)) : undefined;
    const succeeded = dnsOk && (dropped !== undefined || answered !== undefined);
    if (!withReason) return { succeeded, dnsOk, reason: '' };
    if (!dnsOk) return { succeeded, dnsOk, reason: dnsReason(engine, prep, c.from) };
    const via = c.via ? `${c.via}; ` : '';
    const pick = answered ?? dropped ?? c.targets[0];
    const why = explainVerdict(engine, engine.verdict(id(prep, c.from), id(prep, pick.to), pick.probe));
    if (!answered && dropped) return { succeeded, dnsOk, reason: `${via}nc -zu reports open: the policies drop the datagram, and without an ICMP port-unreachable coming back a dropped datagram looks like an open port (${why})` };
    if (!succeeded) return { succeeded, dnsOk, reason: `${via}the policies let it through, but nothing listens on ${id(prep, pick.to)} ${probeText(pick.probe)}: the ICMP port-unreachable makes nc fail (${why})` };
    return { succeeded, dnsOk, reason: `${via}${why}` };
  }
  const open = dnsOk ? c.targets.filter((t) => engine.allowed(c.from, t.to, t.probe)) : [];
  const serving = open.find((t) => listens(prep, t.to, t.probe));
  const succeeded = serving !== undefined;
  if (!withReason) return { succeeded, dnsOk, reason: '' };
  if (!dnsOk) return { succeeded, dnsOk, reason: dnsReason(engine, prep, c.from) };
  const via = c.via ? `${c.via}; ` : '';
  const pick = serving ?? open[0] ?? c.targets[0];
  const why = explainVerdict(engine, engine.verdict(id(prep, c.from), id(prep, pick.to), pick.probe));
  if (!serving && open.length > 0) {
    const ip = prep.endpoints[pick.to].ip;
    return { succeeded, dnsOk, reason: `${via}the policies let it through, but nothing listens on ${id(prep, pick.to)} ${probeText(pick.probe)}: a real cluster answers "can't connect to remote host (${ip}): Connection refused", not a time-out (${why})` };
  }
  return { succeeded, dnsOk, reason: `${via}${why}` };
}

export function dnsReason(engine: Engine, prep: PreparedStep, from: number): string {
  const d = prep.dnsPods[0];
  const why = d === undefined ? '' : `: ${explainVerdict(engine, engine.verdict(id(prep, from), id(prep, d), DNS_PROBE))}`;
  return `DNS is blocked: ${id(prep, from)} cannot reach CoreDNS (kube-system, k8s-app=kube-dns) on ${probeText(DNS_PROBE)}, so names do not resolve${why}`;
}

/** Why a requirement about the policies themselves is not met; '' when it is (or is about traffic). */
export function conditionFailure(prep: PreparedStep, req: Requirement, cluster: Cluster, policies: readonly NetworkPolicy[], opts: EvaluateOptions): string {
  const has = (ns: string, name: string) => policies.find((p) => p.namespace === ns && p.name === name);
  if (req.policy) {
    const { name, namespace } = req.policy;
    if (has(namespace, name)) return '';
    const same = policies.filter((p) => p.name === name).map(policyId);
    const inNs = policies.filter((p) => p.namespace === namespace && !prep.existing.some((e) => policyId(e) === policyId(p))).map((p) => p.name);
    const hint = same.length ? `: ${same.join(', ')} is in another namespace` : inNs.length ? `; your policies in ${namespace} are named ${inNs.join(', ')}` : '';
    return `no NetworkPolicy named ${name} in namespace ${namespace}${hint}`;
  }
  if (req.namedPort) {
    const { name, policy, namespace } = req.namedPort;
    const pool = policy ? policies.filter((p) => p.name === policy && p.namespace === namespace) : policies;
    if (policy && pool.length === 0) return `no NetworkPolicy named ${policy} in namespace ${namespace}, so nothing refers to the port ${name} by name`;
    const uses = pool.some((p) => [...p.ingress, ...p.egress].some((r) => r.ports.some((x) => x.port === name)));
    if (uses) return '';
    return `${policy ? `${namespace}/${policy}` : 'no policy'} ${policy ? 'does not refer' : 'refers'} to the port by its name ${name} (write port: ${name}, not the number)`;
  }
  if (req.namespaceLabel) {
    const ns = cluster.namespaces.find((n) => n.name === req.namespaceLabel!.namespace);
    const missing = Object.entries(req.namespaceLabel.labels).filter(([k, v]) => ns?.labels[k] !== v);
    if (missing.length === 0) return '';
    return `namespace ${req.namespaceLabel.namespace} does not carry ${missing.map(([k, v]) => `${k}=${v}`).join(', ')} (kubectl label namespace ${req.namespaceLabel.namespace} ${missing.map(([k, v]) => `${k}=${v}`).join(' ')})`;
  }
  if (req.kept !== undefined) {
    const gone: string[] = [];
    for (const r of prep.scenario.steps[req.kept - 1].expect) if (r.policy && !has(r.policy.namespace, r.policy.name)) gone.push(`${r.policy.namespace}/${r.policy.name}`);
    for (const e of opts.earlier ?? []) {
      const now = has(e.namespace, e.name);
      if (!now) gone.push(policyId(e));
      else if (!samePolicy(now, e)) gone.push(`${policyId(e)} (changed)`);
    }
    const uniq = [...new Set(gone)];
    return uniq.length ? `the policies of step ${req.kept} must stay in place: ${uniq.join(', ')} ${uniq.length === 1 ? 'is' : 'are'} missing` : '';
  }
  return '';
}

/** The space's atoms refined with the policies' own edges; `extra` adds edges (to compare rewrites). */
export function refinedGrid(space: GradingSpace, engine: Engine, extra?: Record<Protocol, readonly number[]>): { grid: ConnectionGrid; column: Int32Array } {
  const atoms = portAtoms(space.edges, engine.portEdges(), ...(extra ? [extra] : []));
  const grid = new ConnectionGrid(engine.endpoints, atoms);
  const column = new Int32Array(grid.width);
  for (const proto of PROTOCOLS) {
    atoms[proto].forEach((lo, k) => {
      column[grid.offset[proto] + k] = space.grid.offset[proto] + space.grid.atomOf(proto, lo);
    });
  }
  return { grid, column };
}

export function evaluate(space: GradingSpace, cluster: Cluster, policies: readonly NetworkPolicy[], opts: EvaluateOptions = {}, extraEdges?: Record<Protocol, readonly number[]>): Evaluation {
  const prep = space.prep;
  const engine = new Engine(cluster, policies);
  const { grid, column } = refinedGrid(space, engine, extraEdges);
  const ev = new ConnectionEvaluator(engine, grid.atoms);
  const nReq = space.requirementNames.length;
  const wrongByRequirement = new Array<number>(nReq).fill(0);
  const totalByRequirement = new Array<number>(nReq).fill(0);
  const allowed = new Uint8Array(grid.pairs.length * grid.width);
  const wrong = new Uint8Array(grid.pairs.length * grid.width);
  const seen = new Int32Array(nReq).fill(-1);
  const bad = new Int32Array(nReq).fill(-1);
  grid.pairs.forEach(({ from, to }, pi) => {
    const base = pi * grid.width;
    const sbase = pi * space.grid.width;
    for (const proto of PROTOCOLS as readonly Protocol[]) {
      const verdicts = ev.atomVerdicts(from, to, proto);
      for (let k = 0; k < verdicts.length; k++) {
        const c = grid.offset[proto] + k;
        allowed[base + c] = verdicts[k] ? 1 : 0;
        const want = space.expected[sbase + column[c]];
        if (want !== ALLOWED && want !== DENIED) continue;
        const r = space.requirementOf[sbase + column[c]];
        if (seen[r] !== pi) {
          seen[r] = pi;
          totalByRequirement[r]++;
        }
        if ((want === ALLOWED) !== verdicts[k]) {
          wrong[base + c] = 1;
          if (bad[r] !== pi) {
            bad[r] = pi;
            wrongByRequirement[r]++;
          }
        }
      }
    }
  });
  const checks = prep.checks.map((c) => {
    const o = runCheck(engine, prep, c, false);
    totalByRequirement[c.requirement]++;
    if (o.succeeded !== (c.spec.expect === 'success')) wrongByRequirement[c.requirement]++;
    return o;
  });
  const checkWrong = checks.map((o, j) => o.succeeded !== (prep.checks[j].spec.expect === 'success'));
  const addr = compareAddresses(space, cluster, policies);
  if (space.implicit >= 0 && addr.units > 0) {
    totalByRequirement[space.implicit] += addr.units;
    wrongByRequirement[space.implicit] += addr.differences.length;
  }
  const conditionFailures = space.requirementNames.map((_, i) => {
    const req = prep.requirements[i];
    if (!req || !(req.policy || req.namedPort || req.namespaceLabel || req.kept !== undefined)) return '';
    totalByRequirement[i]++;
    const why = conditionFailure(prep, req, cluster, policies, opts);
    if (why) wrongByRequirement[i]++;
    return why;
  });
  const wrongCount = wrongByRequirement.reduce((a, b) => a + b, 0);
  return { engine, cluster, policies, grid, column, allowed, wrong, checks, checkWrong, wrongByRequirement, totalByRequirement, conditionFailures, addresses: addr.differences, addressUnits: addr.compared, ...(addr.engine ? { addressEngine: addr.engine } : {}), wrongCount };
}

/** How a rewrite changes what is wrong, compared on one grid: cells and checks mended and broken. */
export function rewriteDelta(now: Evaluation, rewritten: Evaluation): { mended: number; broken: number[]; wrongBefore: number } | undefined {
  if (now.grid.width !== rewritten.grid.width) return undefined;
  let mended = 0;
  let wrongBefore = 0;
  const broken: number[] = [];
  const a = [...Array.from(now.wrong, (w) => w === 1), ...now.checkWrong];
  const b = [...Array.from(rewritten.wrong, (w) => w === 1), ...rewritten.checkWrong];
  for (let i = 0; i < a.length; i++) {
    if (a[i]) wrongBefore++;
    if (b[i] && !a[i]) broken.push(i);
    if (a[i] && !b[i]) mended++;
  }
  return { mended, broken, wrongBefore };
}

/**
 * A rewrite names the mistake when it breaks nothing that was right and mends at least half of
 * what is wrong: a rewrite that only happens to mend a corner is not the cause.
 */
export function rewriteFixes(now: Evaluation, rewritten: Evaluation): boolean {
  const d = rewriteDelta(now, rewritten);
  return d !== undefined && d.broken.length === 0 && d.mended > 0 && d.mended * 2 >= d.wrongBefore;
}
