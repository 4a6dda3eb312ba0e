// What a step expects, over every connection: each ordered pair of endpoints (pods that
// serve nothing, CoreDNS and the outside hosts included) times every protocol and port.
// The step's patterns decide what they name (last match wins); everything they leave out
// must stay as the step's reference solution leaves it ("nothing else is opened or closed").
import type { Finding } from '../findings.js';
import type { Cluster, Protocol } from '../model.js';
import type { NetworkPolicy } from '../policy.js';
import type { Probe } from '../engine/types.js';
import { PROTOCOLS } from '../model.js';
import { Engine } from '../engine/engine.js';
import type { PreparedStep } from '../bank/prepare.js';
import { solutionAnswer } from '../bank/scenario.js';
import { ConnectionEvaluator, portAtoms } from '../reach/connections.js';
import { ConnectionGrid } from '../reach/grid.js';
import { applyPolicies, answerAllowsNamespaces, readPolicyAnswer, relabel } from './answer.js';

export const UNGRADED = -1;
export const DENIED = 0;
export const ALLOWED = 1;
export const ANY = 2;

export const IMPLICIT_REQUIREMENT = 'nothing else is opened or closed';

export interface GradingSpace {
  prep: PreparedStep;
  /** Atoms cut at every pattern port and every port the reference's policies name. */
  grid: ConnectionGrid;
  /** Per (pair, column): UNGRADED, DENIED, ALLOWED or ANY. */
  expected: Int8Array;
  /** Per (pair, column): the requirement index deciding it. */
  requirementOf: Int16Array;
  /** Requirement names: the step's, then the implicit one when some cell falls to the reference. */
  requirementNames: string[];
  /** Index of the implicit requirement, or -1. */
  implicit: number;
  /** The edges behind `grid`, to refine with an answer's own. */
  edges: Record<Protocol, number[]>;
  /** The reference solution the implicit requirement follows (write and fix scenarios). */
  reference?: ReferenceState;
}

export type SpaceOutcome = { space: GradingSpace } | { findings: Finding[] };

const cache = new WeakMap<PreparedStep, SpaceOutcome>();

export function gradingSpace(prep: PreparedStep): SpaceOutcome {
  let hit = cache.get(prep);
  if (!hit) cache.set(prep, (hit = buildSpace(prep)));
  return hit;
}

function patternEdges(prep: PreparedStep): Record<Protocol, number[]> {
  const edges: Record<Protocol, number[]> = { TCP: [], UDP: [], SCTP: [] };
  for (const p of prep.patterns) {
    for (const port of p.ports ?? []) {
      for (const proto of port.protocol ? [port.protocol] : PROTOCOLS) edges[proto].push(port.port, (port.endPort ?? port.port) + 1);
    }
  }
  return edges;
}

/** The step's first reference solution as it stands in the cluster: namespaces relabelled, policies applied. */
export interface ReferenceState {
  cluster: Cluster;
  policies: NetworkPolicy[];
  engine: Engine;
}

/** The step's first reference solution, when the scenario kind has one. */
function referenceState(prep: PreparedStep): ReferenceState | Finding[] | undefined {
  const s = prep.scenario;
  if (s.kind !== 'write' && s.kind !== 'fix') return undefined;
  for (const sol of s.solutions) {
    const blocks = solutionAnswer(sol, prep.step);
    if (!blocks) continue;
    const answer = readPolicyAnswer(
      blocks.map((b, i) => ({ file: `${b.file}#${b.line}#${i}`, text: b.text })),
      answerAllowsNamespaces(s.kind, prep.requirements),
      prep.cluster,
    );
    if (Array.isArray(answer)) return answer.map((f) => ({ ...f, message: `scenario ${s.id}: reference solution "${sol.name}": ${f.message}` }));
    const cluster = relabel(prep.cluster, answer.namespaceLabels);
    const policies = applyPolicies(prep.existing, answer.policies).policies;
    return { cluster, policies, engine: new Engine(cluster, policies) };
  }
  return undefined;
}

