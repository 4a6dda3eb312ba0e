// Grading one answer to one step of a scenario. Pure: texts (or a console's cluster state)
// in, a GradeResult out. The expectation covers every connection (grader/expected.ts); the
// score is the weighted share of requirements met, the way an exam awards a task's points.
import type { Finding } from '../findings.js';
import type { Cluster, Protocol } from '../model.js';
import { PROTOCOLS } from '../model.js';
import type { NetworkPolicy } from '../policy.js';
import { policyId } from '../policy.js';
import type { Probe } from '../engine/types.js';
import type { ManifestInput } from '../manifest/load.js';
import type { Requirement, Scenario } from '../bank/scenario.js';
import { loadBlocks, preparedStep, resolvePattern, resolveCheck, type PreparedStep } from '../bank/prepare.js';
import { closeIds } from '../bank/bank.js';
import { applyPolicies, readPickAnswer, readPolicyAnswer, readPredictAnswer, relabel, answerAllowsNamespaces, samePolicy, policyMeaning } from './answer.js';
import { evaluate, rewriteDelta, rewriteFixes, runCheck, type Evaluation, type EvaluateOptions } from './evaluate.js';
import { ALLOWED, DENIED, IMPLICIT_REQUIREMENT, gradingSpace, type GradingSpace } from './expected.js';
import { causeOf, detectMistakes, type Mistake } from './mistakes.js';
import { explainVerdict } from '../engine/reasons.js';
import { Engine } from '../engine/engine.js';
import { connectionText, emptyConnections, pushRange, subtractConnections, type ConnectionSet } from '../reach/ports.js';

export type Reachability = 'allowed' | 'denied';

export interface CellMismatch {
  from: string;
  to: string;
  /** The first wrong port and its protocol (a probe that shows the difference). */
  port: number;
  protocol: string;
  /** Every wrong port of this pair for this requirement, e.g. "TCP 1-79,81-65535; UDP all ports". */
  ports: string;
  expected: Reachability;
  got: Reachability;
  reason: string;
  requirement: string;
  /** What makes it come out this way, in words shared by every mismatch of the same cause. */
  cause: string;
}

export interface CheckResult {
  from: string;
  run: string;
  expected: 'success' | 'fail';
  got: 'success' | 'fail';
  passed: boolean;
  reason: string;
  requirement: string;
}

export interface RequirementResult {
  name: string;
  /** keep: traffic that must stay as it is; goal: everything the task asks to change, open or name. */
  role: 'goal' | 'keep';
  /** What it asks (deny, flow, untouched, words), which decides its share of the points. */
  class: RequirementClass;
  met: boolean;
  /** Share of its connections, checks and conditions that are right, 0..1. */
  score: number;
  wrong: number;
  total: number;
  /** Its share of the step's score (weights sum to 1 over the step). */
  weight: number;
  /** For a requirement about the policies themselves: why it is not met. */
  failure?: string;
  advice?: string;
}

export interface PickVerdict {
  id: string;
  verdict: 'right' | 'too narrow' | 'too wide' | 'overwrites an existing policy';
  explanation: string;
}

export interface GradeResult {
  exercise: string;
  step: number;
  steps: number;
  kind: Scenario['kind'];
  passed: boolean;
  score: number;
  mismatches: CellMismatch[];
  checks: CheckResult[];
  requirements: RequirementResult[];
  mistakes: Mistake[];
  /** Other things worth saying (replaced policies, warnings). */
  notes: string[];
  picks?: PickVerdict[];
}

/** Everything behind a result, for screens that draw the expected and observed connections. */
export interface Graded {
  space: GradingSpace;
  evaluation: Evaluation;
  /**
   * A pick drill's least permissive candidate (whichever is picked): it decides the ports the step
   * leaves to choice, and what a pick allows there beyond it is what the pick gets wrong (on the
   * same grid).
   */
  least?: Evaluation;
}

