// `netpol-dojo diff -f BASE... --against NEW...`: the connections a change of policies (or of
// labels) adds and removes, grouped by workload. Exit 1 when something changed, as diff(1).
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { SCOPE_FLAGS, UsageError, flagSet, flagValue, flagValues, outputFormat, outputSpec, parseArgs, type FlagSpec } from '../args.js';
import { writeData } from '../output.js';
import { loadInputs } from '../load-inputs.js';
import { parseExternalIp } from '../probes.js';
import { readScope } from '../label-selector.js';
import { selectorMatches } from '../../core/labels.js';
import { Engine } from '../../core/engine/engine.js';
import type { Cluster } from '../../core/model.js';
import { diffConnections, hasChanges, type ConnectionDiff } from '../../core/diff/diff.js';
import { connectionText } from '../../core/reach/ports.js';
import { workloadLabel } from '../../core/workload/workloads.js';

const USAGE = `Usage: netpol-dojo diff -f BASE... --against NEW... [-R] [-n NS ... | -A] [-l SELECTOR] [--by workload|pod] [-o json|yaml]

The connections a change adds and removes: BASE is the cluster and policies as they are, NEW
as they would be (other policies, other labels). Per pair of workloads present in both, the
exact connections over every port and protocol that are gained (+) or lost (-). What you want
to see before \`kubectl apply\`, or after a fix drill ("what did my change do?").
  -f, --file FILE|DIR      the base manifests; repeatable; "-" reads stdin
  --against FILE|DIR       the new manifests; repeatable
  -R, --recursive          with a directory, also the folders below it
  -n, --namespace NS       the connections of pods of this namespace, with everyone; repeatable (-A: every namespace)
  -l, --selector SEL       the connections of pods whose labels match, with everyone (kubectl syntax)
  -e, --external IP        compare a host outside the cluster too; repeatable
  --by workload|pod        group by workload (the default) or list every pod pair
  -o, --output FMT         json or yaml (default: text for people)
Exit status: 0 no change, 1 something changed, 2 bad input or usage.
`;

export const FLAGS: Record<string, FlagSpec> = {
  file: { value: true, repeatable: true, short: 'f', path: true },
  against: { value: true, repeatable: true, path: true },
  recursive: { value: false, short: 'R' },
  ...SCOPE_FLAGS,
  external: { value: true, repeatable: true, short: 'e' },
  by: { value: true, choices: ['workload', 'pod'] },
  output: outputSpec(['json', 'yaml']),
  help: { value: false, short: 'h' },
};

export async function diffCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`diff takes no positional arguments (got "${args.positionals[0]}"); use -f BASE --against NEW`);
  const output = outputFormat(args, ['json', 'yaml'] as const);
  const by = flagValue(args, 'by') ?? 'workload';
  if (by !== 'workload' && by !== 'pod') throw new UsageError(`--by must be workload or pod, not "${by}"`);
  if (flagValues(args, 'against').length === 0) throw new UsageError('diff needs the new manifests: --against FILE|DIR (and the base with -f)');
  const scope = readScope(flagValues(args, 'namespace'), flagSet(args, 'all-namespaces'), flagValues(args, 'selector'));
  const externals = flagValues(args, 'external').map(parseExternalIp);
  const recursive = flagSet(args, 'recursive');
  const base = await loadInputs(flagValues(args, 'file'), io, { recursive });
  const next = await loadInputs(flagValues(args, 'against'), io, { recursive });
  for (const c of [base.cluster, next.cluster]) for (const ip of externals) if (!c.externals.some((x) => x.ip === ip)) c.externals.push({ name: ip, ip, ports: [] });

  // -n and -l choose the pods the diff is about; their connections with everyone are compared.
  const scoped = scope.namespaces !== undefined || scope.selector !== undefined;
  const inScope = (cluster: Cluster) => {
    const pods = new Map(cluster.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
    return (id: string): boolean => {
      const pod = pods.get(id);
      if (!pod) return !scoped; // an outside host: compared with the chosen pods only
      if (scope.namespaces && !scope.namespaces.has(pod.namespace)) return false;
      return !scope.selector || selectorMatches(scope.selector, pod.labels);
    };
  };
  const inBase = inScope(base.cluster);
  const inNext = inScope(next.cluster);
  const d = diffConnections(new Engine(base.cluster, base.policies), new Engine(next.cluster, next.policies), { selected: (id) => inBase(id) || inNext(id) });
  const changed = hasChanges(d);
  if (output !== 'default') await writeData(io, output, diffData(d, by));
  else io.stdout.write(diffText(d, by, useColor(io)));
  return changed ? 1 : 0;
}

function diffData(d: ConnectionDiff, by: 'workload' | 'pod') {
  const changes =
    by === 'pod'
      ? d.pairs.map((p) => ({ from: p.from, to: p.to, added: p.added, removed: p.removed }))
      : d.groups.map((g) => ({ from: g.from.id, to: g.to.id, added: g.added, removed: g.removed, changedPairs: g.changedPairs, pairs: g.pairs }));
  return { changed: hasChanges(d), changes, onlyInBase: d.onlyInBase, onlyInNew: d.onlyInNew };
}

export function diffText(d: ConnectionDiff, by: 'workload' | 'pod', color: boolean): string {
  const paint = painter(color);
  const lines: string[] = [];
  const entries =
    by === 'pod'
      ? d.pairs.map((p) => ({ from: p.from, to: p.to, added: p.added, removed: p.removed, part: '' }))
      : d.groups.map((g) => ({
          from: workloadLabel(g.from),
          to: workloadLabel(g.to),
          added: g.added,
          removed: g.removed,
          part: g.changedPairs < g.pairs ? ` (${g.changedPairs} of ${g.pairs} pod pairs)` : '',
        }));
  let gained = 0;
  let lost = 0;
  for (const e of entries) {
    const a = connectionText(e.added);
    const r = connectionText(e.removed);
    if (a !== 'none') {
      gained++;
      lines.push(paint('green', `+ ${e.from} -> ${e.to}: ${a}`) + e.part);
    }
    if (r !== 'none') {
      lost++;
      lines.push(paint('red', `- ${e.from} -> ${e.to}: ${r}`) + e.part);
    }
  }
  if (d.onlyInBase.length) lines.push(`only in the base (not compared): ${d.onlyInBase.join(', ')}`);
  if (d.onlyInNew.length) lines.push(`only in the new input (not compared): ${d.onlyInNew.join(', ')}`);
  const unit = by === 'pod' ? 'pod pair' : 'workload pair';
  if (!hasChanges(d)) lines.push('no change: every connection is the same');
  else if (entries.length) lines.push(`${entries.length} ${unit}${entries.length === 1 ? '' : 's'} changed: ${gained} gained connections, ${lost} lost some`);
  return lines.join('\n') + '\n';
}
