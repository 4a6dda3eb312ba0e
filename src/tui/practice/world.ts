// What the live matrix beside the editor shows: the key pods, the world a draft makes (cluster +
// existing + draft policies, as kubectl apply would leave it) and the probe grid of that world.
// The result screen does not read the answer here: it draws the grader's own table (graded.ts).
import { Engine } from '../../core/engine/engine.js';
import type { Probe } from '../../core/engine/types.js';
import type { Finding } from '../../core/findings.js';
import type { Cluster } from '../../core/model.js';
import type { NetworkPolicy } from '../../core/policy.js';
import type { PreparedStep } from '../../core/bank/prepare.js';
import { applyPolicies, readPolicyAnswer, relabel, answerAllowsNamespaces } from '../../core/grader/answer.js';

import { ANSWER_FILE, blamedLine } from '../../core/training/answer-file.js';

export { ANSWER_FILE, blamedLine };

/** One row or column of the shown matrix: one pod per Deployment (replicas behave alike). */
export interface KeyEndpoint {
  index: number;
  label: string;
}

export interface MatrixColumn {
  to: number;
  probe: Probe;
  label: string;
  /** Another replica of `to`'s Deployment: its own row reaches it (a real connection, not self). */
  peer?: number;
}

export interface MatrixLayout {
  rows: KeyEndpoint[];
  columns: MatrixColumn[];
}

const HASHED_POD = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/;

/** "web-5f9c7d8b6-k2x9q" -> "web": the name a learner thinks in. */
export function workloadName(podName: string): string {
  return HASHED_POD.exec(podName)?.[1] ?? podName;
}

/**
 * The pods a step is about: everything outside kube-system, one per Deployment, and the
 * outside hosts when the scenario names some or expects something of them.
 */
export function matrixLayout(prep: PreparedStep): MatrixLayout {
  const eps = prep.endpoints;
  const namespaces = new Set(eps.filter((e) => e.kind === 'pod' && e.namespace !== 'kube-system').map((e) => e.namespace));
  const qualify = namespaces.size > 1;
  const seen = new Set<string>();
  const rows: KeyEndpoint[] = [];
  eps.forEach((e, index) => {
    if (e.kind !== 'pod' || e.namespace === 'kube-system') return;
    const name = workloadName(e.name);
    const label = qualify ? `${e.namespace}/${name}` : name;
    if (seen.has(label)) return;
    seen.add(label);
    rows.push({ index, label });
  });
  const declaresExternals = (prep.scenario.cluster.externals?.length ?? 0) > 0;
  const externals = eps
    .map((e, index) => ({ e, index }))
    .filter(({ e, index }) => e.kind === 'external' && (declaresExternals || prep.patterns.some((p) => p.expect === 'denied' && p.tos.includes(index))));
  const columns: MatrixColumn[] = [];
  // Columns are narrow: name the workload alone unless two namespaces share the name.
  const short = rows.map((r) => workloadName(eps[r.index].name));
  for (const [i, r] of rows.entries()) {
    const name = short.filter((x) => x === short[i]).length > 1 ? r.label : short[i];
    const e = eps[r.index];
    const peer = eps.findIndex((o, j) => j !== r.index && o.kind === 'pod' && o.namespace === e.namespace && workloadName(o.name) === workloadName(e.name));
    for (const probe of e.probes)
      columns.push({
        to: r.index,
        probe,
        label: `${name}:${probe.port}${probe.protocol === 'TCP' ? '' : '/' + probe.protocol}`,
        ...(peer >= 0 ? { peer } : {}),
      });
  }
  // DNS: a step about egress or name lookups shows whether CoreDNS answers.
  if (prep.dnsPods.length && concernsDns(prep)) columns.push({ to: prep.dnsPods[0], probe: { port: 53, protocol: 'UDP' }, label: 'kube-dns:53/UDP' });
  for (const { e, index } of externals) {
    for (const probe of e.probes) columns.push({ to: index, probe, label: `${e.name}:${probe.port}` });
  }
  return { rows, columns };
}

/** The step looks names up (a check runs nslookup) or expects something of CoreDNS, or denies egress there. */
function concernsDns(prep: PreparedStep): boolean {
  if (prep.scenario.steps[prep.step - 1]?.expect.some((r) => r.checks?.some((c) => /\b(nslookup|dig|host)\b/.test(c.run)))) return true;
  const everyone = prep.endpoints.length;
  const dns = (t: number) => prep.dnsPods.includes(t);
  // Cells about CoreDNS alone, or a deny for some pods that covers it (an egress deny).
  return prep.patterns.some((p) => (p.tos.length > 0 && p.tos.every(dns)) || (p.expect === 'denied' && p.froms.length < everyone && p.tos.some(dns)));
}

/** The world an answer makes, or the manifest layer's findings when the answer does not load. */
export type AnswerWorld = { ok: true; cluster: Cluster; policies: NetworkPolicy[] } | { ok: false; findings: Finding[] };

export function worldOfPolicyAnswer(prep: PreparedStep, text: string): AnswerWorld {
  const answer = readPolicyAnswer([{ file: ANSWER_FILE, text }], answerAllowsNamespaces(prep.scenario.kind, prep.requirements), prep.cluster);
  if (Array.isArray(answer)) return { ok: false, findings: answer };
  return { ok: true, cluster: relabel(prep.cluster, answer.namespaceLabels), policies: applyPolicies(prep.existing, answer.policies).policies };
}

export function existingWorld(prep: PreparedStep): AnswerWorld {
  return { ok: true, cluster: prep.cluster, policies: prep.existing };
}

export type Cell = boolean | undefined;

/** Allowed (true) / denied (false) for every row x column; undefined on the diagonal. */
export function gotGrid(engine: Engine, layout: MatrixLayout): Cell[][] {
  return layout.rows.map((r) =>
    layout.columns.map((c) => {
      // A workload's replicas reach each other: the row's pod to another pod of the column's Deployment.
      const to = r.index === c.to ? c.peer : c.to;
      return to === undefined ? undefined : engine.allowed(r.index, to, c.probe);
    }),
  );
}

export function engineOf(world: Extract<AnswerWorld, { ok: true }>): Engine {
  return new Engine(world.cluster, world.policies);
}

export interface LivePreview {
  grid: Cell[][];
  /** Set when the draft does not load: the grid then shows the existing policies alone. */
  problem?: { line?: number; message: string };
}

/** The matrix a draft produces (the existing policies alone while the draft has errors). */
export function previewOf(prep: PreparedStep, layout: MatrixLayout, text: string): LivePreview {
  const world = text.trim() === '' ? existingWorld(prep) : worldOfPolicyAnswer(prep, text);
  if (!world.ok) {
    return { grid: gotGrid(engineOf(existingWorld(prep) as Extract<AnswerWorld, { ok: true }>), layout), problem: blamedLine(world.findings) };
  }
  return { grid: gotGrid(engineOf(world), layout) };
}