/** Two policies alike up to the order of their rules, peers, ports and selector terms (kubectl apply of a retyped copy changes nothing). */
function sameRules(a: NetworkPolicy, b: NetworkPolicy): boolean {
  // Bottom up: every array sorted by its items' own canonical text, keys in order.
  const canon = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(canon).sort().join(',')}]`;
    if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`).join(',')}}`;
    return JSON.stringify(v);
  };
  return samePolicy(a, b) || canon(JSON.parse(policyMeaning(a))) === canon(JSON.parse(policyMeaning(b)));
}

/** The requirement a write answer misses when it changes a policy the task gives. */
export const EXISTING_KEPT = 'the existing policies stay as they are';

/** The requirement a too-wide pick misses. */
export const LEAST_PERMISSIVE = 'least permissive';

export type GradeOutcome = { ok: true; result: GradeResult; graded?: Graded } | { ok: false; findings: Finding[] };

export interface GradeOptions extends EvaluateOptions {
  /** 1-based; default the last step. */
  step?: number;
}

/** A cluster as a console leaves it: every NetworkPolicy in it, and the namespaces' labels. */
export interface ClusterState {
  policies: readonly NetworkPolicy[];
  /** Namespace name -> its labels now (kubernetes.io/metadata.name is kept whatever is given). */
  namespaceLabels?: ReadonlyMap<string, Record<string, string>>;
  /** Every namespace the cluster has now, when known (a console's): one of the task's deleted is said. */
  namespaces?: readonly string[];
}

function bad(file: string, message: string): GradeOutcome {
  return { ok: false, findings: [{ severity: 'error', file, line: 0, col: 0, path: '', message }] };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function stepOf(s: Scenario, opts: GradeOptions, file: string): { prep: PreparedStep } | GradeOutcome {
  const step = opts.step ?? s.steps.length;
  if (!Number.isInteger(step) || step < 1 || step > s.steps.length) {
    return bad(file, `${s.id} has ${s.steps.length} step${s.steps.length === 1 ? '' : 's'}: --step must be 1..${s.steps.length}`);
  }
  const prepared = preparedStep(s, step);
  if (!prepared.prepared) return { ok: false, findings: prepared.findings };
  return { prep: prepared.prepared };
}

/** Grades `inputs` (the answer file(s)) against step `opts.step` of `s`. */
export function gradeAnswer(s: Scenario, inputs: ManifestInput[], opts: GradeOptions = {}): GradeOutcome {
  const file = inputs[0]?.file ?? '-';
  const at = stepOf(s, opts, file);
  if (!('prep' in at)) return at;
  const prep = at.prep;
  switch (s.kind) {
    case 'predict':
      return gradePredict(prep, inputs[0] ?? { file, text: '' });
    case 'pick':
      return gradePick(prep, inputs[0] ?? { file, text: '' });
    default: {
      const answer = readPolicyAnswer(inputs, answerAllowsNamespaces(s.kind, prep.requirements), prep.cluster);
      if (Array.isArray(answer)) return { ok: false, findings: answer };
      const { policies, replaced } = applyPolicies(prep.existing, answer.policies);
      const notes = answer.warnings.map((w) => `${w.file}:${w.line}:${w.col}: ${w.path ? `${w.path}: ` : ''}${w.message}`);
      return gradePolicies(prep, relabel(prep.cluster, answer.namespaceLabels), policies, answer.policies, replaced, [...answer.namespaceLabels.keys()], notes, opts);
    }
  }
}

/** Grades a cluster as a console left it (write and fix scenarios): its policies are the whole answer. */
export function gradeState(s: Scenario, state: ClusterState, opts: GradeOptions = {}): GradeOutcome {
  const at = stepOf(s, opts, 'cluster');
  if (!('prep' in at)) return at;
  const prep = at.prep;
  if (s.kind !== 'write' && s.kind !== 'fix') return bad('cluster', `${s.id} is a ${s.kind} scenario: it is answered in the editor, not in the cluster`);
  // A namespace of the task deleted in the console (the module's clean-up step) took its pods and
  // policies with it: there is nothing left to grade, and the reason is that, not the policies.
  if (state.namespaces) {
    const now = new Set(state.namespaces);
    const gone = prep.cluster.namespaces.map((n) => n.name).filter((ns) => !now.has(ns) && prep.cluster.pods.some((p) => p.namespace === ns));
    if (gone.length) {
      const list = gone.join(', ');
      return bad('cluster', `namespace ${list} ${gone.length === 1 ? 'was' : 'were'} deleted in the console (kubectl delete namespace), with ${gone.length === 1 ? 'its' : 'their'} pods and policies: grade before the clean-up step; the task's cluster comes back when the exercise is opened again`);
    }
  }
  const labels = new Map<string, Record<string, string>>();
  const relabelled: string[] = [];
  for (const [ns, l] of state.namespaceLabels ?? []) {
    const now = prep.cluster.namespaces.find((n) => n.name === ns);
    if (!now) continue;
    const next = { ...l, 'kubernetes.io/metadata.name': ns };
    if (JSON.stringify(Object.entries(next).sort()) !== JSON.stringify(Object.entries(now.labels).sort())) relabelled.push(ns);
    labels.set(ns, next);
  }
  // The learner's part: every policy that is not an existing one left as it was.
  const added = state.policies.filter((p) => !prep.existing.some((e) => policyId(e) === policyId(p) && samePolicy(e, p)));
  // An existing policy edited in the console (kubectl edit, apply over it) is one the answer replaces.
  const edited = added.filter((p) => prep.existing.some((e) => policyId(e) === policyId(p))).map(policyId);
  return gradePolicies(prep, relabel(prep.cluster, labels), [...state.policies], added, edited, relabelled, [], opts);
}

