// `netpol-dojo stats`: progress per topic, the exam history as a bar chart, the streak.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { flagSet, outputFormat, outputSpec, parseArgs, UsageError } from '../args.js';
import { writeData } from '../output.js';
import { openCliStore } from '../open-store.js';
import { loadBank } from '../../core/bank/load-dir.js';
import { buildStats } from '../../core/training/stats.js';
import { statsText } from '../../core/training/stats-text.js';

const USAGE = `Usage: netpol-dojo stats [-o json|yaml]

Your progress from the progress store: per module topic the attempts, pass rate and median
time; the mock exams as a bar chart (| marks the 66% pass mark); the streak of days practised.
The store is $NETPOL_DOJO_SCORES, else scores/ in a netpol-dojo clone, else (an installed
package) $XDG_STATE_HOME/netpol-dojo or ~/.local/state/netpol-dojo.
`;

export const FLAGS = {
  output: outputSpec(['json', 'yaml']),
  help: { value: false, short: 'h' },
};

export async function statsCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const output = outputFormat(args, ['json', 'yaml'] as const);
  if (args.positionals.length > 0) throw new UsageError(`stats takes no arguments (got "${args.positionals[0]}")`);

  const store = await openCliStore(io);
  const report = buildStats({ attempts: store.attempts(), exams: store.exams() }, loadBank().scenarios, new Date());

  if (output !== 'default') {
    await writeData(io, output, report);
    return 0;
  }
  const columns = (io.stdout as { columns?: number }).columns;
  io.stdout.write(statsText(report, { width: columns && columns > 40 ? Math.min(columns, 100) : 80, paint: painter(useColor(io)) }));
  return 0;
}
