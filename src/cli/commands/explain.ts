// `netpol-dojo explain -f FILE...`: each NetworkPolicy in the manifests in plain English.
// The shell only reads files, loads manifests and prints; the words come from core/explain.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { UsageError, choice, flagSet, flagValues, parseArgs } from '../args.js';
import type { Finding } from '../../core/findings.js';
import { formatFinding } from '../../core/findings.js';
import type { Cluster } from '../../core/model.js';
import type { NetworkPolicy } from '../../core/policy.js';
import { explainPolicy } from '../../core/explain/explain.js';
import { formatExplanations } from '../../core/explain/format.js';

export const EXPLAIN_HELP = `Usage: netpol-dojo explain -f FILE [-f FILE...] [--output text|json]

Explains each NetworkPolicy in the manifests in plain English: whom it selects,
which directions it isolates (with the API server's defaults), and what each rule
admits, with AND and OR said out loud. When the manifests also hold pods (for
example a \`kubectl get pods,ns,netpol -A -o yaml\` dump), it says which pods each
selector matches right now and warns about selectors that match nothing,
named ports no pod declares, and ipBlocks that cover pod IPs.

Options:
  -f, --file FILE    a manifest file (YAML, several documents or a List); "-" reads stdin;
                     repeat for more files
  -o, --output FMT   text (default) or json
  -h, --help         show this help

Exit status: 0 explained, 2 bad input or usage.
`;

/** The manifest layer's entry point (src/core/manifest/load.ts), injected so tests can fake it. */
export type LoadManifests = (inputs: { file: string; text: string }[]) => {
  cluster: Cluster;
  policies: NetworkPolicy[];
  findings: Finding[];
};

const STDIN_NAME = '<stdin>';

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  ENOTDIR: 'no such file',
};

type ReadResult = { ok: true; file: string; text: string } | { ok: false; line: string };

async function readInput(file: string, io: Io): Promise<ReadResult> {
  if (file === '-') return { ok: true, file: STDIN_NAME, text: await io.readStdin() };
  try {
    return { ok: true, file, text: await readFile(path.resolve(io.cwd, file), 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return { ok: false, line: `${file}: cannot read: ${READ_ERRORS[code] ?? (e as Error).message}` };
  }
}

export async function runExplain(argv: string[], io: Io, load: () => Promise<LoadManifests>): Promise<number> {
  const args = parseArgs(argv, {
    file: { value: true, repeatable: true, short: 'f' },
    output: { value: true, short: 'o' },
    help: { value: false, short: 'h' },
  });
  if (flagSet(args, 'help')) {
    io.stdout.write(EXPLAIN_HELP);
    return 0;
  }
  const output = choice(args, 'output', ['text', 'json'] as const, 'text');
  if (args.positionals.length > 0) {
    throw new UsageError(`explain: unexpected argument "${args.positionals[0]}" (files go after -f)`);
  }
  const files = flagValues(args, 'file');
  if (files.length === 0) throw new UsageError('explain: give at least one manifest with -f FILE (-f - reads stdin)');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('explain: stdin (-f -) can be read only once');

  const inputs: { file: string; text: string }[] = [];
  let unreadable = false;
  for (const file of files) {
    const r = await readInput(file, io);
    if (r.ok) inputs.push({ file: r.file, text: r.text });
    else {
      io.stderr.write(r.line + '\n');
      unreadable = true;
    }
  }
  if (unreadable) return 2;

  const loaded = (await load())(inputs);
  const errors = loaded.findings.filter((f) => f.severity === 'error');
  for (const f of loaded.findings.filter((f) => f.severity !== 'error')) io.stderr.write(formatFinding(f) + '\n');
  if (errors.length > 0) {
    for (const f of errors) io.stderr.write(formatFinding(f) + '\n');
    return 2;
  }

  // Without pods there is nothing to count: a bare policy dump must not read as "selects no pods!".
  const cluster = loaded.cluster.pods.length > 0 ? loaded.cluster : undefined;
  const explanations = loaded.policies.map((p) => explainPolicy(p, cluster));
  if (output === 'json') {
    io.stdout.write(JSON.stringify(explanations, null, 2) + '\n');
    return 0;
  }
  if (explanations.length === 0) {
    io.stderr.write(`explain: no NetworkPolicy found in ${inputs.map((i) => i.file).join(', ')}\n`);
    return 0;
  }
  io.stdout.write(formatExplanations(explanations, painter(useColor(io))));
  return 0;
}

export async function explainCommand(argv: string[], io: Io): Promise<number> {
  // Wired to src/core/manifest/load.ts as soon as that module lands.
  void argv;
  void io;
  throw new UsageError('explain: waiting for the manifest loader (src/core/manifest/load.ts)');
}
