// Runs a step's expected cells and checks against a set of policies: the fast path
// (engine.allowed only), then reasons for what came out wrong.
import { Engine } from '../engine/engine.js';
import type { Cluster } from '../model.js';
import type { NetworkPolicy } from '../policy.js';
import type { Probe } from '../engine/types.js';
import type { PreparedStep, ResolvedCheck } from '../bank/prepare.js';
import { explainVerdict } from '../engine/reasons.js';
import { probeKey as probeText } from '../engine/types.js';

export const DNS_PROBE: Probe = { port: 53, protocol: 'UDP' };

export interface CheckOutcome {
  succeeded: boolean;
  dnsOk: boolean;
  reason: string;
}

export interface Evaluation {
  engine: Engine;
  /** Per expected cell (same order as prepared.cells): what the policies give. */
  got: boolean[];
  checks: CheckOutcome[];
  /** Wrong cells and checks per requirement. */
  wrongByRequirement: number[];
  totalByRequirement: number[];
  wrongCount: number;
}

export function dnsReachable(engine: Engine, prep: PreparedStep, from: number): boolean {
  return prep.dnsPods.some((d) => engine.allowed(from, d, DNS_PROBE));
}

function id(prep: PreparedStep, i: number): string {
  return prep.endpoints[i].id;
}

export function runCheck(engine: Engine, prep: PreparedStep, c: ResolvedCheck, withReason: boolean): CheckOutcome {
  const dnsOk = !c.dns || dnsReachable(engine, prep, c.from);
  if (c.targets === null) {
    if (!withReason) return { succeeded: dnsOk, dnsOk, reason: '' };
    if (dnsOk) return { succeeded: true, dnsOk, reason: `${id(prep, c.from)} reaches CoreDNS on 53/UDP, so the name resolves` };
    return { succeeded: false, dnsOk, reason: dnsReason(engine, prep, c.from) };
  }
  if (c.impossible) return { succeeded: false, dnsOk, reason: c.impossible };
  const open = dnsOk ? c.targets.find((t) => engine.allowed(c.from, t.to, t.probe)) : undefined;
  const succeeded = open !== undefined;
  if (!withReason) return { succeeded, dnsOk, reason: '' };
  if (!dnsOk) return { succeeded, dnsOk, reason: dnsReason(engine, prep, c.from) };
  const via = c.via ? `${c.via}; ` : '';
  if (open) return { succeeded, dnsOk, reason: `${via}${explainVerdict(engine, engine.verdict(id(prep, c.from), id(prep, open.to), open.probe))}` };
  const t = c.targets[0];
  return { succeeded, dnsOk, reason: `${via}${explainVerdict(engine, engine.verdict(id(prep, c.from), id(prep, t.to), t.probe))}` };
}

export function dnsReason(engine: Engine, prep: PreparedStep, from: number): string {
  const d = prep.dnsPods[0];
  const why = d === undefined ? '' : `: ${explainVerdict(engine, engine.verdict(id(prep, from), id(prep, d), DNS_PROBE))}`;
  return `DNS is blocked: ${id(prep, from)} cannot reach CoreDNS (kube-system, k8s-app=kube-dns) on ${probeText(DNS_PROBE)}, so names do not resolve${why}`;
}

export function evaluate(prep: PreparedStep, cluster: Cluster, policies: readonly NetworkPolicy[]): Evaluation {
  const engine = new Engine(cluster, policies);
  const nReq = prep.requirements.length;
  const wrongByRequirement = new Array<number>(nReq).fill(0);
  const totalByRequirement = new Array<number>(nReq).fill(0);
  const got = prep.cells.map((c) => {
    const g = engine.allowed(c.from, c.to, c.probe);
    totalByRequirement[c.requirement]++;
    if (g !== c.allowed) wrongByRequirement[c.requirement]++;
    return g;
  });
  const checks = prep.checks.map((c) => {
    const o = runCheck(engine, prep, c, false);
    totalByRequirement[c.requirement]++;
    if (o.succeeded !== (c.spec.expect === 'success')) wrongByRequirement[c.requirement]++;
    return o;
  });
  const wrongCount = wrongByRequirement.reduce((a, b) => a + b, 0);
  return { engine, got, checks, wrongByRequirement, totalByRequirement, wrongCount };
}

/** Which expected cells, then which checks, the policies get wrong (for comparing rewrites). */
export function wrongFlags(prep: PreparedStep, ev: Evaluation): boolean[] {
  return [...ev.got.map((g, i) => g !== prep.cells[i].allowed), ...ev.checks.map((o, j) => o.succeeded !== (prep.checks[j].spec.expect === 'success'))];
}

/** A rewrite is the fix when it mends something and breaks nothing that was right. */
export function rewriteFixes(now: boolean[], rewritten: boolean[]): boolean {
  let mended = false;
  for (let i = 0; i < now.length; i++) {
    if (rewritten[i] && !now[i]) return false;
    if (now[i] && !rewritten[i]) mended = true;
  }
  return mended;
}
