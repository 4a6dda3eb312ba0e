// A running exam's drafts: saved into the exam record as practice drafts are saved, and checked
// as kubectl apply would check them, so that a draft that would not load is marked before hand-in.
import type { Scenario } from '../../core/bank/scenario.js';
import { preparedStep } from '../../core/bank/prepare.js';
import type { ExamRecord, ExamTask } from '../../core/training/records.js';
import { blamedLine } from '../../core/training/answer-file.js';
import { examStep, hasAnswer } from '../../core/training/hand-in.js';
import type { PracticeData } from '../practice/services.js';
import { DraftSaver } from '../practice/draft-saver.js';
import { worldOfPolicyAnswer } from '../practice/world.js';

/** Saves each task's draft into the exam record, after a pause, as practice drafts are saved. */
export function examDraftSaver(data: PracticeData, examId: string): DraftSaver {
  const put = (task: string, text: string) => (e: ExamRecord) => {
    const t = e.tasks[Number(task)];
    if (t && e.status === 'running') t.draft = text;
  };
  const sync = data.store.updateExamSync?.bind(data.store);
  return new DraftSaver({
    saveDraft: (task, _step, text) => data.store.updateExam(examId, put(task, text)),
    // A closed terminal (SIGHUP) or a kill still writes the last moments' typing into the exam.
    saveDraftSync: sync && ((task, _step, text) => sync(examId, put(task, text))),
    getDraft: (task) => {
      const draft = data.store.runningExam()?.tasks[Number(task)]?.draft;
      return draft === undefined ? undefined : { text: draft };
    },
  });
}

/** Per task, why its draft does not load (undefined: it loads, or there is no answer). */
export function draftProblemsOf(tasks: readonly ExamTask[], scenarioOf: (id: string) => Scenario | undefined): (string | undefined)[] {
  return tasks.map((t) => {
    const sc = scenarioOf(t.exerciseId);
    if (!sc || !hasAnswer(t, sc)) return undefined;
    const p = preparedStep(sc, examStep(sc)).prepared;
    const world = p && t.draft !== undefined ? worldOfPolicyAnswer(p, t.draft) : undefined;
    return world && !world.ok ? (blamedLine(world.findings)?.message ?? 'the draft does not load') : undefined;
  });
}

/** The y/n question at the bottom: what finishing now would hand in. */
export function confirmLine(
  confirm: 'finish' | 'abandon' | undefined,
  tasks: readonly ExamTask[],
  scenarioOf: (id: string) => Scenario | undefined,
  draftProblems: readonly (string | undefined)[],
): string {
  if (confirm === 'abandon') return 'Abandon this exam? It will not be scored.  y / n';
  if (confirm !== 'finish') return '';
  // A flagged task may have no answer at all: count answers, not statuses.
  const unanswered = tasks.filter((t) => !hasAnswer(t, scenarioOf(t.exerciseId))).length;
  const flagged = tasks.filter((t) => t.flagged).length;
  const unloadable = draftProblems.filter(Boolean).length;
  return `Finish now? Tasks are graded as they stand (${unanswered} unanswered${flagged ? `, ${flagged} flagged` : ''}${unloadable ? `, ${unloadable} not loading` : ''})  y / n`;
}
