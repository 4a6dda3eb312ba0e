// Which known wrong answers of the bank each mistake detector names: grades every `wrong`
// entry of exercises/*.yaml at its step and counts the mistake codes in the result.
// Usage: npx tsx scripts/bank-mistakes.ts [--list] [DIR]
import path from 'node:path';
import { loadBank } from '../src/core/bank/load-dir.js';
import { gradeAnswer } from '../src/core/grader/grade.js';

const args = process.argv.slice(2);
const list = args.includes('--list');
const dir = args.find((a) => !a.startsWith('--')) ?? path.join(import.meta.dirname, '..', 'exercises');
const bank = loadBank(dir);
const byCode = new Map<string, string[]>();
let wrongs = 0;
let invalid = 0;
let unnamed = 0;
for (const s of bank.scenarios) {
  for (const w of s.wrong) {
    wrongs++;
    const out = gradeAnswer(s, [{ file: 'answer.yaml', text: w.answer.text }], { step: w.step });
    if (!out.ok) {
      invalid++;
      continue;
    }
    // A missing default deny is told apart by side: ingress (accepts everyone) or egress (sends anywhere).
    const codes = [...new Set(out.result.mistakes.map((m) => (m.code === 'missing-default-deny' ? `${m.code} (${/send anywhere/.test(m.message) ? 'egress' : 'ingress'}${/default deny in kube-system/.test(m.message) ? ', kube-system' : ''})` : m.code)))];
    if (codes.length === 0) unnamed++;
    for (const c of codes) {
      const l = byCode.get(c) ?? [];
      l.push(`${s.id}: ${w.name}`);
      byCode.set(c, l);
    }
  }
}
console.log(`${bank.scenarios.length} scenarios, ${wrongs} wrong answers (${invalid} rejected as invalid, ${unnamed} with no mistake named)`);
for (const [code, l] of [...byCode].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`${code}: ${l.length}`);
  if (list) for (const x of l) console.log(`  ${x}`);
}
