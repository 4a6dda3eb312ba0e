// `netpol-dojo explain -f FILE...`: each NetworkPolicy in the manifests in plain English.
// The shell only reads files, loads manifests and prints; the words come from core/explain.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { UsageError, choice, flagSet, flagValues, parseArgs } from '../args.js';
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

/** Reads the -f inputs and loads them (src/cli/load-inputs.ts); injected so tests can fake the manifest layer. */
export type LoadInputs = (files: string[], io: Io) => Promise<{ cluster: Cluster; policies: NetworkPolicy[] }>;

export async function runExplain(argv: string[], io: Io, loadInputs: LoadInputs): Promise<number> {
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
  // Unreadable files and error findings become an InputError (main prints them, exit 2);
  // warning findings go to stderr and we carry on.
  const loaded = await loadInputs(flagValues(args, 'file'), io);

  // Without pods there is nothing to count: a bare policy dump must not read as "selects no pods!".
  const cluster = loaded.cluster.pods.length > 0 ? loaded.cluster : undefined;
  const explanations = loaded.policies.map((p) => explainPolicy(p, cluster));
  if (output === 'json') {
    io.stdout.write(JSON.stringify(explanations, null, 2) + '\n');
    return 0;
  }
  if (explanations.length === 0) {
    io.stderr.write('explain: no NetworkPolicy in the input\n');
    return 0;
  }
  io.stdout.write(formatExplanations(explanations, painter(useColor(io))));
  return 0;
}

export async function explainCommand(argv: string[], io: Io): Promise<number> {
  // Imported when the command runs, so the explainer's tests need no manifest layer.
  const { loadInputs } = await import('../load-inputs.js');
  return runExplain(argv, io, loadInputs);
}
