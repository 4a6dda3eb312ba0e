// What Ctrl+S grades on a practice step: the console's cluster once the console was used (with
// the YAML draft applied on top, core/training/console-answer.ts), else the YAML answer alone;
// and the attempt that records it, with the commands typed when the console was the answer.
import type { Scenario } from '../../core/bank/scenario.js';
import { gradeAnswer, type GradeOutcome } from '../../core/grader/grade.js';
import { gradeConsoleAnswer } from '../../core/training/console-answer.js';
import { ANSWER_FILE } from '../../core/training/answer-file.js';
import type { ConsoleEntry } from '../../core/training/records.js';
import type { ConsoleRun } from '../console/console-run.js';

export interface StepGrade {
  outcome: GradeOutcome;
  /** The answer the attempt keeps: '' when the console's cluster alone was graded. */
  answer: string;
  /** The commands typed, when the console was the answer. */
  console?: ConsoleEntry[];
}

export function gradeStep(s: Scenario, step: number, text: string, run: ConsoleRun | undefined): StepGrade {
  const byConsole = run?.used && (s.kind === 'write' || s.kind === 'fix') ? gradeConsoleAnswer(s, step, run.state(), text) : undefined;
  if (!byConsole) return { outcome: gradeAnswer(s, [{ file: ANSWER_FILE, text }], { step }), answer: text };
  return { outcome: byConsole.outcome, answer: byConsole.world?.draftApplied ? text : '', console: run!.entries.map((e) => ({ ...e })) };
}