function buildSpace(prep: PreparedStep): SpaceOutcome {
  const reference = referenceState(prep);
  if (Array.isArray(reference)) return { findings: reference };
  const ref = reference?.engine;
  const edges = patternEdges(prep);
  if (ref) {
    const refEdges = ref.portEdges();
    for (const proto of PROTOCOLS) edges[proto].push(...refEdges[proto]);
  }
  const atoms = portAtoms(edges);
  const engine = ref ?? prep.engine;
  const grid = new ConnectionGrid(engine.endpoints, atoms);
  prep.endpoints.forEach((e, i) => {
    if (engine.endpoints[i]?.id !== e.id) throw new Error(`grading space: endpoint ${i} is ${engine.endpoints[i]?.id}, the step has ${e.id}`);
  });
  const size = grid.pairs.length * grid.width;
  const expected = new Int8Array(size).fill(UNGRADED);
  const requirementOf = new Int16Array(size).fill(-1);
  const value = { allowed: ALLOWED, denied: DENIED, any: ANY } as const;

  for (const pat of prep.patterns) {
    // Columns the pattern's ports cover: whole atoms, since pattern ports are atom edges.
    const columns: number[] = [];
    for (const { protocol, k, column } of grid.cells()) {
      const [lo] = grid.atomRange(protocol, k);
      if (pat.ports === null || pat.ports.some((p) => (p.protocol === undefined || p.protocol === protocol) && lo >= p.port && lo <= (p.endPort ?? p.port))) columns.push(column);
    }
    for (const f of pat.froms) {
      for (const t of pat.tos) {
        const pi = grid.pair(f, t);
        if (pi < 0) continue;
        const base = pi * grid.width;
        for (const c of columns) {
          expected[base + c] = value[pat.expect];
          requirementOf[base + c] = pat.requirement;
        }
      }
    }
  }

  const requirementNames = prep.requirements.map((r) => r.name);
  // With a reference, "nothing else is opened or closed" always exists: the outside addresses that
  // ipBlocks tell apart are graded against it too (evaluate.ts), not only the cells patterns leave.
  const implicit = ref ? requirementNames.push(IMPLICIT_REQUIREMENT) - 1 : -1;
  if (ref) {
    const ev = new ConnectionEvaluator(ref, atoms);
    grid.pairs.forEach(({ from, to }, pi) => {
      const base = pi * grid.width;
      for (const proto of PROTOCOLS) {
        const verdicts = ev.atomVerdicts(from, to, proto);
        verdicts.forEach((ok, k) => {
          const at = base + grid.offset[proto] + k;
          if (expected[at] !== UNGRADED) return;
          expected[at] = ok ? ALLOWED : DENIED;
          requirementOf[at] = implicit;
        });
      }
    });
  }
  return { space: { prep, grid, expected, requirementOf, requirementNames, implicit, edges, ...(reference ? { reference } : {}) } };
}

/** A graded connection where something listens: a destination's declared port, with the verdict expected there. */
export interface ListeningCell {
  from: number;
  to: number;
  probe: Probe;
  allowed: boolean;
}

/**
 * The grading space at the ports the destinations declare (pods' container ports, the outside
 * hosts' served ports): the connections a probe on a real cluster can tell apart, since a port
 * nobody serves answers "refused" whether the policies allow it or not.
 */
export function listeningCells(space: GradingSpace): ListeningCell[] {
  const { grid, prep } = space;
  const out: ListeningCell[] = [];
  grid.pairs.forEach(({ from, to }, pi) => {
    for (const probe of prep.endpoints[to].probes) {
      const want = space.expected[pi * grid.width + grid.offset[probe.protocol] + grid.atomOf(probe.protocol, probe.port)];
      if (want === ALLOWED || want === DENIED) out.push({ from, to, probe, allowed: want === ALLOWED });
    }
  });
  return out;
}
