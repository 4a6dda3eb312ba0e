// `netpol-dojo stats`: progress per topic, the exam history as a bar chart, the streak.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { flagSet, outputFormat, outputSpec, parseArgs, UsageError } from '../args.js';
import { writeData } from '../output.js';
import { openCliStore } from '../open-store.js';
import { loadBank } from '../../core/bank/load-dir.js';
import { buildStats, formatPct, renderBarChart, type StatsReport, type TopicStats } from '../../core/training/stats.js';
import { formatDuration } from '../../core/training/exam-clock.js';

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
  io.stdout.write(statsText(report, { width: columns && columns > 40 ? Math.min(columns, 100) : 80, color: useColor(io) }));
  return 0;
}

function pctOf(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

function topicRow(t: TopicStats, nameWidth: number): string {
  const name = `${t.topic.padEnd(4)} ${t.name ?? ''}`.padEnd(nameWidth);
  const time = t.medianDurationMs === null ? '-' : formatDuration(t.medianDurationMs);
  return `${name}  ${String(t.attempts).padStart(8)}  ${String(t.passes).padStart(6)}  ${pctOf(t.passRate).padStart(9)}  ${time.padStart(12)}`;
}

/** The text report; exported for the TUI's stats screen and for tests. */
export function statsText(report: StatsReport, opts: { width: number; color: boolean }): string {
  const paint = painter(opts.color);
  const { totals } = report;
  if (totals.attempts === 0 && report.exams.length === 0) {
    return 'No attempts yet. Open the trainer with `netpol-dojo`, solve a scenario, and your progress will show here.\n';
  }
  const lines: string[] = [];
  lines.push(
    `${paint('bold', 'Streak:')} ${report.streakDays === 0 ? 'no practice today or yesterday' : `${days(report.streakDays)} in a row`}`,
    `${paint('bold', 'Attempts:')} ${totals.attempts}, ${totals.passes} passed (${pctOf(totals.passRate)}), ` +
      `${totals.scenariosPassed} of ${totals.scenariosAttempted} scenarios passed, ${days(totals.daysPractised)} practised`,
    '',
  );
  if (report.topics.length) {
    const nameWidth = Math.max(5, ...report.topics.map((t) => `${t.topic.padEnd(4)} ${t.name ?? ''}`.length));
    lines.push(paint('bold', `${'Topic'.padEnd(nameWidth)}  ${'attempts'.padStart(8)}  ${'passed'.padStart(6)}  ${'pass rate'.padStart(9)}  ${'median time'.padStart(12)}`));
    for (const t of report.topics) lines.push(topicRow(t, nameWidth));
    lines.push('');
  }
  lines.push(...renderBarChart(report.exams, opts.width));
  if (totals.examBestPct !== null) lines.push(`Best of ${totals.examsFinished} exam${totals.examsFinished === 1 ? '' : 's'}: ${formatPct(totals.examBestPct)}`);
  return lines.join('\n') + '\n';
}
