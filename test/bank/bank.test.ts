// The bank as a whole: every scenario file loads, its reference solutions pass every step,
// its known wrong answers fail with their feedback, and doing nothing or denying everything
// fails with a low score.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { validateScenario } from '../../src/core/bank/bank.js';
import { preparedStep } from '../../src/core/bank/prepare.js';
import { solutionAnswer, type Scenario } from '../../src/core/bank/scenario.js';
import { gradeAnswer, stepItems, weightedScore } from '../../src/core/grader/grade.js';
import { gradingSpace } from '../../src/core/grader/expected.js';
import { formatGradeText } from '../../src/core/grader/format.js';
import { formatFinding } from '../../src/core/findings.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'exercises');
const bank = loadBank(dir);

function denyEverything(s: Scenario, step: number): string {
  const prep = preparedStep(s, step).prepared!;
  return prep.cluster.namespaces
    .map(
      (n) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-everything, namespace: ${n.name}}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
    )
    .join('---\n');
}

describe('the exercise bank', () => {
  it('loads every scenario file without findings', () => {
    expect(bank.findings.map(formatFinding)).toEqual([]);
    expect(bank.scenarios.length).toBeGreaterThanOrEqual(5);
  });

  it('holds the module exercises 1 to 5 with their steps', () => {
    const steps = [1, 2, 3, 4, 5].map((i) => bank.byId.get(`exercise-${i}`)?.steps.length);
    expect(steps).toEqual([2, 2, 2, 1, 4]);
    for (let i = 1; i <= 5; i++) {
      const s = bank.byId.get(`exercise-${i}`)!;
      expect(s.wrong.length).toBeGreaterThanOrEqual(2);
      expect(s.solutions.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('covers the whole module: 35+ scenarios of every kind, 10+ AND/OR drills, every section drilled', () => {
    expect(bank.scenarios.length).toBeGreaterThanOrEqual(35);
    expect(new Set(bank.scenarios.map((s) => s.kind))).toEqual(new Set(['write', 'predict', 'fix', 'pick']));
    const andOr = bank.scenarios.filter((s) => (s.kind === 'write' || s.kind === 'predict') && s.topics.some((t) => ['3.1', '3.2', '3.3', '3.4'].includes(t)));
    expect(andOr.length).toBeGreaterThanOrEqual(10);
    const topics = new Set(bank.scenarios.flatMap((s) => s.topics));
    for (const section of ['2.4', '2.6', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '4.4', '4.5', '5.1', '5.2', '5.3', '6.1', '6.2', '6.3', '6.4', '7.3', '7.4']) {
      expect(topics, `section ${section}`).toContain(section);
    }
    // One fix scenario per row of the common-mistakes table that YAML can fix (all but Flannel).
    expect(bank.scenarios.filter((s) => s.kind === 'fix').length).toBeGreaterThanOrEqual(6);
  });

  it('gives every scenario a reference solution and at least two known wrong answers', () => {
    for (const s of bank.scenarios) {
      expect(s.solutions.length, s.id).toBeGreaterThanOrEqual(1);
      expect(s.wrong.length, s.id).toBeGreaterThanOrEqual(2);
      expect(s.hints.length, s.id).toBeGreaterThanOrEqual(1);
    }
  });

  for (const s of bank.scenarios) {
    describe(s.id, () => {
      it('expands every step without findings', () => {
        expect(validateScenario(s).map(formatFinding)).toEqual([]);
      });

      for (const sol of s.solutions) {
        it(`reference solution "${sol.name}" passes every step it covers`, () => {
          let covered = 0;
          for (let step = 1; step <= s.steps.length; step++) {
            const blocks = solutionAnswer(sol, step);
            if (!blocks) continue;
            covered++;
            const out = gradeAnswer(s, blocks.map((b, i) => ({ file: `${b.file}#${i}`, text: b.text })), { step });
            if (!out.ok) throw new Error(out.findings.map(formatFinding).join('\n'));
            expect(out.result.passed, `step ${step}\n${formatGradeText(out.result)}`).toBe(true);
            expect(out.result.score).toBe(1);
          }
          expect(covered).toBeGreaterThan(0);
        });
      }

      for (const w of s.wrong) {
        it(`known wrong answer "${w.name}" fails with its feedback`, () => {
          const out = gradeAnswer(s, [{ file: 'answer.yaml', text: w.answer.text }], { step: w.step });
          // An answer the API server would reject is wrong too; its feedback is the validation error.
          const text = out.ok ? formatGradeText(out.result) : out.findings.map(formatFinding).join('\n');
          if (out.ok) {
            expect(out.result.passed, text).toBe(false);
            expect(out.result.score).toBeLessThan(1);
          }
          for (const f of w.feedback) expect(text, `feedback "${f}"`).toContain(f);
        });
      }

      it('an empty answer fails every step with a low score', () => {
        for (let step = 1; step <= s.steps.length; step++) {
          const out = gradeAnswer(s, [{ file: 'empty.yaml', text: s.kind === 'pick' ? 'pick: none' : '' }], { step });
          if (!out.ok) {
            expect(s.kind).toBe('pick'); // a pick answer naming no candidate is bad input
            continue;
          }
          expect(out.result.passed, `step ${step}`).toBe(false);
          expect(out.result.score, `step ${step}\n${formatGradeText(out.result)}`).toBeLessThan(0.5);
        }
      });

      if (s.kind === 'write' || s.kind === 'fix') {
        it('scores fairly: missing any one requirement lands strictly between 0 and 100 %, a keep alone stays above half', () => {
          for (let step = 1; step <= s.steps.length; step++) {
            const at = gradingSpace(preparedStep(s, step).prepared!);
            if (!('space' in at)) throw new Error(at.findings.map(formatFinding).join('\n'));
            const items = stepItems(at.space);
            expect(items.length, `step ${step}: one requirement alone cannot give partial credit`).toBeGreaterThan(1);
            items.forEach((it, k) => {
              const score = weightedScore(items.map((x, j) => ({ ...x, met: j !== k })));
              const name = at.space.requirementNames[it.index];
              expect(score, `step ${step}: missing "${name}"`).toBeGreaterThan(0);
              expect(score, `step ${step}: missing "${name}"`).toBeLessThan(1);
              if (it.class === 'untouched' || it.class === 'words') expect(score, `step ${step}: missing side requirement "${name}"`).toBeGreaterThan(0.5);
            });
            // The main goals are the denials and what must keep working (the flows, or untouched traffic when
            // the task opens nothing): missing either half costs more than any side requirement.
            const hasFlows = items.some((x) => x.class === 'flow');
            const side = items.filter((x) => x.class === 'words' || (hasFlows && x.class === 'untouched'));
            const worstSide = Math.min(...side.map((x) => weightedScore(items.map((y) => ({ ...y, met: y !== x })))));
            for (const half of ['deny', hasFlows ? 'flow' : 'untouched'] as const) {
              if (!items.some((x) => x.class === half)) continue;
              const missed = weightedScore(items.map((x) => ({ ...x, met: x.class !== half })));
              if (side.length) expect(missed, `step ${step}: every ${half} requirement missed, against the worst single side miss`).toBeLessThan(worstSide);
            }
            expect(weightedScore(items.map((x) => ({ ...x, met: x.class === 'untouched' }))), `step ${step}: every goal missed`).toBeLessThan(0.5);
          }
        });

        if (s.steps.length > 1) {
          it('checks in every later step that the policies of the step before are kept', () => {
            for (let step = 2; step <= s.steps.length; step++) {
              expect(s.steps[step - 1].expect.some((r) => r.kept !== undefined), `step ${step}`).toBe(true);
            }
          });
        }

        it('denying everything fails every step with a low score', () => {
          for (let step = 1; step <= s.steps.length; step++) {
            const out = gradeAnswer(s, [{ file: 'deny.yaml', text: denyEverything(s, step) }], { step });
            if (!out.ok) throw new Error(out.findings.map(formatFinding).join('\n'));
            expect(out.result.passed, `step ${step}`).toBe(false);
            expect(out.result.score, `step ${step}\n${formatGradeText(out.result)}`).toBeLessThan(0.5);
          }
        });
      }
    });
  }
});
