// A console answer's result drawn like a YAML answer's: the same Graded value, with the engine
// built from the cluster the console left (its namespace labels, every policy in it).
import type { PreparedStep } from '../../core/bank/prepare.js';
import type { GradeResult } from '../../core/grader/grade.js';
import { relabel } from '../../core/grader/answer.js';
import type { NetworkPolicy } from '../../core/policy.js';
import { engineOf, expectedGrid, gotGrid, matrixLayout } from '../practice/world.js';
import type { Graded } from '../practice/graded.js';

export function consoleGradedView(prep: PreparedStep, text: string, result: GradeResult, world: { policies: NetworkPolicy[]; namespaceLabels: Map<string, Record<string, string>> }): Graded {
  const layout = matrixLayout(prep);
  // The prepared cluster keeps the endpoints' order the layout indexes; only labels change.
  const labels = new Map([...world.namespaceLabels].filter(([ns]) => prep.cluster.namespaces.some((n) => n.name === ns)));
  const engine = engineOf({ ok: true, cluster: relabel(prep.cluster, labels), policies: world.policies });
  return { text, result, engine, layout, expected: expectedGrid(prep, layout), got: gotGrid(engine, layout), saved: 'saving' };
}