const baselineCache = new WeakMap<GradingSpace, Evaluation>();

function baseline(space: GradingSpace): Evaluation {
  let b = baselineCache.get(space);
  if (!b) baselineCache.set(space, (b = evaluate(space, space.prep.cluster, space.prep.existing)));
  return b;
}

/**
 * What a requirement asks, for its share of the points:
 * - deny: traffic the existing policies let through and the answer must stop;
 * - flow: traffic that holds today but that the answer's isolation would cut, so its rules must open it;
 * - untouched: traffic no isolation of the answer affects, which must stay as it is;
 * - words: what the task says beyond traffic (a policy's name, a named port, a label, earlier steps kept).
 * Denials and flows are the task's two halves, so neither doing nothing (every flow, nothing denied)
 * nor denying everything (every denial, no flow) reaches half of the points.
 */
export type RequirementClass = 'deny' | 'flow' | 'untouched' | 'words';

export const CLASS_SHARES: Readonly<Record<RequirementClass, number>> = { deny: 0.43, flow: 0.32, untouched: 0.15, words: 0.1 };

export interface ScoredItem {
  class: RequirementClass;
  /** Relative weight within its class. */
  weight: number;
  met: boolean;
}

/** The classes' shares for the classes a step has: an absent class's share goes to its neighbour. */
function classShares(present: ReadonlySet<RequirementClass>): Record<RequirementClass, number> {
  const share = { ...CLASS_SHARES };
  const give = (from: RequirementClass, to: RequirementClass) => {
    share[to] += share[from];
    share[from] = 0;
  };
  // Flows and untouched traffic are both "what must keep working"; words fall to the denials (never
  // to the side an empty answer meets, so that doing nothing stays below half).
  if (!present.has('flow')) give('flow', 'untouched');
  if (!present.has('untouched')) give('untouched', present.has('flow') ? 'flow' : 'deny');
  if (!present.has('words')) give('words', 'deny');
  if (!present.has('deny')) give('deny', present.has('words') ? 'words' : present.has('flow') ? 'flow' : 'untouched');
  return share;
}

/** Each item's share of the step's points. */
export function pointShares(items: readonly ScoredItem[]): number[] {
  const share = classShares(new Set(items.map((r) => r.class)));
  const sum = (c: RequirementClass) => items.filter((r) => r.class === c).reduce((a, r) => a + r.weight, 0);
  const totals = { deny: sum('deny'), flow: sum('flow'), untouched: sum('untouched'), words: sum('words') };
  return items.map((r) => (share[r.class] * r.weight) / totals[r.class]);
}

/** The weighted share of requirements met. */
export function weightedScore(items: readonly ScoredItem[]): number {
  const shares = pointShares(items);
  return round(items.reduce((a, r, i) => a + (r.met ? shares[i] : 0), 0));
}

const strippedCache = new WeakMap<GradingSpace, Evaluation | null>();

/** The reference with every rule taken out: its isolation without its openings. */
function stripped(space: GradingSpace): Evaluation | null {
  if (strippedCache.has(space)) return strippedCache.get(space)!;
  const ref = space.reference;
  const out = ref ? evaluate(space, ref.cluster, ref.policies.map((p) => ({ ...p, ingress: [], egress: [] }))) : null;
  strippedCache.set(space, out);
  return out;
}

