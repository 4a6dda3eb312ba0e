import path from 'node:path';
import { loadBank } from '../src/core/bank/load-dir.js';
import { solutionAnswer } from '../src/core/bank/scenario.js';
import { gradeAnswer } from '../src/core/grader/grade.js';
import { formatGradeText } from '../src/core/grader/format.js';
import { preparedStep } from '../src/core/bank/prepare.js';
const bank = loadBank('/work/wt/grader/exercises');
const only = process.argv[2];
for (const s of bank.scenarios) {
  if (only && s.id !== only) continue;
  for (const sol of s.solutions) for (let step = 1; step <= s.steps.length; step++) {
    const b = solutionAnswer(sol, step); if (!b) continue;
    const out = gradeAnswer(s, b.map((x, i) => ({ file: `${x.file}#${i}`, text: x.text })), { step });
    if (!out.ok) { console.log(s.id, step, 'FINDINGS', JSON.stringify(out.findings).slice(0, 400)); continue; }
    if (!out.result.passed) console.log(`== ${s.id} step ${step} "${sol.name}"\n` + formatGradeText(out.result).slice(0, 1500));
  }
  if (process.argv[3] === 'deny' && (s.kind === 'write' || s.kind === 'fix')) for (let step = 1; step <= s.steps.length; step++) {
    const prep = preparedStep(s, step).prepared!;
    const text = prep.cluster.namespaces.map((n) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-everything, namespace: ${n.name}}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`).join('---\n');
    const out = gradeAnswer(s, [{ file: 'deny.yaml', text }], { step });
    if (out.ok && out.result.score >= 0.5) console.log(`== DENY ${s.id} step ${step}: ${out.result.score} ` + out.result.requirements.map((r) => `${r.met ? '+' : '-'}${r.role}:${r.name}`).join(' | '));
  }
}
