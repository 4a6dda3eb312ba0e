// `netpol-dojo compare OBSERVED.json -f FILE...`: what a real cluster did (a probe script's
// results, in the matrix -o json contract) against what netpol-dojo says for the same manifests.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { INPUT_FLAGS, UsageError, flagSet, flagValues, outputFormat, outputSpec, parseArgs, type FlagSpec } from '../args.js';
import { writeData } from '../output.js';
import { loadInputs, readInput } from '../load-inputs.js';
import { InputError } from '../../core/findings.js';
import { Engine } from '../../core/engine/engine.js';
import { PROTOCOLS, type Protocol } from '../../core/model.js';

const USAGE = `Usage: netpol-dojo compare OBSERVED.json -f FILE|DIR... [-R] [-o json|yaml]

Lines up observed results (from a probe script of \`netpol-dojo export\`, or anything in the
matrix -o json contract) with the simulated verdicts for the manifests, and lists every
connection where they differ. Exit status: 0 all agree, 1 some differ, 2 bad input.
`;

export const FLAGS: Record<string, FlagSpec> = {
  ...INPUT_FLAGS,
  output: outputSpec(['json', 'yaml']),
  help: { value: false, short: 'h' },
};

interface Observed {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  allowed: boolean;
}

function readObserved(file: string, text: string): Observed[] {
  const bad = (message: string): never => {
    throw new InputError([{ severity: 'error', file, line: 0, col: 0, path: '', message }]);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return bad(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const results = (data as { results?: unknown })?.results;
  if (!Array.isArray(results)) return bad('expected {"results": [...]} as matrix -o json prints it');
  return results.map((r, i) => {
    const o = r as Partial<Observed>;
    const ok = typeof o?.from === 'string' && typeof o.to === 'string' && Number.isInteger(o.port) && PROTOCOLS.includes(o.protocol as Protocol) && typeof o.allowed === 'boolean';
    if (!ok) bad(`results[${i}]: expected {"from", "to", "port", "protocol", "allowed"}`);
    return o as Observed;
  });
}

export async function compareCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('compare needs OBSERVED.json (and the manifests with -f)');
  const output = outputFormat(args, ['json', 'yaml'] as const);
  const observedFile = args.positionals[0];
  const observed = readObserved(observedFile === '-' ? '<stdin>' : observedFile, await readInput(observedFile, io));
  const { cluster, policies } = await loadInputs(flagValues(args, 'file'), io, { recursive: flagSet(args, 'recursive') });
  const engine = new Engine(cluster, policies);

  const differ: (Observed & { simulated: boolean | null })[] = [];
  for (const o of observed) {
    const from = engine.indexOf(o.from);
    const to = engine.indexOf(o.to);
    const simulated = from < 0 || to < 0 ? null : engine.allowed(from, to, { port: o.port, protocol: o.protocol });
    if (simulated !== o.allowed) differ.push({ ...o, simulated });
  }
  if (output !== 'default') await writeData(io, output, { connections: observed.length, agree: observed.length - differ.length, differ });
  else {
    const paint = painter(useColor(io));
    const word = (v: boolean | null) => (v === null ? 'UNKNOWN (no such pod in the manifests)' : v ? 'ALLOWED' : 'DENIED');
    const lines = [`observed vs simulated: ${observed.length} connections, ${differ.length === 0 ? 'all agree' : `${differ.length} differ`}`];
    for (const d of differ) lines.push(paint('red', `  ${d.from} -> ${d.to} ${d.port}/${d.protocol}: observed ${word(d.allowed)}, simulated ${word(d.simulated)}`));
    io.stdout.write(lines.join('\n') + '\n');
  }
  return differ.length ? 1 : 0;
}
