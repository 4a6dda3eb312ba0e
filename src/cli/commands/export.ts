// `netpol-dojo export EXERCISE [--step N] [--answer FILE] [-o DIR]`: the scenario as kubectl
// manifests and a probe script, to try the same exercise on a real cluster (kind with Calico
// or Cilium) and to check the simulator against a real CNI with `compare`.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Io } from '../io.js';
import { UsageError, flagSet, flagValue, parseArgs, type FlagSpec } from '../args.js';
import { readInput } from '../load-inputs.js';
import { scenarioFor } from './grade.js';
import { InputError } from '../../core/findings.js';
import { preparedStep } from '../../core/bank/prepare.js';
import { gradingSpace, listeningCells } from '../../core/grader/expected.js';
import { applyPolicies, answerKindAllowsNamespaces, readPolicyAnswer, relabel } from '../../core/grader/answer.js';
import { loadManifests } from '../../core/manifest/load.js';
import { podId, type Cluster, type Pod } from '../../core/model.js';
import { probeKey } from '../../core/engine/types.js';
import { containersFor, exportCluster, type ExportedWorkload } from '../../core/export/manifests.js';
import { probeScript, type ProbeConnection, type ProbeEndpoint } from '../../core/export/probe-script.js';

const USAGE = `Usage: netpol-dojo export EXERCISE [--step N] [--answer FILE] [-o DIR]

Writes the exercise's cluster for a real one (default folder: ./EXERCISE):
  cluster.yaml    namespaces, Deployments and Pods (agnhost containers that serve the
                  scenario's ports) and Services
  policies.yaml   the policies that already exist at that step, then your answer's
  probe.sh        kubectl exec + agnhost connect for every graded connection; prints the
                  observed results in the matrix -o json contract
Then on the cluster: kubectl apply -f DIR/cluster.yaml, wait for the pods, apply
policies.yaml, run DIR/probe.sh > observed.json, and netpol-dojo compare observed.json -f DIR.
  --step N           the step (default: the last)
  --answer FILE      your answer (NetworkPolicies) to add to the existing policies
  -o, --output-dir DIR   where to write (created if missing)
kube-system (CoreDNS) and hosts outside the cluster are left out: the real cluster has its own.
`;

export const FLAGS: Record<string, FlagSpec> = {
  step: { value: true },
  answer: { value: true, path: true },
  'output-dir': { value: true, short: 'o', path: true },
  help: { value: false, short: 'h' },
};

const yamlDocs = async (docs: unknown[]): Promise<string> => docs.map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');

export async function exportCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('export needs EXERCISE (netpol-dojo list shows them)');
  const s = scenarioFor(io, args.positionals[0]);
  const stepText = flagValue(args, 'step');
  const step = stepText === undefined ? s.steps.length : Number(stepText);
  if (!Number.isInteger(step) || step < 1 || step > s.steps.length) throw new UsageError(`--step must be 1..${s.steps.length} for ${s.id}`);
  const { prepared, findings } = preparedStep(s, step);
  if (!prepared) throw new InputError(findings);

  let cluster: Cluster = prepared.cluster;
  let policies = prepared.existing;
  const answerFile = flagValue(args, 'answer');
  if (answerFile !== undefined) {
    const text = await readInput(answerFile, io);
    const answer = readPolicyAnswer([{ file: answerFile === '-' ? '<stdin>' : answerFile, text }], answerKindAllowsNamespaces(s.kind), cluster);
    if (Array.isArray(answer)) throw new InputError(answer);
    cluster = relabel(cluster, answer.namespaceLabels);
    policies = applyPolicies(policies, answer.policies).policies;
  }

  const exported = exportCluster(cluster, policies);
  const clusterText = `# netpol-dojo export ${s.id} (step ${step}): ${s.title}\n${await yamlDocs(exported.cluster)}`;
  const policiesText = exported.policies.length ? await yamlDocs(exported.policies) : '# no NetworkPolicies at this step\n';

  // The export must read back cleanly: the probe script names pods as netpol-dojo loads them.
  const loaded = loadManifests([{ file: 'cluster.yaml', text: clusterText }, { file: 'policies.yaml', text: policiesText }]);
  const broken = loaded.findings.filter((f) => f.severity === 'error');
  if (broken.length) throw new Error(`the export does not load back: ${broken.map((f) => f.message).join('; ')}`);

  const endpointOf = endpointMap(exported.workloads, loaded.cluster);
  const connections: ProbeConnection[] = [];
  const seen = new Set<string>();
  // The graded connections where something listens (a probe elsewhere is refused either way).
  const space = gradingSpace(prepared);
  if ('findings' in space) throw new InputError(space.findings);
  for (const cell of listeningCells(space.space)) {
    const from = endpointOf.get(prepared.endpoints[cell.from].id);
    const to = endpointOf.get(prepared.endpoints[cell.to].id);
    if (!from || !to || from.id === to.id) continue;
    const key = `${from.id} ${to.id} ${probeKey(cell.probe)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    connections.push({ from, to, probe: cell.probe });
  }

  const dir = path.resolve(io.cwd, flagValue(args, 'output-dir') ?? s.id);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'cluster.yaml'), clusterText);
  await writeFile(path.join(dir, 'policies.yaml'), policiesText);
  const script = path.join(dir, 'probe.sh');
  await writeFile(script, probeScript(`netpol-dojo export ${s.id} (step ${step})`, connections));
  await chmod(script, 0o755);

  const shown = path.relative(io.cwd, dir) || '.';
  const count = (kind: string) => exported.cluster.filter((m) => (m as { kind: string }).kind === kind).length;
  io.stdout.write(
    [
      `wrote ${path.join(shown, 'cluster.yaml')} (${count('Namespace')} namespaces, ${count('Deployment')} deployments, ${count('Pod')} pods, ${count('Service')} services)`,
      `wrote ${path.join(shown, 'policies.yaml')} (${exported.policies.length} NetworkPolicies)`,
      `wrote ${path.join(shown, 'probe.sh')} (${connections.length} connections)`,
      `next: kubectl apply -f ${path.join(shown, 'cluster.yaml')} && kubectl wait --for=condition=Ready pod --all -A --timeout=120s && kubectl apply -f ${path.join(shown, 'policies.yaml')}`,
      `      ${path.join(shown, 'probe.sh')} > observed.json && netpol-dojo compare observed.json -f ${shown}`,
      '',
    ].join('\n'),
  );
  return 0;
}

/** Scenario pod id -> where the probe finds it: the k-th pod of its exported workload. */
function endpointMap(workloads: ExportedWorkload[], loaded: Cluster): Map<string, ProbeEndpoint> {
  const out = new Map<string, ProbeEndpoint>();
  for (const w of workloads) {
    const ids: string[] =
      w.kind === 'Pod'
        ? [`${w.namespace}/${w.name}`]
        : loaded.pods.filter((p: Pod) => p.namespace === w.namespace && p.workload?.kind === 'Deployment' && p.workload.name === w.name).map(podId);
    const container = String(containersFor(w.pods[0].ports)[0].name);
    w.pods.forEach((pod, k) => {
      if (ids[k]) out.set(podId(pod), { id: ids[k], workload: w, ordinal: k + 1, container });
    });
  }
  return out;
}