function isWords(r: Requirement | undefined): boolean {
  return r !== undefined && (r.policy !== undefined || r.namedPort !== undefined || r.namespaceLabel !== undefined || r.kept !== undefined);
}

/** Classes and weights of a step's requirements (those with something to grade). */
export function stepItems(space: GradingSpace): (ScoredItem & { index: number })[] {
  const base = baseline(space);
  const shut = stripped(space);
  return space.requirementNames
    .map((_, i) => {
      const req = space.prep.requirements[i];
      const cls: RequirementClass = isWords(req) ? 'words' : base.wrongByRequirement[i] > 0 ? 'deny' : shut && shut.wrongByRequirement[i] > 0 ? 'flow' : 'untouched';
      return { index: i, class: cls, weight: req?.weight ?? 1, met: true };
    })
    .filter((r) => base.totalByRequirement[r.index] > 0);
}

function scoreRequirements(space: GradingSpace, ev: Evaluation): { requirements: RequirementResult[]; score: number } {
  const base = stepItems(space);
  // What only this answer brings to grade (outside addresses its own ipBlocks cut) counts as
  // "nothing else is opened or closed": untouched traffic.
  const extra = space.requirementNames
    .map((_, i) => i)
    .filter((i) => ev.totalByRequirement[i] > 0 && !base.some((it) => it.index === i))
    .map((i) => ({ index: i, class: 'untouched' as const, weight: 1, met: true }));
  const items = [...base, ...extra].map((it) => ({ ...it, met: ev.wrongByRequirement[it.index] === 0 }));
  const shares = pointShares(items);
  const shareOf = new Map(items.map((it, k) => [it.index, shares[k]]));
  const roleOf = new Map(items.map((it) => [it.index, it.class === 'untouched' ? ('keep' as const) : ('goal' as const)]));
  const classOf = new Map(items.map((it) => [it.index, it.class]));
  const requirements: RequirementResult[] = space.requirementNames.map((name, i) => {
    const total = ev.totalByRequirement[i];
    const wrong = ev.wrongByRequirement[i];
    const req = space.prep.requirements[i];
    const out: RequirementResult = { name, role: roleOf.get(i) ?? 'keep', class: classOf.get(i) ?? 'untouched', met: wrong === 0, score: total === 0 ? 1 : round(1 - wrong / total), wrong, total, weight: round(shareOf.get(i) ?? 0) };
    if (ev.conditionFailures[i]) out.failure = ev.conditionFailures[i];
    if (wrong > 0 && req?.onFail) out.advice = req.onFail;
    return out;
  });
  // A requirement with nothing to grade here (the implicit one, when the patterns name everything
  // and no ipBlock cuts the outside) is not shown.
  return { requirements: requirements.filter((r) => r.total > 0), score: weightedScore(items) };
}

function reach(b: boolean): Reachability {
  return b ? 'allowed' : 'denied';
}

