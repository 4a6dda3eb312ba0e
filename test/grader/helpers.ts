import { parseScenario } from '../../src/core/bank/parse-scenario.js';
import { formatFinding } from '../../src/core/findings.js';
import type { Scenario } from '../../src/core/bank/scenario.js';
import { gradeAnswer, type GradeResult } from '../../src/core/grader/grade.js';

export function scenario(id: string, body: string): Scenario {
  const text = `id: ${id}\ntitle: T\ntopics: ["4.1"]\ndifficulty: 1\nminutes: 3\ntask: T\nhints: [h]\nexplanation: e\n${body}`;
  const r = parseScenario(`exercises/${id}.yaml`, text, id);
  if (!r.scenario) throw new Error(r.findings.map(formatFinding).join('\n'));
  return r.scenario;
}

export function grade(s: Scenario, text: string, step?: number): GradeResult {
  const out = gradeAnswer(s, [{ file: 'answer.yaml', text }], step ? { step } : {});
  if (!out.ok) throw new Error(out.findings.map(formatFinding).join('\n'));
  return out.result;
}

export function np(ns: string, name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${spec.replace(/^/gm, '  ')}\n---\n`;
}
