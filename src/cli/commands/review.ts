// `netpol-dojo review`: the failed attempts, newest first, grouped by scenario, each with the
// reason it failed in one line. Interactive terminal: the trainer's review screen; with
// --output or a non-terminal stdout: the list is printed.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { flagSet, flagValue, outputFormat, outputSpec, parseArgs, UsageError } from '../args.js';
import { writeData } from '../output.js';
import { openCliStore } from '../open-store.js';
import { loadBank } from '../../core/bank/load-dir.js';
import { failedAttemptsByScenario, weakSpotQueue } from '../../core/training/review.js';
import { reviewText } from '../../core/training/review-text.js';
import { isInteractive } from '../../tui/terminal.js';
import { openTrainer } from './tui.js';

const USAGE = `Usage: netpol-dojo review [-o json|yaml]

Your mistakes: every failed attempt, newest first, grouped by scenario, with the reason it
failed in one line, and the weak-spot queue (what to drill next, and why).
In an interactive terminal this opens the trainer's review screen (open a mistake to see your
answer beside a reference, retry it); with --output, or when stdout is not a terminal, it prints.
`;

export const FLAGS = {
  output: outputSpec(['json', 'yaml']),
  help: { value: false, short: 'h' },
};

export async function reviewCommand(argv: string[], io: Io, terminal: { stdin: { isTTY?: boolean } } = process): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const output = outputFormat(args, ['json', 'yaml'] as const);
  if (args.positionals.length > 0) throw new UsageError(`review takes no arguments (got "${args.positionals[0]}")`);

  if (flagValue(args, 'output') === undefined && isInteractive(terminal.stdin, io.stdout)) {
    return openTrainer(io, { name: 'review' }, { stdin: terminal.stdin, stdout: io.stdout });
  }

  const store = await openCliStore(io);
  const scenarios = loadBank(io.env.NETPOL_DOJO_EXERCISES || undefined).scenarios;
  const attempts = store.attempts();
  const groups = failedAttemptsByScenario(attempts, scenarios);
  const weak = weakSpotQueue(attempts, scenarios, new Date());
  if (output !== 'default') await writeData(io, output, { mistakes: groups, weakSpots: weak });
  else io.stdout.write(reviewText(groups, weak, painter(useColor(io))));
  return 0;
}