/** The wrong connections, per pair and requirement, as port stretches with the engine's reason. */
export function mismatchesOf(space: GradingSpace, ev: Evaluation): CellMismatch[] {
  const out: CellMismatch[] = [];
  const { grid } = ev;
  const ids = grid.endpoints.map((e) => e.id);
  grid.pairs.forEach(({ from, to }, pi) => {
    const base = pi * grid.width;
    const sbase = pi * space.grid.width;
    let groups: Map<string, { r: number; want: number; set: ConnectionSet; first?: Probe }> | undefined;
    for (const proto of PROTOCOLS as readonly Protocol[]) {
      const starts = grid.atoms[proto];
      for (let k = 0; k < starts.length; k++) {
        const c = grid.offset[proto] + k;
        if (ev.wrong[base + c] !== 1) continue;
        const r = space.requirementOf[sbase + ev.column[c]];
        const want = space.expected[sbase + ev.column[c]];
        const key = `${r}|${want}`;
        groups ??= new Map();
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { r, want, set: emptyConnections() }));
        const [lo, hi] = grid.atomRange(proto, k);
        g.first ??= { port: lo, protocol: proto };
        pushRange(g.set[proto], lo, hi);
      }
    }
    if (!groups) return;
    for (const g of groups.values()) {
      const verdict = ev.engine.verdict(ids[from], ids[to], g.first!);
      out.push({
        from: ids[from],
        to: ids[to],
        port: g.first!.port,
        protocol: g.first!.protocol,
        ports: connectionText(g.set),
        expected: reach(g.want === ALLOWED),
        got: reach(g.want === DENIED),
        reason: explainVerdict(ev.engine, verdict),
        requirement: space.requirementNames[g.r],
        cause: causeOf(ev.engine, verdict),
      });
    }
  });
  // Outside addresses the ipBlocks cut, where the answer differs from the reference.
  const engine = ev.addressEngine;
  for (const d of ev.addresses) {
    if (!engine) break;
    for (const [set, want] of [
      [subtractConnections(d.got, d.want), DENIED],
      [subtractConnections(d.want, d.got), ALLOWED],
    ] as const) {
      const proto = PROTOCOLS.find((x) => set[x].length > 0);
      if (!proto) continue;
      const probe: Probe = { port: set[proto][0][0], protocol: proto };
      const verdict = engine.verdict(d.from, d.to, probe);
      out.push({
        from: d.from,
        to: d.to,
        port: probe.port,
        protocol: proto,
        ports: connectionText(set),
        expected: reach(want === ALLOWED),
        got: reach(want === DENIED),
        reason: `${explainVerdict(engine, verdict)} (an address outside the cluster that the ipBlocks tell apart)`,
        requirement: IMPLICIT_REQUIREMENT,
        cause: causeOf(engine, verdict),
      });
    }
  }
  return out;
}

function checkResults(prep: PreparedStep, ev: Evaluation): CheckResult[] {
  return prep.checks.map((c, i) => {
    const o = ev.checks[i];
    const passed = !ev.checkWrong[i];
    const reason = passed ? '' : runCheck(ev.engine, prep, c, true).reason;
    return {
      from: prep.endpoints[c.from].id,
      run: c.spec.run,
      expected: c.spec.expect,
      got: o.succeeded ? 'success' : 'fail',
      passed,
      reason,
      requirement: prep.requirements[c.requirement].name,
    };
  });
}

