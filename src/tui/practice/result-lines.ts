// The text under a graded answer: the verdict line, then what the learner asked for (hints, the
// solution), the requirements met or not, the wrong cells, checks, candidates and mistakes.
import { solutionAnswer } from '../../core/bank/scenario.js';
import type { PreparedStep } from '../../core/bank/prepare.js';
import type { GradeResult } from '../../core/grader/grade.js';
import { mismatchLines, verdictWords } from '../../core/grader/format.js';
import { hintLines, type Line } from '../../core/bank/describe.js';
import type { Graded } from './graded.js';

export function verdictLine(r: GradeResult, saved: string): Line {
  const head = r.passed ? '✓ PASSED' : '✗ FAILED';
  const rec = saved === 'saved' ? 'recorded' : saved === 'saving' ? 'recording…' : saved;
  return { text: `${head}  step ${r.step}/${r.steps} · score ${Math.round(r.score * 100)}% · ${rec}`, bold: true, color: r.passed ? 'green' : 'red' };
}

function explanationLines(prep: PreparedStep): Line[] {
  return prep.scenario.explanation
    .trimEnd()
    .split('\n')
    .map((l) => ({ text: `  ${l}` }));
}

export function detailLines(prep: PreparedStep, g: Graded, hints: number, solutionShown: boolean): Line[] {
  const r = g.result;
  // What the learner just asked for (hints, the solution) comes first.
  const top: Line[] = [];
  top.push(...hintLines(prep.scenario, hints));
  if (solutionShown) {
    const sol = prep.scenario.solutions[0];
    const blocks = sol ? solutionAnswer(sol, prep.step) : undefined;
    top.push({ text: '' }, { text: `Reference solution${sol ? `: ${sol.name}` : ''} (step ${prep.step})`, bold: true, color: 'magenta' });
    if (blocks?.length) for (const b of blocks) for (const l of b.text.trimEnd().split('\n')) top.push({ text: `  ${l}` });
    else top.push({ text: '  (no reference answer for this step)', dim: true });
    top.push({ text: '' }, { text: 'Why it works', bold: true }, ...explanationLines(prep));
  }
  if (top.length) top.push({ text: '' });
  const out: Line[] = top.filter((l, i) => i > 0 || l.text !== '');
  for (const req of r.requirements) {
    const count = req.total > 1 && !req.met ? ` (${req.total - req.wrong}/${req.total} right)` : '';
    out.push({ text: `${req.met ? '✓' : '✗'} ${req.name}${count}`, color: req.met ? 'green' : 'red' });
    // Why a requirement about the policies themselves failed (a name, a namespace), as `grade` says it.
    if (!req.met && req.failure) out.push({ text: `    ${req.failure}`, color: 'red' });
    if (!req.met && req.advice) out.push({ text: `    advice: ${req.advice}`, color: 'cyan' });
  }
  if (r.mismatches.length) {
    // The grid shows every wrong cell; here they are told by cause, one line each (as `grade` does).
    out.push({ text: '' }, { text: `Wrong connections (${r.mismatches.length}), by cause`, bold: true });
    for (const l of mismatchLines(r.mismatches, ''))
      out.push({ text: l.startsWith('  e.g.') ? l : `! ${l}`, color: l.startsWith('  e.g.') ? undefined : 'red' });
  }
  const failed = r.checks.filter((c) => !c.passed);
  if (failed.length) {
    out.push({ text: '' }, { text: `Failed checks (${failed.length})`, bold: true });
    for (const c of failed) out.push({ text: `! ${c.from}: ${c.run}: ${verdictWords(c.expected, c.got, c.reason)}`, color: 'red' });
  }
  if (r.picks) {
    out.push({ text: '' }, { text: 'Candidates', bold: true });
    for (const p of r.picks) out.push({ text: `  ${p.id}: ${p.verdict}: ${p.explanation}` });
  }
  if (r.mistakes.length) {
    out.push({ text: '' }, { text: 'Mistakes spotted', bold: true, color: 'yellow' });
    for (const m of r.mistakes) out.push({ text: `  - ${m.message}`, color: 'yellow' });
  }
  // A pass earns the explanation: shown, and not counted as a revealed solution.
  if (r.passed && !solutionShown && prep.scenario.explanation.trim() !== '') {
    out.push({ text: '' }, { text: 'Why this works', bold: true }, ...explanationLines(prep));
  }
  for (const n of r.notes) out.push({ text: `note: ${n}`, dim: true });
  return out;
}
