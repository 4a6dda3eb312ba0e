// `netpol-dojo version [-o json|yaml]`: what runs, and what it models.
import type { Io } from '../io.js';
import { UsageError, flagSet, outputFormat, outputSpec, parseArgs } from '../args.js';
import { writeData } from '../output.js';
import { packageVersion } from '../../repo-root.js';

/** The Kubernetes release whose NetworkPolicy semantics and validation the engine follows. */
export const KUBERNETES_TARGET = '1.35';

export const FLAGS = { output: outputSpec(['json', 'yaml']), help: { value: false, short: 'h' } } as const;

const USAGE = `Usage: netpol-dojo version [-o json|yaml]

The version of netpol-dojo, the Node.js running it, and the Kubernetes release whose
NetworkPolicy rules it follows.
`;

export async function versionCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`version takes no arguments (got "${args.positionals[0]}")`);
  const output = outputFormat(args, ['json', 'yaml'] as const);
  const info = { netpolDojo: packageVersion(), node: process.version, kubernetes: KUBERNETES_TARGET };
  if (output !== 'default') await writeData(io, output, info);
  else io.stdout.write(`netpol-dojo ${info.netpolDojo}\nNode.js ${info.node}\nNetworkPolicy semantics of Kubernetes ${info.kubernetes}\n`);
  return 0;
}