function gradePolicies(
  prep: PreparedStep,
  cluster: Cluster,
  policies: NetworkPolicy[],
  answerPolicies: readonly NetworkPolicy[],
  replaced: string[],
  relabelled: string[],
  warnings: string[],
  opts: EvaluateOptions,
): GradeOutcome {
  const s = prep.scenario;
  const at = gradingSpace(prep);
  if ('findings' in at) return { ok: false, findings: at.findings };
  const space = at.space;
  const ev = evaluate(space, cluster, policies, opts);
  const scored = scoreRequirements(space, ev);
  const requirements = scored.requirements;
  const mismatches = mismatchesOf(space, ev);
  const checks = checkResults(prep, ev);
  const answerIds = new Set(answerPolicies.map(policyId));
  // A write task's existing policies are given, to keep: one the answer changes (same name,
  // other meaning: kubectl apply overwrites it) fails the task whatever the traffic; one repeated
  // as it is changes nothing.
  const changed =
    s.kind === 'write'
      ? replaced.filter((id) => {
          const was = prep.existing.find((p) => policyId(p) === id);
          const now = answerPolicies.find((p) => policyId(p) === id);
          return !(was && now && sameRules(was, now));
        })
      : [];
  const repeated = s.kind === 'write' ? replaced.filter((id) => !changed.includes(id)) : [];
  const passed = ev.wrongCount === 0 && changed.length === 0;
  let score = scored.score;
  if (changed.length) {
    score = round(score * 0.9);
    requirements.push({
      name: EXISTING_KEPT,
      role: 'keep',
      class: 'words',
      met: false,
      score: 0,
      wrong: changed.length,
      total: changed.length,
      weight: 0.1,
      failure: `${changed.join(', ')} ${changed.length === 1 ? 'is' : 'are'} given by the task and must stay as ${changed.length === 1 ? 'it is' : 'they are'}: your policy of the same name replaces it (kubectl apply); add your rules in a policy of another name`,
    });
  }
  const mistakes = detectMistakes({
    prep,
    space,
    ev,
    answer: policies.filter((p) => answerIds.has(policyId(p))),
    mismatches,
    checks,
    passed: ev.wrongCount === 0,
    ...(s.kind === 'write' ? { overwritten: changed } : {}),
    regrade: (ps) => evaluate(space, cluster, ps, opts, ev.grid.atoms),
    fixes: rewriteFixes,
    rewriteDelta: (ps) => rewriteDelta(ev, evaluate(space, cluster, ps, opts, ev.grid.atoms)),
    isDnsUnit: (unit) => {
      const cells = ev.grid.pairs.length * ev.grid.width;
      if (unit >= cells) return prep.checks[unit - cells]?.dns === true;
      const pair = ev.grid.pairs[Math.floor(unit / ev.grid.width)];
      const column = unit % ev.grid.width;
      const proto = column >= ev.grid.offset.SCTP ? 'SCTP' : column >= ev.grid.offset.UDP ? 'UDP' : 'TCP';
      const [lo, hi] = ev.grid.atomRange(proto, column - ev.grid.offset[proto]);
      return prep.dnsPods.includes(pair.to) && lo <= 53 && hi >= 53;
    },
  });
  const notes: string[] = [];
  // A passing answer's ipBlock on pod IPs works today, by today's addresses: a note, not a mistake.
  if (passed) {
    for (let i = mistakes.length - 1; i >= 0; i--) if (mistakes[i].code === 'ipblock-pod-ip') notes.unshift(mistakes.splice(i, 1)[0].message);
  }
  if (s.kind === 'write') {
    for (const id of repeated) notes.push(`your answer repeats the existing policy ${id} unchanged: kubectl apply leaves it as it is`);
    for (const id of changed) {
      const was = prep.existing.find((p) => policyId(p) === id);
      const deny = was && was.ingress.length === 0 && was.egress.length === 0 ? `, and with it the deny it held for every pod it selected` : '';
      mistakes.push({ code: 'replaces-existing', policy: id, message: `your policy ${id} replaces the existing policy of the same name (kubectl apply overwrites it)${deny}; pick another name to add to it` });
    }
  } else if (replaced.length) notes.push(`replaced: ${replaced.join(', ')}`);
  for (const ns of relabelled) notes.push(`namespace ${ns} relabelled`);
  notes.push(...warnings);
  return {
    ok: true,
    result: { exercise: s.id, step: prep.step, steps: s.steps.length, kind: s.kind, passed, score, mismatches, checks, requirements, mistakes, notes },
    graded: { space, evaluation: ev },
  };
}

function gradePredict(prep: PreparedStep, input: ManifestInput): GradeOutcome {
  const s = prep.scenario;
  const answers = readPredictAnswer(input);
  if (Array.isArray(answers)) return { ok: false, findings: answers };
  const questions = s.steps[prep.step - 1].questions;
  const asks = questions.map((q) => q.ask);
  const unknown = [...answers.keys()].filter((k) => !asks.includes(k));
  if (unknown.length) {
    return bad(
      input.file,
      unknown
        .map((k) => {
          const near = closeIds(k, asks, 2);
          return `no question "${k}"${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : ''}`;
        })
        .join('; ') + `; the questions are: ${asks.map((a) => `"${a}"`).join(', ')}`,
    );
  }
  const engine = prep.engine;
  const mismatches: CellMismatch[] = [];
  const checks: CheckResult[] = [];
  let right = 0;
  for (const q of questions) {
    const said = answers.get(q.ask);
    const correct = said === q.expect;
    if (correct) right++;
    const yourWord = said === undefined ? 'no answer' : `you said ${q.check ? (said ? 'it succeeds' : 'it fails') : said ? 'allowed' : 'denied'}`;
    if (q.check) {
      const rc = resolveCheck(q.check, -1, prep.engine, prep.endpoints);
      const reason = typeof rc === 'string' ? rc : runCheck(engine, prep, rc, true).reason;
      const truth = q.expect ? 'it succeeds' : 'it fails';
      checks.push({
        from: typeof rc === 'string' ? q.from : prep.endpoints[rc.from].id,
        run: q.check.run,
        expected: q.expect ? 'success' : 'fail',
        got: said === undefined ? 'fail' : said ? 'success' : 'fail',
        passed: correct,
        // One sentence: the route ("it connects to X by IP") and the verdict joined as words, not "; allowed:".
        reason: correct ? reason : `${yourWord}; ${truth}, because ${reason.replace(/; (allowed|denied): /, ', and the connection is $1: ')}`,
        requirement: q.ask,
      });
      continue;
    }
    if (correct) continue;
    const from = prep.endpoints[resolvePattern(q.from, prep.endpoints)[0]].id;
    const to = prep.endpoints[resolvePattern(q.to!, prep.endpoints)[0]].id;
    const probe: Probe = { port: q.port!.port, protocol: q.port!.protocol! };
    const verdict = engine.verdict(from, to, probe);
    const why = explainVerdict(engine, verdict);
    mismatches.push({
      from,
      to,
      port: probe.port,
      protocol: probe.protocol,
      ports: `${probe.protocol} ${probe.port}`,
      expected: reach(q.expect),
      got: said === undefined ? reach(!q.expect) : reach(said),
      reason: `${yourWord}; it is ${reach(q.expect)}, because ${why.replace(/^(allowed|denied): /, '')}`,
      requirement: q.ask,
      cause: causeOf(engine, verdict),
    });
  }
  const score = questions.length ? round(right / questions.length) : 0;
  const requirements: RequirementResult[] = questions.map((q) => {
    const ok = answers.get(q.ask) === q.expect;
    return { name: q.ask, role: 'goal', class: 'flow', met: ok, score: ok ? 1 : 0, wrong: ok ? 0 : 1, total: 1, weight: round(1 / questions.length) };
  });
  return {
    ok: true,
    result: { exercise: s.id, step: prep.step, steps: s.steps.length, kind: s.kind, passed: right === questions.length, score, mismatches, checks, requirements, mistakes: [], notes: [] },
  };
}

