// The words of a wrong connection or check, as `grade`, the result details and the review print
// them: the verdict said once ("expected denied, got allowed: not isolated ..."), a predict
// answer told as "you said X; it is Y, because ...".
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { gradeAnswer } from '../../src/core/grader/grade.js';
import { formatGradeText, mismatchLines, verdictWords } from '../../src/core/grader/format.js';
import { detailLines } from '../../src/tui/practice/result-lines.js';
import { gradedView } from '../../src/tui/practice/graded.js';
import { mismatchText } from '../../src/tui/review/attempt-lines.js';
import { preparedStep } from '../../src/core/bank/prepare.js';

const bank = loadBank(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'exercises'));
const DOUBLED = /got (allowed|denied): (allowed|denied):/;

function graded(id: string, answer: string, step?: number) {
  const s = bank.byId.get(id)!;
  const out = gradeAnswer(s, [{ file: 'answer.yaml', text: answer }], step ? { step } : {});
  if (!out.ok) throw new Error(`${id} does not grade`);
  return { s, out };
}

describe('verdictWords', () => {
  it('drops a verdict word that repeats got', () => {
    expect(verdictWords('denied', 'allowed', 'allowed: not isolated')).toBe('expected denied, got allowed: not isolated');
    expect(verdictWords('allowed', 'denied', 'denied: isolated by x')).toBe('expected allowed, got denied: isolated by x');
    expect(verdictWords('allowed', 'denied', 'more than needed')).toBe('expected allowed, got denied: more than needed');
    expect(verdictWords('fail', 'success', undefined)).toBe('expected fail, got success');
  });
  it("a predict answer's reason stands alone", () => {
    expect(verdictWords('denied', 'allowed', 'you said allowed; it is denied, because x')).toBe('you said allowed; it is denied, because x');
    expect(verdictWords('fail', 'fail', 'no answer; it fails, because x')).toBe('no answer; it fails, because x');
  });
});

describe('the wrong connections of real answers', () => {
  it('exercise-2, egress opened completely: the verdict is said once, in grade, the details and the review', () => {
    const s = bank.byId.get('exercise-2')!;
    const wrong = s.wrong.find((w) => w.name === 'egress opened completely')!;
    const { out } = graded('exercise-2', wrong.answer.text);
    const text = formatGradeText(out.result);
    expect(text).toContain('expected denied, got allowed');
    expect(text).not.toMatch(DOUBLED);
    const prep = preparedStep(s, 2).prepared!;
    const details = detailLines(prep, gradedView(prep, wrong.answer.text, out), 0, false).map((l) => l.text);
    expect(details.join('\n')).not.toMatch(DOUBLED);
    for (const m of out.result.mismatches) expect(mismatchText(m)).not.toMatch(DOUBLED);
    expect(out.result.mismatches.map(mismatchText).join('\n')).toContain('expected denied, got allowed: ');
  });

  it('a too-wide pick: "more than needed", the verdict once', () => {
    const { out } = graded('pick-orders-db-two-sources', 'pick: b');
    const lines = mismatchLines(out.result.mismatches).join('\n');
    expect(lines).toContain('more than needed: ');
    expect(lines).not.toMatch(/more than needed: allowed:/);
  });

  it('predict: the details say "you said X; it is Y, because ...", nothing before it', () => {
    const s = bank.byId.get('predict-layered-union')!;
    const answer = s.steps[0].questions.map((q) => `${JSON.stringify(q.ask)}: yes`).join('\n');
    const { out } = graded('predict-layered-union', answer);
    const prep = preparedStep(s, 1).prepared!;
    const details = detailLines(prep, gradedView(prep, answer, out), 0, false).map((l) => l.text);
    const said = details.filter((l) => l.includes('you said'));
    expect(said.length).toBeGreaterThan(0);
    // One line per wrong answer (5 of the 10 questions), not grouped by cause.
    expect(said).toHaveLength(5);
    for (const l of said) expect(l).toMatch(/^! \S+ -> \S+ (TCP|UDP) \d+: you said (allowed|denied); it is (allowed|denied), because /);
    expect(details.join('\n')).not.toMatch(/connections expected|got (allowed|denied|success|fail): you said/);
  });
});
