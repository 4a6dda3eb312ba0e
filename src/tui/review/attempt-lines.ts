// One graded answer laid out for review: the learner's YAML beside (or above) a reference
// solution with the differing lines marked, the wrong cells and failed checks with their
// reasons, and the scenario's explanation. Used by the exam's task review and by "Review
// mistakes". Stored attempts keep mismatches and checks as plain JSON: read them defensively.
import type { Scenario } from '../../core/bank/scenario.js';
import { solutionAnswer } from '../../core/bank/scenario.js';
import type { Line } from '../../core/bank/describe.js';
import { wrap } from '../../core/bank/describe.js';
import { lineDiff } from './line-diff.js';
import { documentLines, joinDocuments, textLines } from '../../core/text/yaml-documents.js';
import { verdictWords } from '../../core/grader/format.js';

export interface ReviewSubject {
  scenario: Scenario | undefined;
  step: number;
  answer: string;
  mismatches: readonly unknown[];
  checks?: readonly unknown[];
  /** What was typed in the console pane (stored attempts: read defensively). */
  console?: readonly unknown[];
}

/** Side by side from this width on; below it, one after the other. */
export const SIDE_BY_SIDE_COLUMNS = 96;

export const MARK = { yours: '-', reference: '+' } as const;

/** The first reference solution that answers `step`, as one text. */
export function referenceAnswer(s: Scenario, step: number): { name: string; text: string } | undefined {
  for (const sol of s.solutions) {
    const blocks = solutionAnswer(sol, step);
    if (blocks?.length) return { name: sol.name, text: joinDocuments(blocks.map((b) => b.text)) };
  }
  return undefined;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const str = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : undefined);

export function mismatchText(m: unknown): string | undefined {
  if (!isRecord(m)) return undefined;
  const [from, to, expected, got, reason] = [str(m.from), str(m.to), str(m.expected), str(m.got), str(m.reason)];
  if (!from || !to || !expected || !got) return reason;
  const port = str(m.port);
  const where = `${from} -> ${to}${port ? ` ${port}${m.protocol ? `/${str(m.protocol)}` : ''}` : ''}`;
  return `${where}: ${verdictWords(expected, got, reason)}`;
}

export function failedCheckText(c: unknown): string | undefined {
  if (!isRecord(c) || c.passed !== false) return undefined;
  const [from, run, expected, got, reason] = [str(c.from), str(c.run), str(c.expected), str(c.got), str(c.reason)];
  if (!run || !expected || !got) return reason;
  return `${from ? `${from}: ` : ''}${run}: ${verdictWords(expected, got, reason)}`;
}

function fit(text: string, width: number): string {
  return width <= 0 ? '' : text.padEnd(width);
}

/**
 * One line of YAML cut to `width` after its gutter mark: every piece keeps the mark (so a wrapped
 * `-` line still reads as only in your answer) and continuation pieces keep the line's own
 * indentation, plus two, so the structure of the YAML stays visible.
 */
export function gutterPieces(mark: string, text: string, width: number): string[] {
  const room = Math.max(1, width - 2);
  const pieces = text.length <= room ? [text] : wrap(text, room);
  return pieces.map((p) => `${mark} ${p}`);
}