interface CandidateRun {
  id: string;
  policies: NetworkPolicy[];
  replaced: string[];
  ev: Evaluation;
}

const pickCache = new WeakMap<PreparedStep, { runs: CandidateRun[]; right: string | undefined; findings: Finding[]; space?: GradingSpace }>();

/** Runs every candidate once per step on one grid; the right pick is the valid one that allows least. */
function pickAnalysis(prep: PreparedStep) {
  let hit = pickCache.get(prep);
  if (hit) return hit;
  const findings: Finding[] = [];
  const at = gradingSpace(prep);
  if ('findings' in at) {
    hit = { runs: [], right: undefined, findings: at.findings };
    pickCache.set(prep, hit);
    return hit;
  }
  const space = at.space;
  const loadedAll: { id: string; policies: NetworkPolicy[]; replaced: string[] }[] = [];
  const edges: Record<Protocol, number[]> = { TCP: [], UDP: [], SCTP: [] };
  for (const c of prep.scenario.candidates) {
    const loaded = loadBlocks([c.policies]);
    const errors = loaded.findings.filter((f) => f.severity === 'error');
    if (errors.length) {
      findings.push(...errors);
      continue;
    }
    const { policies, replaced } = applyPolicies(prep.existing, loaded.policies);
    const e = new Engine(prep.cluster, policies).portEdges();
    for (const p of PROTOCOLS) edges[p].push(...e[p]);
    loadedAll.push({ id: c.id, policies, replaced });
  }
  const runs: CandidateRun[] = loadedAll.map((c) => ({ ...c, ev: evaluate(space, prep.cluster, c.policies, {}, edges) }));
  const valid = runs.filter((r) => r.ev.wrongCount === 0 && r.replaced.length === 0);
  const count = (r: CandidateRun) => r.ev.allowed.reduce((a, x) => a + x, 0);
  const within = (r: CandidateRun, o: CandidateRun) => r.ev.allowed.every((a, i) => !a || o.ev.allowed[i] === 1);
  const least = valid.filter((r) => valid.every((o) => within(r, o)));
  const right = (least[0] ?? [...valid].sort((a, b) => count(a) - count(b))[0])?.id;
  hit = { runs, right, findings, space };
  pickCache.set(prep, hit);
  return hit;
}

