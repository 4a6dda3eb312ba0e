// `netpol-dojo review`: the failed attempts, newest first, grouped by scenario, each with the
// reason it failed in one line. Interactive terminal: the trainer's review screen; with
// --output or a non-terminal stdout: the list is printed.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { flagSet, flagValue, outputFormat, outputSpec, parseArgs, UsageError } from '../args.js';
import { writeData } from '../output.js';
import { openCliStore } from '../open-store.js';
import { loadBank } from '../../core/bank/load-dir.js';
import { failedAttemptsByScenario, weakSpotQueue, type FailureGroup, type WeakSpot } from '../../core/training/review.js';
import { dayKey } from '../../core/training/calendar.js';
import { applyNoColor, isInteractive } from '../../tui/terminal.js';

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

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${dayKey(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** The printed list (exported for tests). */
export function reviewText(groups: readonly FailureGroup[], weak: readonly WeakSpot[], color: boolean): string {
  const paint = painter(color);
  if (groups.length === 0) return 'No failed attempts yet.\n';
  const lines: string[] = [];
  for (const g of groups) {
    lines.push(paint('bold', `${g.exerciseId}${g.title ? `  ${g.title}` : ''}`) + (g.passedSince ? paint('green', '  (passed since)') : ''));
    for (const f of g.failures) lines.push(`  ${when(f.finishedAt)}  step ${f.step}  ${f.mode.padEnd(8)} ${paint('red', f.reason)}`);
  }
  lines.push('', paint('bold', `Weak spots (${weak.filter((w) => w.due).length} due)`));
  if (weak.length === 0) lines.push('  none');
  weak.forEach((w, i) => lines.push(`  ${i + 1}. ${w.exerciseId}  ${paint('dim', w.why)}`));
  return lines.join('\n') + '\n';
}

export async function reviewCommand(argv: string[], io: Io, terminal: { stdin: { isTTY?: boolean } } = process): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const output = outputFormat(args, ['json', 'yaml'] as const);
  if (args.positionals.length > 0) throw new UsageError(`review takes no arguments (got "${args.positionals[0]}")`);

  if (flagValue(args, 'output') === undefined && isInteractive(terminal.stdin, io.stdout)) {
    applyNoColor(process.env);
    const { startApp } = await import('../../tui/start.js');
    return startApp({ env: io.env, initialScreen: { name: 'review' } });
  }

  const store = await openCliStore(io);
  const scenarios = loadBank(io.env.NETPOL_DOJO_EXERCISES || undefined).scenarios;
  const attempts = store.attempts();
  const groups = failedAttemptsByScenario(attempts, scenarios);
  const weak = weakSpotQueue(attempts, scenarios, new Date());
  if (output !== 'default') await writeData(io, output, { mistakes: groups, weakSpots: weak });
  else io.stdout.write(reviewText(groups, weak, useColor(io)));
  return 0;
}