/** The answer and the reference with differing lines marked: two columns, or one after the other. */
export function comparisonLines(answer: string, reference: string, width: number): Line[] {
  const ops = lineDiff(documentLines(answer), documentLines(reference));
  const out: Line[] = [];
  const legend = `(${MARK.yours} only in your answer, ${MARK.reference} only in the reference)`;
  if (width >= SIDE_BY_SIDE_COLUMNS) {
    // "M text…│ M text…": each side wraps inside its own column, the rows paired up.
    const leftWidth = Math.floor((width - 3) / 2);
    const rightWidth = width - leftWidth - 3;
    out.push({ text: `  ${fit('Your answer', leftWidth - 2)} │   Reference solution`, bold: true });
    out.push({ text: legend, dim: true });
    for (const o of ops) {
      const left = o.op === 'right' ? [] : gutterPieces(o.op === 'left' ? MARK.yours : ' ', o.left, leftWidth);
      const right = o.op === 'left' ? [] : gutterPieces(o.op === 'right' ? MARK.reference : ' ', o.right, rightWidth);
      for (let i = 0; i < Math.max(left.length, right.length); i++)
        out.push({ text: `${fit(left[i] ?? '', leftWidth)} │ ${right[i] ?? ''}`.trimEnd(), color: o.op === 'same' ? undefined : 'yellow' });
    }
    return out;
  }
  out.push({ text: `Your answer ${legend}`, bold: true });
  const mine = ops.filter((o) => o.op !== 'right');
  if (mine.length === 0) out.push({ text: '  (empty)', dim: true });
  for (const o of mine) {
    const yours = o.op === 'left';
    for (const text of gutterPieces(yours ? MARK.yours : ' ', o.left, width)) out.push({ text: text.trimEnd(), color: yours ? 'yellow' : undefined });
  }
  out.push({ text: '' }, { text: 'Reference solution', bold: true });
  for (const o of ops) {
    if (o.op === 'left') continue;
    const theirs = o.op === 'right';
    for (const text of gutterPieces(theirs ? MARK.reference : ' ', o.right, width)) out.push({ text: text.trimEnd(), color: theirs ? 'yellow' : undefined });
  }
  return out;
}

/** The console commands of an attempt, each with its output when that was kept. */
export function consoleLines(entries: readonly unknown[]): Line[] {
  const out: Line[] = [];
  for (const e of entries) {
    if (!isRecord(e) || typeof e.command !== 'string') continue;
    const [first, ...rest] = e.command.split('\n');
    out.push({ text: `$ ${first}`, bold: true });
    for (const l of rest) out.push({ text: `> ${l}` });
    if (Array.isArray(e.output)) for (const l of e.output) out.push({ text: `  ${str(l) ?? ''}`, dim: true });
    else if (typeof e.outputLines === 'number') out.push({ text: `  (${e.outputLines} lines of output, not kept)`, dim: true });
  }
  return out;
}

/** Everything the review of one answer shows, top to bottom (the caller wraps and scrolls). */
export function reviewLines(subject: ReviewSubject, width: number): Line[] {
  const s = subject.scenario;
  const out: Line[] = [];
  const typed = consoleLines(subject.console ?? []);
  if (typed.length) {
    out.push({ text: 'What you typed in the console (its cluster was graded, your YAML below applied on top)', bold: true, color: 'cyan' });
    out.push(...typed, { text: '' });
  }
  const ref = s ? referenceAnswer(s, subject.step) : undefined;
  if (ref) {
    out.push(...comparisonLines(subject.answer, ref.text, width));
    out.push({ text: `(reference: ${ref.name})`, dim: true });
  } else {
    out.push({ text: 'Your answer', bold: true });
    for (const l of textLines(subject.answer)) out.push({ text: `  ${l}` });
    if (subject.answer.trim() === '') out.push({ text: '  (empty)', dim: true });
    out.push({ text: '(no reference solution for this step)', dim: true });
  }
  const wrong = subject.mismatches.map(mismatchText).filter((x): x is string => Boolean(x));
  if (wrong.length) {
    out.push({ text: '' }, { text: `Wrong cells (${wrong.length})`, bold: true });
    for (const w of wrong) out.push({ text: `! ${w}`, color: 'red' });
  }
  const failed = (subject.checks ?? []).map(failedCheckText).filter((x): x is string => Boolean(x));
  if (failed.length) {
    out.push({ text: '' }, { text: `Failed checks (${failed.length})`, bold: true });
    for (const f of failed) out.push({ text: `! ${f}`, color: 'red' });
  }
  if (!wrong.length && !failed.length && subject.answer.trim() === '' && !typed.length) out.push({ text: '' }, { text: 'No answer was given.', color: 'red' });
  if (s?.explanation.trim()) {
    out.push({ text: '' }, { text: 'Why the reference works', bold: true });
    for (const l of s.explanation.trimEnd().split('\n')) out.push({ text: `  ${l}` });
  }
  return out;
}