function gradePick(prep: PreparedStep, input: ManifestInput): GradeOutcome {
  const s = prep.scenario;
  const pick = readPickAnswer(input);
  if (Array.isArray(pick)) return { ok: false, findings: pick };
  const { runs, right, findings, space } = pickAnalysis(prep);
  if (findings.length || !space) return { ok: false, findings };
  const ids = runs.map((r) => r.id);
  if (!ids.includes(pick)) return bad(input.file, `no candidate "${pick}": choose one of ${ids.join(', ')}`);
  const rightRun = runs.find((r) => r.id === right);
  const extraOf = (r: CandidateRun) => {
    const out: { pair: number; set: ConnectionSet }[] = [];
    if (!rightRun) return out;
    const g = r.ev.grid;
    g.pairs.forEach((_, pi) => {
      const set = emptyConnections();
      let any = false;
      for (const proto of PROTOCOLS as readonly Protocol[]) {
        g.atoms[proto].forEach((_lo, k) => {
          const at = pi * g.width + g.offset[proto] + k;
          if (r.ev.allowed[at] && !rightRun.ev.allowed[at]) {
            const [lo, hi] = g.atomRange(proto, k);
            pushRange(set[proto], lo, hi);
            any = true;
          }
        });
      }
      if (any) out.push({ pair: pi, set });
    });
    return out;
  };
  const name = (r: CandidateRun, pi: number) => {
    const p = r.ev.grid.pairs[pi];
    return `${r.ev.grid.endpoints[p.from].id} -> ${r.ev.grid.endpoints[p.to].id}`;
  };
  const picks: PickVerdict[] = runs.map((r) => {
    if (r.id === right) return { id: r.id, verdict: 'right', explanation: 'meets every requirement, leaves the existing policies alone, and allows the least' };
    if (r.replaced.length) return { id: r.id, verdict: 'overwrites an existing policy', explanation: `it replaces ${r.replaced.join(', ')} (same namespace and name), so kubectl apply would overwrite it` };
    if (r.ev.wrongCount > 0) {
      const failed = space.requirementNames.filter((_, i) => r.ev.wrongByRequirement[i] > 0).map((x) => `"${x}"`);
      return { id: r.id, verdict: 'too narrow', explanation: `it fails ${failed.join(', ')}` };
    }
    const extra = extraOf(r);
    const eg = extra[0];
    const example = eg ? `, e.g. ${name(r, eg.pair)} on ${connectionText(eg.set)}` : '';
    return { id: r.id, verdict: 'too wide', explanation: `it also allows ${extra.length} connection${extra.length === 1 ? '' : 's'} that ${right} denies${example}` };
  });
  const mine = runs.find((r) => r.id === pick)!;
  const { requirements, score: reqScore } = scoreRequirements(space, mine.ev);
  const mismatches = mismatchesOf(space, mine.ev);
  const checks = checkResults(prep, mine.ev);
  if (pick !== right && rightRun) {
    for (const { pair, set } of extraOf(mine)) {
      const p = mine.ev.grid.pairs[pair];
      const from = mine.ev.grid.endpoints[p.from].id;
      const to = mine.ev.grid.endpoints[p.to].id;
      const proto = (PROTOCOLS as readonly Protocol[]).find((x) => set[x].length > 0)!;
      const probe: Probe = { port: set[proto][0][0], protocol: proto };
      const verdict = mine.ev.engine.verdict(from, to, probe);
      mismatches.push({
        from,
        to,
        port: probe.port,
        protocol: proto,
        ports: connectionText(set),
        expected: 'denied',
        got: 'allowed',
        reason: `more than needed: ${explainVerdict(mine.ev.engine, verdict).replace(/^allowed: /, '')}`,
        requirement: LEAST_PERMISSIVE,
        cause: causeOf(mine.ev.engine, verdict),
      });
    }
  }
  const passed = pick === right;
  return {
    ok: true,
    result: {
      exercise: s.id,
      step: prep.step,
      steps: s.steps.length,
      kind: s.kind,
      passed,
      score: passed ? 1 : round(Math.min(reqScore, 0.5) * (mine.replaced.length ? 0 : 1)),
      mismatches,
      checks,
      requirements,
      mistakes: [],
      notes: [`you picked ${pick}; the least permissive candidate that meets the task is ${right ?? '(none)'}`],
      picks,
    },
    graded: { space, evaluation: mine.ev, ...(rightRun ? { least: rightRun.ev } : {}) },
  };
}

/** Policy ids of an answer, for messages. */
export function policyIds(policies: readonly NetworkPolicy[]): string[] {
  return policies.map(policyId);
}


