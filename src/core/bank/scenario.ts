// A scenario of the exercise bank after validation (format: exercises/README.md).
// Plain data with source positions; the cluster is still in its compact form here
// and is expanded per step by prepare.ts.
import type { Cni, Protocol, SourcePos } from '../model.js';
import type { ClusterSpec } from './cluster-spec.js';
import type { Command } from './command.js';

export type ScenarioKind = 'write' | 'predict' | 'fix' | 'pick';
export const SCENARIO_KINDS: readonly ScenarioKind[] = ['write', 'predict', 'fix', 'pick'];

export type Expectation = 'allowed' | 'denied' | 'any';

/** A block of YAML embedded in a scenario; `line`/`col` locate its first content character. */
export interface TextBlock {
  text: string;
  file: string;
  /** Line of the block's first text line in the scenario file (1-based). */
  line: number;
  /** Indentation removed from every line (added back to columns in findings). */
  indent: number;
}

export interface PortPattern {
  port: number;
  /** A range port..endPort (inclusive); absent: the one port. */
  endPort?: number;
  /** Absent: every protocol. */
  protocol?: Protocol;
}

export interface CellPattern {
  from: string[];
  to: string[];
  /** null: every port of every protocol. */
  ports: PortPattern[] | null;
  expect: Expectation;
  source: SourcePos;
}

export interface CheckSpec {
  from: string;
  run: string;
  command: Command;
  expect: 'success' | 'fail';
  source: SourcePos;
}

/** "A policy named NAME exists in NAMESPACE" (the task's own words, beyond traffic). */
export interface PolicyNameSpec {
  name: string;
  namespace: string;
}

/** "Refer to the port by its name": some port entry of the policy (or of any answer policy) is NAME. */
export interface NamedPortSpec {
  name: string;
  /** The policy that must use it, in the requirement's namespace; absent: any policy of the answer. */
  policy?: string;
  namespace?: string;
}

/** "Namespace NS carries these labels." */
export interface NamespaceLabelSpec {
  namespace: string;
  labels: Record<string, string>;
}

export interface Requirement {
  name: string;
  cells: CellPattern[];
  checks: CheckSpec[];
  policy?: PolicyNameSpec;
  namedPort?: NamedPortSpec;
  namespaceLabel?: NamespaceLabelSpec;
  /** The policies of this earlier step (by the names its policy requirements give) are still in place. */
  kept?: number;
  /** Relative weight within its role (goal or keep); default 1. */
  weight?: number;
  onFail?: string;
  source: SourcePos;
}

export interface Question {
  ask: string;
  /** A cell question (from, to, port) or a check question (from, run). */
  from: string;
  to?: string;
  port?: PortPattern;
  check?: CheckSpec;
  /** The hand-written right answer: true = allowed / succeeds. */
  expect: boolean;
  source: SourcePos;
}

export interface Step {
  title: string;
  task?: string;
  cluster?: ClusterSpec;
  existing?: TextBlock;
  expect: Requirement[];
  questions: Question[];
  source: SourcePos;
}

export interface Solution {
  name: string;
  /** Pieces added per step (answer at step N = pieces 0..N-1); or one answer for `forStep`. */
  pieces: TextBlock[];
  /** Set when the solution was written as `answer:`: it is the whole answer at that step. */
  forStep?: number;
  source: SourcePos;
}

export interface WrongAnswer {
  name: string;
  step: number;
  answer: TextBlock;
  feedback: string[];
  source: SourcePos;
}

export interface Candidate {
  id: string;
  policies: TextBlock;
  source: SourcePos;
}

export interface Scenario {
  id: string;
  file: string;
  title: string;
  kind: ScenarioKind;
  /** The cluster's CNI; absent: calico (policies enforced). With flannel they are stored, not enforced. */
  cni?: Cni;
  topics: string[];
  difficulty: number;
  minutes: number;
  task: string;
  cluster: ClusterSpec;
  existing?: TextBlock;
  steps: Step[];
  hints: string[];
  solutions: Solution[];
  explanation: string;
  wrong: WrongAnswer[];
  candidates: Candidate[];
}

/** The answer text of a solution at step `step` (1-based), or undefined if it gives none. */
export function solutionAnswer(s: Solution, step: number): TextBlock[] | undefined {
  if (s.forStep !== undefined) return s.forStep === step ? s.pieces : undefined;
  if (step > s.pieces.length) return undefined;
  return s.pieces.slice(0, step);
}
