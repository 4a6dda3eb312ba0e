// GradeResult -> the text a learner reads, and -> the stable JSON shape of `grade --output json`.
import type { CellMismatch, GradeResult } from './grade.js';

export type Paint = (code: 'red' | 'green' | 'yellow' | 'dim' | 'bold' | 'cyan', text: string) => string;
const plain: Paint = (_c, t) => t;

/**
 * What follows a wrong connection or check: "expected denied, got allowed: <why>", the why without
 * a leading verdict word that only repeats `got` ("allowed: not isolated" -> "not isolated"). A
 * predict answer's reason already says it all ("you said allowed; it is denied, because ..."),
 * so it stands alone.
 */
export function verdictWords(expected: string, got: string, reason: string | undefined): string {
  if (reason && isPredictReason(reason)) return reason;
  const why = reason?.startsWith(`${got}: `) ? reason.slice(got.length + 2) : reason;
  return `expected ${expected}, got ${got}${why ? `: ${why}` : ''}`;
}

/** The reason of a predict drill's wrong answer (grade.ts gradePredict words it so). */
const isPredictReason = (reason: string) => /^(you said |no answer;)/.test(reason);

/**
 * Wrong connections grouped by cause: one line per cause with a count, then one example. A
 * predict drill's wrong answers are one line each: each is a question of its own.
 */
export function mismatchLines(ms: readonly CellMismatch[], indent = '    '): string[] {
  const groups = new Map<string, CellMismatch[]>();
  for (const [i, m] of ms.entries()) {
    const key = isPredictReason(m.reason) ? `#${i}` : `${m.expected}|${m.got}|${m.cause}`;
    const g = groups.get(key);
    if (g) g.push(m);
    else groups.set(key, [m]);
  }
  const out: string[] = [];
  for (const g of groups.values()) {
    const m = g[0];
    if (g.length === 1) {
      out.push(`${indent}${m.from} -> ${m.to} ${m.ports}: ${verdictWords(m.expected, m.got, m.reason)}`);
      continue;
    }
    out.push(`${indent}${g.length} connections expected ${m.expected}, got ${m.got}: ${m.cause}`);
    out.push(`${indent}  e.g. ${m.from} -> ${m.to} ${m.ports}: ${m.reason}`);
  }
  return out;
}

export function formatGradeText(r: GradeResult, paint: Paint = plain): string {
  const lines: string[] = [];
  const verdict = r.passed ? paint('green', 'PASSED') : paint('red', 'FAILED');
  lines.push(`${r.exercise} step ${r.step}/${r.steps}: ${verdict} (score ${Math.round(r.score * 100)}%)`);
  for (const req of r.requirements) {
    const mark = req.met ? paint('green', '✓') : paint('red', '✗');
    const count = req.total > 1 && !req.met ? ` (${req.total - req.wrong}/${req.total} right)` : '';
    lines.push(`${mark} ${req.name}${count}`);
    if (req.met) continue;
    if (req.failure) lines.push(`    ${req.failure}`);
    lines.push(...mismatchLines(r.mismatches.filter((x) => x.requirement === req.name)));
    for (const c of r.checks.filter((x) => x.requirement === req.name && !x.passed)) {
      lines.push(`    ${c.from}: ${c.run}: ${verdictWords(c.expected, c.got, c.reason)}`);
    }
    if (req.advice) lines.push(`    ${paint('cyan', 'advice:')} ${req.advice}`);
  }
  lines.push(...mismatchLines(r.mismatches.filter((m) => !r.requirements.some((q) => q.name === m.requirement))));
  if (r.picks) {
    lines.push('Candidates:');
    for (const p of r.picks) lines.push(`  ${p.id}: ${p.verdict}: ${p.explanation}`);
  }
  if (r.mistakes.length) {
    lines.push(paint('yellow', 'Mistakes spotted:'));
    for (const m of r.mistakes) lines.push(`  - ${m.message}`);
  }
  for (const n of r.notes) lines.push(paint('dim', `note: ${n}`));
  return lines.join('\n') + '\n';
}

/** The JSON of `grade --output json`: these fields are a contract; more may be added. */
export function gradeJson(r: GradeResult): Record<string, unknown> {
  return {
    exercise: r.exercise,
    step: r.step,
    passed: r.passed,
    score: r.score,
    mismatches: r.mismatches,
    checks: r.checks,
    steps: r.steps,
    kind: r.kind,
    requirements: r.requirements,
    mistakes: r.mistakes,
    notes: r.notes,
    ...(r.picks ? { picks: r.picks } : {}),
  };
}
