// Grading one answer to one step of a scenario. Pure: texts in, a GradeResult out.
// Score by requirement (partial credit within each), pass only when every requirement is met.
import type { Finding } from '../findings.js';
import type { Cluster } from '../model.js';
import type { NetworkPolicy } from '../policy.js';
import { policyId } from '../policy.js';
import type { Probe } from '../engine/types.js';
import type { ManifestInput } from '../manifest/load.js';
import type { Scenario } from '../bank/scenario.js';
import { loadBlocks, preparedStep, resolvePattern, resolveCheck, type ExpectedCell, type PreparedStep } from '../bank/prepare.js';
import { closeIds } from '../bank/bank.js';
import { applyPolicies, readPickAnswer, readPolicyAnswer, readPredictAnswer, relabel, answerKindAllowsNamespaces } from './answer.js';
import { evaluate, rewriteFixes, runCheck, wrongFlags, type Evaluation } from './evaluate.js';
import { andOrMistakes, dnsMistakes, staticMistakes, type Mistake } from './mistakes.js';
import { explainVerdict } from '../engine/reasons.js';
import { probeKey as probeText } from '../engine/types.js';

export type Reachability = 'allowed' | 'denied';

export interface CellMismatch {
  from: string;
  to: string;
  port: number;
  protocol: string;
  expected: Reachability;
  got: Reachability;
  reason: string;
  requirement: string;
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
  /** goal: the existing policies alone do not meet it; keep: they do, and the answer must not break it. */
  role: 'goal' | 'keep';
  met: boolean;
  /** Share of its cells and checks that are right, 0..1. */
  score: number;
  wrong: number;
  total: number;
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

export type GradeOutcome = { ok: true; result: GradeResult } | { ok: false; findings: Finding[] };

export interface GradeOptions {
  /** 1-based; default the last step. */
  step?: number;
}

function bad(file: string, message: string): GradeOutcome {
  return { ok: false, findings: [{ severity: 'error', file, line: 0, col: 0, path: '', message }] };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Grades `inputs` (the answer file(s)) against step `opts.step` of `s`. */
export function gradeAnswer(s: Scenario, inputs: ManifestInput[], opts: GradeOptions = {}): GradeOutcome {
  const step = opts.step ?? s.steps.length;
  const file = inputs[0]?.file ?? '-';
  if (!Number.isInteger(step) || step < 1 || step > s.steps.length) {
    return bad(file, `${s.id} has ${s.steps.length} step${s.steps.length === 1 ? '' : 's'}: --step must be 1..${s.steps.length}`);
  }
  const prepared = preparedStep(s, step);
  if (!prepared.prepared) return { ok: false, findings: prepared.findings };
  const prep = prepared.prepared;
  switch (s.kind) {
    case 'predict':
      return gradePredict(prep, inputs[0] ?? { file, text: '' });
    case 'pick':
      return gradePick(prep, inputs[0] ?? { file, text: '' });
    default:
      return gradePolicies(prep, inputs);
  }
}

const baselineCache = new WeakMap<PreparedStep, Evaluation>();

function baseline(prep: PreparedStep): Evaluation {
  let b = baselineCache.get(prep);
  if (!b) baselineCache.set(prep, (b = evaluate(prep, prep.cluster, prep.existing)));
  return b;
}

function scoreRequirements(prep: PreparedStep, ev: Evaluation): { requirements: RequirementResult[]; score: number } {
  const base = baseline(prep);
  const requirements: RequirementResult[] = prep.requirements.map((r, i) => {
    const total = ev.totalByRequirement[i];
    const wrong = ev.wrongByRequirement[i];
    const role = base.wrongByRequirement[i] > 0 ? 'goal' : 'keep';
    const out: RequirementResult = { name: r.name, role, met: wrong === 0, score: total === 0 ? 1 : round(1 - wrong / total), wrong, total };
    if (wrong > 0 && r.onFail) out.advice = r.onFail;
    return out;
  });
  // A goal earns credit for progress beyond where the existing policies leave it, so that
  // doing nothing scores 0 even when a fix scenario's broken policies meet part of a goal.
  const progress = (r: RequirementResult, i: number): number => {
    const before = r.total === 0 ? 1 : 1 - base.wrongByRequirement[i] / r.total;
    return before >= 1 ? r.score : Math.max(0, (r.score - before) / (1 - before));
  };
  const goalScores = requirements.map((r, i) => (r.role === 'goal' && r.total > 0 ? progress(r, i) : -1)).filter((x) => x >= 0);
  const keeps = requirements.filter((r) => r.role === 'keep' && r.total > 0);
  const goalScore = goalScores.length ? goalScores.reduce((a, x) => a + x, 0) / goalScores.length : 1;
  const keepFactor = keeps.length ? Math.min(...keeps.map((r) => r.score)) : 1;
  return { requirements, score: round(goalScore * keepFactor) };
}

function reach(b: boolean): Reachability {
  return b ? 'allowed' : 'denied';
}

/** One wrong cell: what was expected, what the policies give, and the engine's reason. */
function cellMismatch(prep: PreparedStep, ev: Evaluation, c: Pick<ExpectedCell, 'from' | 'to' | 'probe' | 'allowed'>, requirement: string, prefix = ''): CellMismatch {
  const from = prep.endpoints[c.from].id;
  const to = prep.endpoints[c.to].id;
  const verdict = ev.engine.verdict(from, to, c.probe);
  return {
    from,
    to,
    port: c.probe.port,
    protocol: c.probe.protocol,
    expected: reach(c.allowed),
    got: reach(verdict.allowed),
    reason: prefix + explainVerdict(ev.engine, verdict),
    requirement,
  };
}

/** Reasons for the wrong cells and every check, from the engine's verdicts. */
function details(prep: PreparedStep, ev: Evaluation): { mismatches: CellMismatch[]; checks: CheckResult[] } {
  const mismatches: CellMismatch[] = [];
  prep.cells.forEach((c, i) => {
    if (ev.got[i] !== c.allowed) mismatches.push(cellMismatch(prep, ev, c, prep.requirements[c.requirement].name));
  });
  const checks: CheckResult[] = prep.checks.map((c, i) => {
    const o = ev.checks[i];
    const passed = o.succeeded === (c.spec.expect === 'success');
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
  return { mismatches, checks };
}

function gradePolicies(prep: PreparedStep, inputs: ManifestInput[]): GradeOutcome {
  const s = prep.scenario;
  const answer = readPolicyAnswer(inputs, answerKindAllowsNamespaces(s.kind), prep.cluster);
  if (Array.isArray(answer)) return { ok: false, findings: answer };
  const cluster: Cluster = relabel(prep.cluster, answer.namespaceLabels);
  const { policies, replaced } = applyPolicies(prep.existing, answer.policies);
  const ev = evaluate(prep, cluster, policies);
  const { requirements, score } = scoreRequirements(prep, ev);
  const { mismatches, checks } = details(prep, ev);
  const passed = ev.wrongCount === 0;

  const mistakes: Mistake[] = staticMistakes(answer.policies, cluster);
  if (!passed) {
    const answerFrom = policies.length - answer.policies.length;
    const wrongNow = wrongFlags(prep, ev);
    mistakes.push(...andOrMistakes(policies, answerFrom, cluster, (ps) => rewriteFixes(wrongNow, wrongFlags(prep, evaluate(prep, cluster, ps)))));
    mistakes.push(...dnsMistakes(ev.engine, prep));
  }
  const notes: string[] = [];
  if (s.kind === 'write') {
    for (const id of replaced) {
      mistakes.push({ code: 'replaces-existing', policy: id, message: `your policy ${id} replaces the existing policy of the same name (kubectl apply overwrites it); pick another name to add to it` });
    }
  } else if (replaced.length) notes.push(`replaced: ${replaced.join(', ')}`);
  for (const [ns] of answer.namespaceLabels) notes.push(`namespace ${ns} relabelled`);
  for (const w of answer.warnings) notes.push(`${w.file}:${w.line}:${w.col}: ${w.path ? `${w.path}: ` : ''}${w.message}`);
  return {
    ok: true,
    result: { exercise: s.id, step: prep.step, steps: s.steps.length, kind: s.kind, passed, score, mismatches, checks, requirements, mistakes, notes },
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
  const ev = evaluate(prep, prep.cluster, prep.existing);
  const engine = ev.engine;
  const mismatches: CellMismatch[] = [];
  const checks: CheckResult[] = [];
  let right = 0;
  for (const q of questions) {
    const said = answers.get(q.ask);
    const correct = said === q.expect;
    if (correct) right++;
    if (q.check) {
      const rc = resolveCheck(q.check, -1, prep.cluster, prep.endpoints);
      const reason = typeof rc === 'string' ? rc : runCheck(engine, prep, rc, true).reason;
      checks.push({
        from: typeof rc === 'string' ? q.from : prep.endpoints[rc.from].id,
        run: q.check.run,
        expected: q.expect ? 'success' : 'fail',
        got: said === undefined ? 'fail' : said ? 'success' : 'fail',
        passed: correct,
        reason: said === undefined ? `no answer for "${q.ask}"; ${reason}` : reason,
        requirement: q.ask,
      });
      continue;
    }
    if (correct) continue;
    const from = prep.endpoints[resolvePattern(q.from, prep.endpoints)[0]].id;
    const to = prep.endpoints[resolvePattern(q.to!, prep.endpoints)[0]].id;
    const probe: Probe = { port: q.port!.port, protocol: q.port!.protocol! };
    const why = explainVerdict(engine, engine.verdict(from, to, probe));
    mismatches.push({
      from,
      to,
      port: probe.port,
      protocol: probe.protocol,
      expected: reach(q.expect),
      got: said === undefined ? reach(!q.expect) : reach(said),
      reason: said === undefined ? `no answer for "${q.ask}"; ${why}` : why,
      requirement: q.ask,
    });
  }
  const score = questions.length ? round(right / questions.length) : 0;
  const requirements: RequirementResult[] = questions.map((q) => {
    const ok = answers.get(q.ask) === q.expect;
    return { name: q.ask, role: 'goal', met: ok, score: ok ? 1 : 0, wrong: ok ? 0 : 1, total: 1 };
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
  /** Every non-self pair and probe of the matrix: allowed or not. */
  allowed: boolean[];
}

const pickCache = new WeakMap<PreparedStep, { runs: CandidateRun[]; right: string | undefined; findings: Finding[] }>();

function fullMatrix(prep: PreparedStep, ev: Evaluation): boolean[] {
  const out: boolean[] = [];
  prep.endpoints.forEach((f, fi) =>
    prep.endpoints.forEach((t, ti) => {
      if (fi === ti || (f.kind === 'external' && t.kind === 'external')) return;
      for (const probe of t.probes) out.push(ev.engine.allowed(fi, ti, probe));
    }),
  );
  return out;
}

function matrixCells(prep: PreparedStep): { from: number; to: number; probe: Probe }[] {
  const out: { from: number; to: number; probe: Probe }[] = [];
  prep.endpoints.forEach((f, fi) =>
    prep.endpoints.forEach((t, ti) => {
      if (fi === ti || (f.kind === 'external' && t.kind === 'external')) return;
      for (const probe of t.probes) out.push({ from: fi, to: ti, probe });
    }),
  );
  return out;
}

/** Runs every candidate once per step; the right pick is the valid one that allows least. */
function pickAnalysis(prep: PreparedStep) {
  let hit = pickCache.get(prep);
  if (hit) return hit;
  const findings: Finding[] = [];
  const runs: CandidateRun[] = [];
  for (const c of prep.scenario.candidates) {
    const loaded = loadBlocks([c.policies]);
    const errors = loaded.findings.filter((f) => f.severity === 'error');
    if (errors.length) {
      findings.push(...errors);
      continue;
    }
    const { policies, replaced } = applyPolicies(prep.existing, loaded.policies);
    const ev = evaluate(prep, prep.cluster, policies);
    runs.push({ id: c.id, policies, replaced, ev, allowed: fullMatrix(prep, ev) });
  }
  const valid = runs.filter((r) => r.ev.wrongCount === 0 && r.replaced.length === 0);
  const count = (r: CandidateRun) => r.allowed.filter(Boolean).length;
  const least = valid.filter((r) => valid.every((o) => r.allowed.every((a, i) => !a || o.allowed[i])));
  const right = (least[0] ?? [...valid].sort((a, b) => count(a) - count(b))[0])?.id;
  hit = { runs, right, findings };
  pickCache.set(prep, hit);
  return hit;
}

function gradePick(prep: PreparedStep, input: ManifestInput): GradeOutcome {
  const s = prep.scenario;
  const pick = readPickAnswer(input);
  if (Array.isArray(pick)) return { ok: false, findings: pick };
  const { runs, right, findings } = pickAnalysis(prep);
  if (findings.length) return { ok: false, findings };
  const ids = runs.map((r) => r.id);
  if (!ids.includes(pick)) return bad(input.file, `no candidate "${pick}": choose one of ${ids.join(', ')}`);
  const rightRun = runs.find((r) => r.id === right);
  const cells = matrixCells(prep);
  const picks: PickVerdict[] = runs.map((r) => {
    if (r.id === right) return { id: r.id, verdict: 'right', explanation: 'meets every requirement, leaves the existing policies alone, and allows the least' };
    if (r.replaced.length) return { id: r.id, verdict: 'overwrites an existing policy', explanation: `it replaces ${r.replaced.join(', ')} (same namespace and name), so kubectl apply would overwrite it` };
    if (r.ev.wrongCount > 0) {
      const failed = prep.requirements.filter((_, i) => r.ev.wrongByRequirement[i] > 0).map((x) => `"${x.name}"`);
      return { id: r.id, verdict: 'too narrow', explanation: `it fails ${failed.join(', ')}` };
    }
    const extra = rightRun ? cells.filter((_, i) => r.allowed[i] && !rightRun.allowed[i]) : [];
    const eg = extra[0];
    const example = eg ? `, e.g. ${prep.endpoints[eg.from].id} -> ${prep.endpoints[eg.to].id} on ${probeText(eg.probe)}` : '';
    return { id: r.id, verdict: 'too wide', explanation: `it also allows ${extra.length} connection${extra.length === 1 ? '' : 's'} that ${right} denies${example}` };
  });
  const mine = runs.find((r) => r.id === pick)!;
  const { requirements, score: reqScore } = scoreRequirements(prep, mine.ev);
  const { mismatches, checks } = details(prep, mine.ev);
  if (pick !== right && rightRun && mine.ev.wrongCount === 0) {
    cells.forEach((c, i) => {
      // The least permissive pick denies this cell; this candidate allows it.
      if (mine.allowed[i] && !rightRun.allowed[i]) mismatches.push(cellMismatch(prep, mine.ev, { ...c, allowed: false }, 'least permissive', 'more than needed: '));
    });
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
  };
}

/** Policy ids of an answer, for messages. */
export function policyIds(policies: readonly NetworkPolicy[]): string[] {
  return policies.map(policyId);
}
