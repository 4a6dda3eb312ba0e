// `netpol-dojo list [-o json|yaml|name|wide]`: the exercise bank with each exercise's status.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { UsageError, flagSet, outputFormat, outputSpec, parseArgs } from '../args.js';
import { writeData } from '../output.js';
import { formatFinding } from '../../core/findings.js';
import { loadBankSummaries } from '../../core/bank/load-dir.js';
import { openCliStore } from '../open-store.js';

export const FLAGS = { output: outputSpec(['json', 'yaml', 'name', 'wide']), help: { value: false, short: 'h' } } as const;

export async function listCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write('Usage: netpol-dojo list [-o json|yaml|name|wide]\n\nLists the exercises with id, title, kind, topics, difficulty and your status.\n  -o name   only the ids (for scripts and shell completion)\n  -o wide   also the steps and the minutes each takes\n');
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`list takes no arguments (got "${args.positionals[0]}")`);
  const output = outputFormat(args, ['json', 'yaml', 'name', 'wide'] as const);
  const bank = loadBankSummaries(io.env.NETPOL_DOJO_EXERCISES || undefined);
  for (const f of bank.findings) io.stderr.write(formatFinding(f) + '\n');
  const store = await openCliStore(io);
  const rows = bank.summaries.map((s) => ({
    id: s.id,
    title: s.title,
    kind: s.kind,
    topics: s.topics,
    difficulty: s.difficulty,
    minutes: s.minutes,
    steps: s.steps,
    status: store.statusOf(s.id, s.steps),
  }));
  if (output === 'json' || output === 'yaml') {
    await writeData(io, output, rows);
    return 0;
  }
  if (output === 'name') {
    io.stdout.write(rows.map((r) => r.id + '\n').join(''));
    return 0;
  }
  const wide = output === 'wide';
  const paint = painter(useColor(io));
  const idw = Math.max(2, ...rows.map((r) => r.id.length));
  const tw = Math.max(6, ...rows.map((r) => r.topics.join(',').length));
  io.stdout.write(`${'ID'.padEnd(idw)}  ${'KIND'.padEnd(7)}  ${'DIFF '}  ${'STATUS'.padEnd(6)}  ${'TOPICS'.padEnd(tw)}  ${wide ? 'STEPS  MIN  ' : ''}TITLE\n`);
  for (const r of rows) {
    const status = r.status === 'passed' ? paint('green', 'passed') : r.status === 'failed' ? paint('red', 'failed') : 'new   ';
    io.stdout.write(`${r.id.padEnd(idw)}  ${r.kind.padEnd(7)}  ${'*'.repeat(r.difficulty).padEnd(5)}  ${status}  ${r.topics.join(',').padEnd(tw)}  ${wide ? `${String(r.steps).padStart(5)}  ${String(r.minutes).padStart(3)}  ` : ''}${r.title}\n`);
  }
  return 0;
}
