// A graded answer ready to draw, from the grader's own output only: the result, the table of
// expected and observed connections the grader built (core/grader/result-table.ts), and where the
// cursor starts (the first wrong cell, or in a predict drill the first wrong answer). Nothing
// here reads the answer a second time.
import type { PreparedStep } from '../../core/bank/prepare.js';
import type { GradeResult, Graded as CoreGraded } from '../../core/grader/grade.js';
import type { Evaluation } from '../../core/grader/evaluate.js';
import type { Engine } from '../../core/engine/engine.js';
import { firstWrongCell, resultTable, type ResultTable } from '../../core/grader/result-table.js';
import { predictFromText } from './answers.js';

export interface Graded {
  text: string;
  result: GradeResult;
  /** Expected beside got, per pair of workloads (write, fix and pick drills). */
  table?: ResultTable;
  evaluation?: Evaluation;
  /** The engine the why is asked of: the answer's world, or the step's own in a predict drill. */
  engine: Engine;
  saved: 'saving' | 'saved' | string;
}

export function gradedView(prep: PreparedStep, text: string, outcome: { result: GradeResult; graded?: CoreGraded }): Graded {
  const g = outcome.graded;
  if (!g) return { text, result: outcome.result, engine: prep.engine, saved: 'saving' };
  return { text, result: outcome.result, table: resultTable(g), evaluation: g.evaluation, engine: g.evaluation.engine, saved: 'saving' };
}

/** Where the result's cursor starts: the first wrong answer or cell, else the first graded cell. */
export function firstCell(prep: PreparedStep, g: Graded): { row: number; col: number } {
  if (prep.scenario.kind === 'predict') {
    const qs = prep.scenario.steps[prep.step - 1].questions;
    const said = predictFromText(prep.scenario, prep.step, g.text);
    const wrong = qs.findIndex((q, i) => said[i] !== q.expect);
    return { row: Math.max(0, wrong), col: 0 };
  }
  return g.table ? firstWrongCell(g.table) : { row: 0, col: 0 };
}
