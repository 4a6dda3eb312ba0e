// The learner's answer as the grader reads it: one file, and the line an editor should mark when
// it does not load.
import type { Finding } from '../findings.js';

/** The name an answer typed in the trainer goes by in findings. */
export const ANSWER_FILE = 'answer.yaml';

/** The first error that points at a line: what the editor marks. */
export function blamedLine(findings: readonly Finding[]): { line?: number; message: string } | undefined {
  const errors = findings.filter((f) => f.severity === 'error');
  const f = errors.find((x) => x.line > 0) ?? errors[0];
  if (!f) return undefined;
  return { line: f.line > 0 ? f.line : undefined, message: `${f.path ? `${f.path}: ` : ''}${f.message}` };
}
