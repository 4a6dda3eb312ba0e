// A graded answer ready to draw: the grid expected and the grid the answer produces, and where
// the cursor starts (the first wrong cell, or in a predict drill the first wrong answer).
import type { PreparedStep } from '../../core/bank/prepare.js';
import type { GradeResult } from '../../core/grader/grade.js';
import type { Engine } from '../../core/engine/engine.js';
import { engineOf, existingWorld, expectedGrid, gotGrid, matrixLayout, worldOfCandidate, worldOfPolicyAnswer, type Cell, type MatrixLayout } from './world.js';
import { predictFromText } from './answers.js';

export interface Graded {
  text: string;
  result: GradeResult;
  engine: Engine;
  layout: MatrixLayout;
  expected: Cell[][];
  got: Cell[][];
  saved: 'saving' | 'saved' | string;
}

export function gradedView(prep: PreparedStep, text: string, result: GradeResult, pickId?: string): Graded {
  const layout = matrixLayout(prep);
  const world =
    prep.scenario.kind === 'pick' && pickId
      ? worldOfCandidate(prep, pickId)
      : prep.scenario.kind === 'predict'
        ? existingWorld(prep)
        : worldOfPolicyAnswer(prep, text);
  const engine = engineOf(world.ok ? world : (existingWorld(prep) as Extract<typeof world, { ok: true }>));
  return { text, result, engine, layout, expected: expectedGrid(prep, layout), got: gotGrid(engine, layout), saved: 'saving' };
}

/** Where the result's cursor starts: the first wrong answer or cell, else the first graded cell. */
export function firstCell(prep: PreparedStep, g: Graded): { row: number; col: number } {
  if (prep.scenario.kind === 'predict') {
    const qs = prep.scenario.steps[prep.step - 1].questions;
    const said = predictFromText(prep.scenario, prep.step, g.text);
    const wrong = qs.findIndex((q, i) => said[i] !== q.expect);
    return { row: Math.max(0, wrong), col: 0 };
  }
  let graded: { row: number; col: number } | undefined;
  for (let row = 0; row < g.got.length; row++) {
    for (let col = 0; col < g.got[row].length; col++) {
      const e = g.expected[row][col];
      if (e !== undefined && g.got[row][col] !== undefined && e !== g.got[row][col]) return { row, col };
      if (!graded && g.got[row][col] !== undefined) graded = { row, col };
    }
  }
  return graded ?? { row: 0, col: 0 };
}
