// `netpol-dojo show`: a scenario's task from the shell (task, step, cluster, existing policies,
// questions or candidates), so that the bank can be practised with an editor and `grade` alone.
import type { Io } from '../io.js';
import { painter, useColor, type Paint } from '../io.js';
import { UsageError, flagSet, flagValue, outputFormat, outputSpec, parseArgs } from '../args.js';
import { writeData } from '../output.js';
import { InputError } from '../../core/findings.js';
import { preparedStep } from '../../core/bank/prepare.js';
import { joinDocuments, textLines } from '../../core/text/yaml-documents.js';
import { hintLines, taskLines, type Line } from '../../core/bank/describe.js';
import { solutionAnswer, type Scenario } from '../../core/bank/scenario.js';
import { scenarioFor } from './grade.js';
import { openCliStore } from '../open-store.js';

const USAGE = `Usage: netpol-dojo show EXERCISE_ID [--step N] [--hints N] [--solution] [-o json|yaml]

Prints the task of an exercise: the story, the step, the cluster, the policies that already exist,
and the questions (predict) or candidate files (pick). Then write your answer in a file and run
netpol-dojo grade EXERCISE_ID FILE [--step N].
  --step N      the step to show (default 1)
  --hints N     also show the first N hints
  --solution    also show a reference solution for the step (recorded as revealed)
`;

function parseStep(text: string | undefined, s: Scenario): number {
  if (text === undefined) return 1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > s.steps.length) throw new UsageError(`--step must be 1..${s.steps.length} for ${s.id}`);
  return n;
}

function paintLine(paint: Paint, l: Line): string {
  let t = l.text;
  if (l.color === 'red' || l.color === 'green' || l.color === 'yellow' || l.color === 'cyan') t = paint(l.color, t);
  if (l.bold) t = paint('bold', t);
  if (l.dim) t = paint('dim', t);
  return t;
}

export const FLAGS = { step: { value: true }, hints: { value: true }, solution: { value: false }, output: outputSpec(['json', 'yaml']), help: { value: false, short: 'h' } } as const;

export async function showCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('show needs EXERCISE_ID (netpol-dojo list shows them)');
  const output = outputFormat(args, ['json', 'yaml'] as const);
  const s = scenarioFor(io, args.positionals[0]);
  const step = parseStep(flagValue(args, 'step'), s);
  const hints = Math.max(0, Math.min(s.hints.length, Number(flagValue(args, 'hints') ?? 0) || 0));
  const { prepared, findings } = preparedStep(s, step);
  if (!prepared) throw new InputError(findings);
  const questions = s.steps[step - 1].questions.map((q) => q.ask);
  const solution = flagSet(args, 'solution') ? s.solutions.map((x) => solutionAnswer(x, step)).find((a) => a !== undefined) : undefined;
  if (solution) {
    const store = await openCliStore(io);
    await store.recordReveal(s.id, step);
  }

  if (output !== 'default') {
    await writeData(
      io,
      output,
        {
          id: s.id,
          title: s.title,
          kind: s.kind,
          topics: s.topics,
          difficulty: s.difficulty,
          minutes: s.minutes,
          step,
          steps: s.steps.length,
          stepTitle: s.steps[step - 1].title,
          task: s.task,
          stepTask: s.steps[step - 1].task ?? null,
          cluster: prepared.cluster,
          existing: prepared.existing.map((p) => `${p.namespace}/${p.name}`),
          questions,
          candidates: s.candidates.map((c) => ({ id: c.id, policies: c.policies.text })),
          hints: s.hints.slice(0, hints),
          ...(solution ? { solution: joinDocuments(solution.map((b) => b.text)) } : {}),
        },
    );
    return 0;
  }

  const paint = painter(useColor(io));
  const lines: Line[] = taskLines(prepared, 0);
  if (questions.length) {
    lines.push({ text: '' }, { text: 'Questions (answer each with yes or no)', bold: true });
    for (const q of questions) lines.push({ text: `  ${q}` });
  }
  for (const c of s.candidates) {
    lines.push({ text: '' }, { text: `Candidate ${c.id}`, bold: true });
    for (const l of c.policies.text.trimEnd().split('\n')) lines.push({ text: `  ${l}` });
  }
  lines.push(...hintLines(s, hints));
  if (solution) {
    lines.push({ text: '' }, { text: `Reference solution (step ${step})`, bold: true, color: 'green' });
    for (const l of textLines(joinDocuments(solution.map((b) => b.text)))) lines.push({ text: `  ${l}` });
  }
  const how =
    s.kind === 'predict'
      ? `a YAML file with one line per question, e.g. "${questions[0] ?? 'QUESTION'}: yes"`
      : s.kind === 'pick'
        ? 'a file holding "pick: ID"'
        : 'a YAML file of NetworkPolicies';
  const stepFlag = s.steps.length > 1 ? ` --step ${step}` : '';
  lines.push({ text: '' }, { text: `Answer with ${how}, then: netpol-dojo grade ${s.id} ANSWER_FILE${stepFlag}`, dim: true });
  io.stdout.write(lines.map((l) => paintLine(paint, l)).join('\n') + '\n');
  return 0;
}
