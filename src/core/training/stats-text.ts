// The stats report as text: streak, totals, per-topic table and the exam bar chart. Shared by
// `netpol-dojo stats` and the TUI's stats screen.
import { formatPct, renderBarChart, type StatsReport, type TopicStats } from './stats.js';
import { formatDuration } from './exam-clock.js';
import { plain, type Paint } from './text-style.js';

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

/** The text report of `netpol-dojo stats` and the TUI's stats screen. */
export function statsText(report: StatsReport, opts: { width: number; paint?: Paint }): string {
  const paint = opts.paint ?? plain;
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
    lines.push(
      paint(
        'bold',
        `${'Topic'.padEnd(nameWidth)}  ${'attempts'.padStart(8)}  ${'passed'.padStart(6)}  ${'pass rate'.padStart(9)}  ${'median time'.padStart(12)}`,
      ),
    );
    for (const t of report.topics) lines.push(topicRow(t, nameWidth));
    lines.push('');
  }
  lines.push(...renderBarChart(report.exams, opts.width));
  if (totals.examBestPct !== null) lines.push(`Best of ${totals.examsFinished} exam${totals.examsFinished === 1 ? '' : 's'}: ${formatPct(totals.examBestPct)}`);
  return lines.join('\n') + '\n';
}
