// `netpol-dojo exam`: opens the trainer straight into a mock exam (or the one still running).
import type { Io } from '../io.js';
import { flagSet, flagValue, parseArgs, UsageError } from '../args.js';
import { DEFAULT_EXAM_MINUTES, DEFAULT_EXAM_TASKS } from '../../core/training/exam-plan.js';
import { openTrainer } from './tui.js';

const USAGE = `Usage: netpol-dojo exam [--tasks N] [--minutes M] [--seed S]

A timed mock exam in the trainer: ${DEFAULT_EXAM_TASKS} write and fix tasks in ${DEFAULT_EXAM_MINUTES} minutes by default, each
with a weight; no hints, no solutions, no live matrix. At zero every task is graded as its draft
stands; 66% passes. Quitting does not stop the clock: run the command again to resume the exam
(or abandon it). The same seed gives the same tasks.
Needs an interactive terminal.
`;

export const FLAGS = {
  tasks: { value: true, short: 't' },
  minutes: { value: true, short: 'm' },
  seed: { value: true, short: 's' },
  help: { value: false, short: 'h' },
};

function wholeNumber(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, not "${raw}"`);
  const n = Number(raw);
  if (n < min || !Number.isSafeInteger(n)) throw new UsageError(`--${name} must be at least ${min}, not ${raw}`);
  return n;
}

/** The exam settings from the command line (UsageError on bad flags). */
export function examOptions(argv: string[]): { tasks?: number; minutes?: number; seed?: number } | 'help' {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) return 'help';
  if (args.positionals.length > 0) throw new UsageError(`exam takes no arguments (got "${args.positionals[0]}")`);
  const tasks = wholeNumber('tasks', flagValue(args, 'tasks'), 1);
  const minutes = wholeNumber('minutes', flagValue(args, 'minutes'), 1);
  const seed = wholeNumber('seed', flagValue(args, 'seed'), 0);
  if (minutes !== undefined && minutes > 24 * 60) throw new UsageError(`--minutes must be at most ${24 * 60}, not ${minutes}`);
  return { ...(tasks !== undefined ? { tasks } : {}), ...(minutes !== undefined ? { minutes } : {}), ...(seed !== undefined ? { seed } : {}) };
}

export async function examCommand(argv: string[], io: Io, terminal: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } } = process): Promise<number> {
  const options = examOptions(argv);
  if (options === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  return openTrainer(io, { name: 'exam', autoStart: options }, terminal);
}
