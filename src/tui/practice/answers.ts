// A practice answer as text (what is graded, saved as a draft and recorded) and back, and where
// a session starts: the first step not passed, the draft or the text the last step ended with.
import type { Scenario } from '../../core/bank/scenario.js';
import { existingBlocksAt } from '../../core/bank/prepare.js';
import { joinDocuments } from '../../core/text/yaml-documents.js';
import { readPickAnswer, readPredictAnswer } from '../../core/grader/answer.js';
import { ANSWER_FILE } from '../../core/training/answer-file.js';
import type { PracticeData } from './services.js';
import { initialSession, type SessionState } from './session-state.js';

export function predictText(scenario: Scenario, step: number, answers: readonly (boolean | undefined)[]): string {
  return scenario.steps[step - 1].questions
    .map((q, i) => (answers[i] === undefined ? undefined : `${JSON.stringify(q.ask)}: ${answers[i] ? 'yes' : 'no'}`))
    .filter((l): l is string => l !== undefined)
    .join('\n');
}

export function predictFromText(scenario: Scenario, step: number, text: string | undefined): (boolean | undefined)[] {
  const qs = scenario.steps[step - 1]?.questions ?? [];
  if (!text) return qs.map(() => undefined);
  const m = readPredictAnswer({ file: ANSWER_FILE, text });
  return qs.map((q) => (Array.isArray(m) ? undefined : m.get(q.ask)));
}

export function pickFromText(scenario: Scenario, text: string | undefined): number {
  if (!text) return 0;
  const id = readPickAnswer({ file: ANSWER_FILE, text });
  return typeof id === 'string'
    ? Math.max(
        0,
        scenario.candidates.findIndex((c) => c.id === id),
      )
    : 0;
}

export function answerTextOf(scenario: Scenario, state: SessionState): string {
  if (scenario.kind === 'predict') return predictText(scenario, state.step, state.predict);
  if (scenario.kind === 'pick') return `pick: ${scenario.candidates[state.pickIndex]?.id ?? ''}`;
  return state.text;
}

/** The first step without a passing attempt (the first, when all have passed). */
export function startingStep(data: PracticeData, s: Scenario): number {
  const passed = new Set(
    data.store
      .attempts({ exerciseId: s.id })
      .filter((a) => a.passed)
      .map((a) => a.step),
  );
  for (let step = 1; step <= s.steps.length; step++) if (!passed.has(step)) return step;
  return 1;
}

/** The text the answer starts from: the draft, else what the previous step ended with, else (fix) the existing policies. */
export function startingText(data: PracticeData, s: Scenario, step: number, carried?: string): string {
  const draft = data.drafts.text(s.id, step);
  if (draft !== undefined) return draft;
  if (carried !== undefined) return carried;
  if (step > 1) {
    const prev =
      data.drafts.text(s.id, step - 1) ??
      data.store
        .attempts({ exerciseId: s.id, step: step - 1 })
        .filter((a) => a.passed)
        .pop()?.answer;
    if (prev !== undefined) return prev;
  }
  if (s.kind === 'fix') return joinDocuments(existingBlocksAt(s, step).map((b) => b.text));
  return '';
}

/**
 * The session an exercise opens on: the step and answer to resume (the draft), or a retry's old
 * answer, which goes straight to the editor; on a track, the console.
 */
export function openingSession(
  data: PracticeData,
  s: Scenario,
  retry: { step: number; text: string } | undefined,
  inConsole: boolean | undefined,
  now: number,
): SessionState {
  const start = retry && retry.step >= 1 && retry.step <= s.steps.length ? retry : undefined;
  const step = start?.step ?? startingStep(data, s);
  const text = start?.text ?? startingText(data, s, step);
  data.drafts.known(s.id, step, data.drafts.text(s.id, step) ?? text);
  const first = initialSession(step, text, predictFromText(s, step, text), pickFromText(s, text), now);
  return start ? { ...first, view: 'answer' } : inConsole ? { ...first, view: 'console' } : first;
}
