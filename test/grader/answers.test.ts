// Learner answers as files: test/grader/answers/<scenario id>/<name>.answer is what a learner would
// submit (YAML; the extension keeps them out of the scans of the repository's own manifests), and
// its leading comment says what the grader must make of it. Adding a file adds a case.
//
//   # verdict: pass | fail | invalid      (invalid: refused before grading, like kubectl apply)
//   # step: 2                             (default: the last step)
//   # mistakes: code, code | none         (the exact set of mistake codes spotted)
//   # failed: requirement | requirement   (the exact set of unmet requirements; optional)
//   # says: text                          (a substring of the text report or of the error; repeatable)
//
// Every verdict here is reasoned from the Kubernetes docs and module 13, not copied from the output.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { gradeAnswer, type GradeResult } from '../../src/core/grader/grade.js';
import { formatGradeText } from '../../src/core/grader/format.js';
import { formatFinding } from '../../src/core/findings.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, 'answers');
const bank = loadBank(path.join(here, '..', '..', 'exercises'));

interface Case {
  file: string;
  text: string;
  verdict: 'pass' | 'fail' | 'invalid';
  step?: number;
  mistakes?: string[];
  failed?: string[];
  says: string[];
}

function readCase(file: string): Case {
  const text = readFileSync(file, 'utf8');
  const head: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '---' && head.length === 0) continue; // a leading document marker
    if (!line.startsWith('#')) break;
    head.push(line.replace(/^#\s?/, ''));
  }
  const one = (key: string) => head.find((l) => l.startsWith(`${key}:`))?.slice(key.length + 1).trim();
  const list = (v: string | undefined, sep: string) => (v === undefined ? undefined : v === 'none' ? [] : v.split(sep).map((x) => x.trim()).filter(Boolean).sort());
  const verdict = one('verdict');
  if (verdict !== 'pass' && verdict !== 'fail' && verdict !== 'invalid') throw new Error(`${file}: the header needs "# verdict: pass|fail|invalid"`);
  const step = one('step');
  return {
    file,
    text,
    verdict,
    ...(step ? { step: Number(step) } : {}),
    mistakes: list(one('mistakes'), ','),
    failed: list(one('failed'), '|'),
    says: head.filter((l) => l.startsWith('says:')).map((l) => l.slice(5).trim()),
  };
}

const dirs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('learner answers', () => {
  it('every answer directory names a scenario of the bank, and every scenario has answers that pass and fail', () => {
    expect(dirs.filter((d) => !bank.byId.has(d))).toEqual([]);
    const missing = bank.scenarios
      .map((s) => s.id)
      .filter((id) => {
        const files = dirs.includes(id) ? readdirSync(path.join(root, id)).filter((f) => f.endsWith('.answer')) : [];
        const cases = files.map((f) => readCase(path.join(root, id, f)));
        return !cases.some((c) => c.verdict === 'pass') || !cases.some((c) => c.verdict === 'fail');
      });
    expect(missing).toEqual([]);
  });

  for (const id of dirs) {
    const s = bank.byId.get(id);
    if (!s) continue;
    const files = readdirSync(path.join(root, id))
      .filter((f) => f.endsWith('.answer'))
      .sort();
    describe(id, () => {
      const scores: { name: string; step: number; score: number; failed: string[] }[] = [];
      for (const f of files) {
        const c = readCase(path.join(root, id, f));
        it(`${f}: ${c.verdict}`, () => {
          const out = gradeAnswer(s, [{ file: f, text: c.text }], c.step ? { step: c.step } : {});
          if (c.verdict === 'invalid') {
            expect(out.ok, 'refused before grading').toBe(false);
            const text = out.ok ? '' : out.findings.map(formatFinding).join('\n');
            for (const w of c.says) expect(text).toContain(w);
            return;
          }
          if (!out.ok) throw new Error(out.findings.map(formatFinding).join('\n'));
          const r: GradeResult = out.result;
          const report = formatGradeText(r);
          expect(r.passed, report).toBe(c.verdict === 'pass');
          if (c.verdict === 'pass') expect(r.score).toBe(1);
          else expect(r.score, report).toBeLessThan(1);
          const codes = [...new Set(r.mistakes.map((m) => m.code))].sort();
          expect(codes, report).toEqual(c.mistakes ?? []);
          const failed = r.requirements.filter((q) => !q.met).map((q) => q.name).sort();
          if (c.failed) expect(failed, report).toEqual(c.failed);
          for (const w of c.says) expect(report).toContain(w);
          scores.push({ name: f, step: r.step, score: r.score, failed });
        });
      }
      // Partial credit is monotone: an answer that misses every requirement another misses, and
      // more, scores less (a pick's wrong file is capped at half, so there it is never more).
      it('scores fewer points for a strict superset of unmet requirements', () => {
        for (const a of scores) {
          for (const b of scores) {
            if (a.step !== b.step || a.failed.length >= b.failed.length) continue;
            if (!a.failed.every((x) => b.failed.includes(x))) continue;
            if (s.kind === 'pick') expect(b.score, `${b.name} vs ${a.name}`).toBeLessThanOrEqual(a.score);
            else expect(b.score, `${b.name} vs ${a.name}`).toBeLessThan(a.score);
          }
        }
      });
    });
  }
});
