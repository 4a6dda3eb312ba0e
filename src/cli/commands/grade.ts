// `netpol-dojo grade EXERCISE_ID ANSWER_FILE [--step N] [-o json|yaml] [--no-save]`
// Exit 0 passed, 1 failed, 2 bad input (unknown id, unreadable or invalid answer).
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { UsageError, flagSet, flagValue, outputFormat, outputSpec, parseArgs, type FlagSpec } from '../args.js';
import { writeData } from '../output.js';
import { openCliStore } from '../open-store.js';
import { InputError } from '../../core/findings.js';
import { readInput } from '../load-inputs.js';
import { closeIds } from '../../core/bank/bank.js';
import { loadBank, loadScenario } from '../../core/bank/load-dir.js';
import type { Bank } from '../../core/bank/bank.js';
import type { Scenario } from '../../core/bank/scenario.js';
import { gradeAnswer } from '../../core/grader/grade.js';
import { formatGradeText, gradeJson } from '../../core/grader/format.js';

const USAGE = `Usage: netpol-dojo grade EXERCISE_ID ANSWER_FILE [--step N] [-o json|yaml] [--no-save]

Grades ANSWER_FILE ("-" for stdin) against one step of an exercise (default: the last step).
  --step N         grade step N; the answer holds every policy written up to that step
  -o, --output FMT json or yaml (default: text for people)
  --no-save        do not record the attempt in the progress store
Exit status: 0 passed, 1 failed, 2 bad input.
`;

/** The bank, from $NETPOL_DOJO_EXERCISES when set (tests), else the repository's exercises/. */
export function bankFor(io: Io): Bank {
  return loadBank(io.env.NETPOL_DOJO_EXERCISES || undefined);
}

/** One exercise by id: only its own file when the prebuilt bank has it unchanged, else from the whole bank. */
export function scenarioFor(io: Io, id: string): Scenario {
  const { scenario, bank } = loadScenario(id, io.env.NETPOL_DOJO_EXERCISES || undefined);
  return scenario ?? findScenario(bank!, id);
}

export function findScenario(bank: Bank, id: string): Scenario {
  const s = bank.byId.get(id);
  if (s) return s;
  const broken = bank.findings.filter((f) => f.file.split(/[\\/]/).pop() === `${id}.yaml`);
  if (broken.length) throw new InputError(broken);
  const near = closeIds(id, [...bank.byId.keys()]);
  throw new UsageError(`no exercise "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (netpol-dojo list shows them all)`);
}

export const FLAGS: Record<string, FlagSpec> = { step: { value: true }, output: outputSpec(['json', 'yaml']), 'no-save': { value: false }, help: { value: false, short: 'h' } };

export async function gradeCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const output = outputFormat(args, ['json', 'yaml'] as const);
  if (args.positionals.length !== 2) throw new UsageError('grade needs EXERCISE_ID and ANSWER_FILE', { usage: USAGE });
  const [id, file] = args.positionals;
  const stepText = flagValue(args, 'step');
  let step: number | undefined;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText)) throw new UsageError(`--step must be a step number, not "${stepText}"`);
    step = Number(stepText);
  }
  const scenario = scenarioFor(io, id);
  if (step !== undefined && (step < 1 || step > scenario.steps.length)) {
    throw new UsageError(`${id} has ${scenario.steps.length} step${scenario.steps.length === 1 ? '' : 's'}: --step must be 1..${scenario.steps.length}`);
  }
  const shown = file === '-' ? '<stdin>' : file;
  const text = await readInput(file, io);
  // An empty answer is nothing handed in (a wrong file, a pipe that gave nothing), as matrix reads
  // an empty input: not a failed attempt to record.
  if (text.trim() === '') throw new InputError([{ severity: 'error', file: shown, line: 0, col: 0, path: '', message: 'no answer to grade: the input is empty' }]);
  const outcome = gradeAnswer(scenario, [{ file: shown, text }], step === undefined ? {} : { step });
  if (!outcome.ok) throw new InputError(outcome.findings);
  const r = outcome.result;

  // The result first: a store that cannot be written (a full disk, a read-only folder) must not
  // cost the learner the grade. The failure to record is one line on stderr, exit 2.
  if (output !== 'default') await writeData(io, output, gradeJson(r));
  else io.stdout.write(formatGradeText(r, painter(useColor(io))));
  if (!flagSet(args, 'no-save')) {
    const { recordGrade } = await import('../../store/record-grade.js');
    const { StoreError } = await import('../../store/store-error.js');
    try {
      const store = await openCliStore(io);
      await recordGrade(store, { result: r, answer: text, mode: 'cli' });
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      io.stderr.write(`netpol-dojo: the attempt was not recorded: ${e.message}\n`);
      return 2;
    }
  }
  return r.passed ? 0 : 1;
}
