// `netpol-dojo explain -f FILE...`: each NetworkPolicy in the manifests in plain English.
// The shell only reads files, loads manifests and prints; the words come from core/explain.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { INPUT_FLAGS, SCOPE_FLAGS, UsageError, flagSet, flagValues, outputFormat, outputSpec, parseArgs, type FlagSpec } from '../args.js';
import { writeData } from '../output.js';
import { readScope } from '../label-selector.js';
import { selectorMatches } from '../../core/labels.js';
import type { Cluster } from '../../core/model.js';
import type { NetworkPolicy } from '../../core/policy.js';
import { explainPolicy } from '../../core/explain/explain.js';
import { formatExplanations } from '../../core/explain/format.js';

export const EXPLAIN_HELP = `Usage: netpol-dojo explain -f FILE|DIR... [-R] [-n NS ... | -A] [-l SELECTOR] [-o json|yaml]

Explains each NetworkPolicy in the manifests in plain English: whom it selects,
which directions it isolates (with the API server's defaults), and what each rule
admits, with AND and OR said out loud. When the manifests also hold pods (for
example a \`kubectl get pods,ns,netpol -A -o yaml\` dump), it says which pods each
selector matches right now and warns about selectors that match nothing,
named ports no pod declares, and ipBlocks that cover pod IPs.

Options:
  -f, --file FILE|DIR    a manifest file (YAML, several documents or a List); "-" reads stdin;
                         a directory gives its .yaml, .yml and .json files; repeat for more
  -R, --recursive        with -f DIR, also the folders below it
  -n, --namespace NS     only the policies of this namespace; repeatable
  -A, --all-namespaces   the policies of every namespace (the default; wins over -n)
  -l, --selector SEL     only the policies that select a pod with these labels (kubectl syntax)
  -o, --output FMT       json or yaml (default: text for people)
  -h, --help             show this help

Exit status: 0 explained, 2 bad input or usage.
`;

/** Reads the -f inputs and loads them (src/cli/load-inputs.ts); injected so tests can fake the manifest layer. */
export type LoadInputs = (files: string[], io: Io, options?: { recursive?: boolean }) => Promise<{ cluster: Cluster; policies: NetworkPolicy[] }>;

export const EXPLAIN_FLAGS: Record<string, FlagSpec> = {
  ...INPUT_FLAGS,
  ...SCOPE_FLAGS,
  output: outputSpec(['json', 'yaml']),
  help: { value: false, short: 'h' },
};

export async function runExplain(argv: string[], io: Io, loadInputs: LoadInputs): Promise<number> {
  const args = parseArgs(argv, EXPLAIN_FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(EXPLAIN_HELP);
    return 0;
  }
  const output = outputFormat(args, ['json', 'yaml'] as const);
  const scope = readScope(flagValues(args, 'namespace'), flagSet(args, 'all-namespaces'), flagValues(args, 'selector'));
  if (args.positionals.length > 0) {
    throw new UsageError(`explain: unexpected argument "${args.positionals[0]}" (files go after -f)`);
  }
  // Unreadable files and error findings become an InputError (main prints them, exit 2);
  // warning findings go to stderr and we carry on.
  const loaded = await loadInputs(flagValues(args, 'file'), io, { recursive: flagSet(args, 'recursive') });

  // Without pods there is nothing to count: a bare policy dump must not read as "selects no pods!".
  const cluster = loaded.cluster.pods.length > 0 ? loaded.cluster : undefined;
  const shown = loaded.policies.filter((p) => {
    if (scope.namespaces && !scope.namespaces.has(p.namespace)) return false;
    if (!scope.selector) return true;
    // -l picks policies by the pods they select (a policy's own labels say nothing of traffic).
    return loaded.cluster.pods.some((pod) => pod.namespace === p.namespace && selectorMatches(scope.selector!, pod.labels) && selectorMatches(p.podSelector, pod.labels));
  });
  const explanations = shown.map((p) => explainPolicy(p, cluster, { policies: loaded.policies }));
  if (output !== 'default') {
    await writeData(io, output, explanations);
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
