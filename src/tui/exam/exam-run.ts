// What the exam screens show of a task: the task as the exam states it (every requirement at once,
// no hints) and its status in the list. Handing in is the core's (core/training/hand-in.ts).
// No Ink here.
import type { Scenario } from '../../core/bank/scenario.js';
import { existingBlocksAt, preparedStep } from '../../core/bank/prepare.js';
import { clusterLines, difficultyDots, type Line } from '../../core/bank/describe.js';
import type { ExamTask } from '../../core/training/records.js';
import { examStartText, examStep } from '../../core/training/hand-in.js';

export type TaskStatus = 'untouched' | 'draft' | 'flagged';

/** Flagged wins (the learner asked to come back); a draft is any text that differs from the start. */
export function taskStatus(task: ExamTask, s: Scenario | undefined): TaskStatus {
  if (task.flagged) return 'flagged';
  if ((task.console?.length ?? 0) > 0) return 'draft';
  if (task.draft === undefined) return 'untouched';
  return s && task.draft === examStartText(s) ? 'untouched' : 'draft';
}

export const STATUS_MARK: Record<TaskStatus, string> = { untouched: '·', draft: '✎', flagged: '⚑' };

/** The task as the exam states it: all steps' requirements at once, the cluster, the policies in place. */
export function examTaskLines(s: Scenario, weight: number): Line[] {
  const step = examStep(s);
  const prep = preparedStep(s, step).prepared;
  const out: Line[] = [];
  out.push({ text: s.title, bold: true });
  out.push({ text: `${s.kind} · weight ${weight}% · difficulty ${difficultyDots(s.difficulty)} · about ${s.minutes} min`, dim: true });
  out.push({ text: '' });
  for (const l of s.task.trimEnd().split('\n')) out.push({ text: l });
  if (s.steps.length > 1) {
    out.push({ text: '' }, { text: 'Your answer must do all of this:', bold: true, color: 'cyan' });
    s.steps.forEach((st, i) => {
      out.push({ text: `${i + 1}. ${st.title}` });
      if (st.task) for (const l of st.task.trimEnd().split('\n')) out.push({ text: `   ${l}` });
    });
  }
  if (prep) {
    out.push({ text: '' }, { text: 'Cluster', bold: true });
    out.push(...clusterLines(prep.cluster).map((l) => ({ ...l, text: '  ' + l.text })));
  }
  out.push({ text: '' });
  const existing = existingBlocksAt(s, step);
  if (existing.length === 0) out.push({ text: 'No NetworkPolicies exist yet.', dim: true });
  else {
    out.push({ text: `Existing policies (${prep?.existing.length ?? existing.length})`, bold: true });
    for (const b of existing) for (const l of b.text.trimEnd().split('\n')) out.push({ text: '  ' + l });
  }
  return out;
}
