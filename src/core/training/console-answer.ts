// A task answered in the console, in YAML, or both. The rule: the answer is the cluster the
// console left, with the YAML draft applied on top of it as `kubectl apply -f answer.yaml`
// would (a policy of the draft replaces the one of the same namespace and name; a Namespace
// in the draft relabels it). A draft left as the task started (empty, or a fix task's policies
// as given) adds nothing, so deleting a stray policy in the console stays deleted. When the
// console was never used, grading is the YAML answer's as before (gradeAnswer).
import type { Scenario } from '../bank/scenario.js';
import { existingBlocksAt, preparedStep } from '../bank/prepare.js';
import type { NetworkPolicy } from '../policy.js';
import { gradeState, type ClusterState, type GradeOutcome } from '../grader/grade.js';
import { answerAllowsNamespaces, applyPolicies, readPolicyAnswer } from '../grader/answer.js';
import { Console, type ConsoleOptions } from '../console/index.js';
import { ANSWER_FILE } from './answer-file.js';
import { joinDocuments } from '../text/yaml-documents.js';
import type { ConsoleEntry } from './records.js';

/** The text a write/fix step's editor starts from: nothing, or a fix step's policies in place. */
export function untouchedDraft(s: Scenario, step: number, draft: string | undefined): boolean {
  if (draft === undefined || draft.trim() === '') return true;
  if (s.kind !== 'fix') return false;
  const start = joinDocuments(existingBlocksAt(s, step).map((b) => b.text));
  return draft.trim() === start.trim();
}

/** The cluster to grade: the console's, with the draft applied (or the draft's load errors). */
export type CombinedWorld =
  { ok: true; policies: NetworkPolicy[]; namespaceLabels: Map<string, Record<string, string>>; draftApplied: boolean } | { ok: false; outcome: GradeOutcome };

export function combineWithDraft(s: Scenario, step: number, state: ClusterState, draft: string | undefined): CombinedWorld {
  const labels = new Map(state.namespaceLabels ?? []);
  if (untouchedDraft(s, step, draft)) return { ok: true, policies: [...state.policies], namespaceLabels: labels, draftApplied: false };
  const prep = preparedStep(s, step).prepared;
  if (!prep) return { ok: false, outcome: { ok: false, findings: preparedStep(s, step).findings } };
  const answer = readPolicyAnswer([{ file: ANSWER_FILE, text: draft! }], answerAllowsNamespaces(s.kind, prep.requirements), prep.cluster);
  if (Array.isArray(answer)) return { ok: false, outcome: { ok: false, findings: answer } };
  for (const [ns, l] of answer.namespaceLabels) labels.set(ns, l);
  return { ok: true, policies: applyPolicies(state.policies, answer.policies).policies, namespaceLabels: labels, draftApplied: true };
}

/** Grades the console's cluster with the draft applied on top (see the rule above). */
export function gradeConsoleAnswer(
  s: Scenario,
  step: number,
  state: ClusterState,
  draft: string | undefined,
): { outcome: GradeOutcome; world?: Extract<CombinedWorld, { ok: true }> } {
  const world = combineWithDraft(s, step, state, draft);
  if (!world.ok) return { outcome: world.outcome };
  return { outcome: gradeState(s, { policies: world.policies, namespaceLabels: world.namespaceLabels, namespaces: state.namespaces }, { step }), world };
}

/**
 * A console on the scenario's cluster at `step`, with `commands` run again in order. The console
 * is deterministic (pod names come from the bank's hashes), so this rebuilds the cluster a
 * learner left: how an exam task answered in the console is graded after a restart.
 */
export async function replayConsole(
  s: Scenario,
  step: number,
  commands: readonly string[],
  options: Omit<ConsoleOptions, 'scenario'> = {},
  edits: readonly (string | null)[] = [],
): Promise<{ console: Console; entries: ConsoleEntry[] }> {
  const c = new Console({ ...options, scenario: { scenario: s, step }, ...recordedEditor(edits) });
  const entries: ConsoleEntry[] = [];
  // `exit` at the pane's prompt only closed the pane: the commands after it ran too.
  for (const command of commands) entries.push(consoleEntry(command, await c.runLine(command)));
  c.detach();
  return { console: c, entries };
}

/**
 * An editor that saves what the learner's editor saved, edit by edit, so a replay rebuilds what
 * `kubectl edit` and `vi FILE` changed; past the recording it saves the file unchanged.
 */
export function recordedEditor(edits: readonly (string | null)[]): Pick<ConsoleOptions, 'editor' | 'editorName'> {
  let next = 0;
  return {
    editor: (text) => Promise.resolve(next < edits.length ? edits[next++] : text),
    editorName: () => 'vi',
  };
}

/** Output longer than this is not kept with an attempt (its length is). */
export const KEPT_OUTPUT_LINES = 40;

export function consoleEntry(command: string, r: { lines: string[]; exitCode: number }): ConsoleEntry {
  return r.lines.length <= KEPT_OUTPUT_LINES
    ? { command, output: [...r.lines], exitCode: r.exitCode }
    : { command, outputLines: r.lines.length, exitCode: r.exitCode };
}
