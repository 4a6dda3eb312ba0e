// `npm run bench`: what users wait for, each beside its floor or peer measured in the same run
// (programs alternate; medians with min and max; ratios per pair of runs):
//   - the engine in-process: compile, and the whole matrix per cell against whole rows;
//   - `matrix -o json` end to end through the real binary (block YAML in, JSON to /dev/null),
//     peak RSS from the OS (/usr/bin/time), against the floor (scripts/bench-floor.mjs: start,
//     read, parse with the same yaml package, write the same bytes, no evaluation) and against
//     a naive per-cell evaluator on the same yaml package (`naive` below);
//   - growth of `matrix` from 100 to 5,000 pods, with the exponent;
//   - grade, show and list against `node -e 0`; the TUI's time to usable (bench-tui-startup.mjs);
//   - typing latency in the editor against a bare Ink echo app (bench-typing.mjs).
// Sub-commands used by the report: `answers FILE OUT PORT...` (the bitmap the floor writes
// from), `naive FILE PORT...` (the naive evaluator). BENCH_QUICK=1 runs smaller sizes.
import { Engine } from '../src/core/engine/engine.js';
import { seededRandom as rng } from '../src/core/training/exam-plan.js';
import type { Cluster, Pod, Protocol } from '../src/core/model.js';
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../src/core/policy.js';
import type { Probe } from '../src/core/engine/types.js';
import { loadManifests } from '../src/core/manifest/load.js';
import { findRepoRoot } from '../src/repo-root.js';
import { parseAllDocuments, stringify } from 'yaml';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const APPS = Array.from({ length: 24 }, (_, i) => `app${i}`);
const TIERS = ['web', 'api', 'db', 'cache'];
const ENVS = ['prod', 'staging', 'dev'];

function syntheticCluster(podCount: number, policyCount: number, seed: number): { cluster: Cluster; policies: NetworkPolicy[] } {
  // Deterministic, so every run measures the same cluster.
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const nsCount = Math.max(2, Math.round(podCount / 25));
  const namespaces = Array.from({ length: nsCount }, (_, i) => ({
    name: `ns${i}`,
    labels: { 'kubernetes.io/metadata.name': `ns${i}`, env: pick(ENVS), team: `team${i % 7}` },
  }));
  const pods: Pod[] = Array.from({ length: podCount }, (_, i) => ({
    namespace: `ns${i % nsCount}`,
    name: `pod${i}`,
    labels: { app: pick(APPS), tier: pick(TIERS), ...(r() < 0.3 ? { canary: 'true' } : {}) },
    ips: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
    ports: [
      { port: 80, protocol: 'TCP', name: 'http' },
      { port: 8080 + (i % 3), protocol: 'TCP', name: 'metrics' },
      { port: 53, protocol: 'UDP', name: 'dns' },
    ],
  }));
  const selector = (): LabelSelector => {
    const k = r();
    if (k < 0.15) return { matchLabels: {}, matchExpressions: [] };
    if (k < 0.6) return { matchLabels: { app: pick(APPS) }, matchExpressions: [] };
    if (k < 0.8) return { matchLabels: { tier: pick(TIERS) }, matchExpressions: [{ key: 'canary', operator: 'DoesNotExist', values: [] }] };
    return { matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'In', values: [pick(APPS), pick(APPS)] }] };
  };
  const nsSelector = (): LabelSelector =>
    r() < 0.2 ? { matchLabels: {}, matchExpressions: [] } : r() < 0.6 ? { matchLabels: { env: pick(ENVS) }, matchExpressions: [] } : { matchLabels: { team: `team${Math.floor(r() * 7)}` }, matchExpressions: [] };
  const peer = (): PolicyPeer => {
    const k = r();
    if (k < 0.35) return { podSelector: selector() };
    if (k < 0.55) return { namespaceSelector: nsSelector() };
    if (k < 0.85) return { podSelector: selector(), namespaceSelector: nsSelector() };
    const third = Math.floor(r() * 4);
    return { ipBlock: { cidr: `10.0.${third * 64}.0/18`, except: r() < 0.5 ? [`10.0.${third * 64 + 1}.0/24`] : [] } };
  };
  const ports = (): PolicyPort[] => {
    const k = r();
    if (k < 0.25) return [];
    if (k < 0.55) return [{ protocol: 'TCP', protocolDefaulted: true, port: 80 }];
    if (k < 0.7) return [{ protocol: 'TCP', protocolDefaulted: false, port: 'metrics' }];
    if (k < 0.85) return [{ protocol: 'TCP', protocolDefaulted: false, port: 8000, endPort: 8081 }];
    return [{ protocol: 'UDP', protocolDefaulted: false, port: 53 }, { protocol: 'TCP', protocolDefaulted: false }];
  };
  const rules = (n: number): PolicyRule[] => Array.from({ length: n }, () => ({ peers: Array.from({ length: Math.floor(r() * 3) }, peer), ports: ports() }));
  const policies: NetworkPolicy[] = Array.from({ length: policyCount }, (_, i) => {
    const hasEgress = r() < 0.4;
    return {
      namespace: `ns${i % nsCount}`,
      name: `policy${i}`,
      podSelector: selector(),
      policyTypes: hasEgress ? ['Ingress', 'Egress'] : ['Ingress'],
      policyTypesDefaulted: false,
      ingress: rules(Math.floor(r() * 3)),
      egress: hasEgress ? rules(1 + Math.floor(r() * 2)) : [],
    };
  });
  return { cluster: { namespaces, pods, services: [], externals: [] }, policies };
}


// ---- statistics ---------------------------------------------------------------------------

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x: number, digits = 0) => x.toFixed(digits);
const stats = (xs: number[], unit = 'ms', digits = 0) => `median ${fmt(median(xs), digits)} ${unit} (min ${fmt(Math.min(...xs), digits)}, max ${fmt(Math.max(...xs), digits)})`;
/** Ratio of medians, with the min and max of the per-run ratios (runs alternate in pairs). */
function ratio(a: number[], b: number[]): string {
  const per = a.map((x, i) => x / b[i]);
  return `${fmt(median(a) / median(b), 2)}x (per run ${fmt(Math.min(...per), 2)}-${fmt(Math.max(...per), 2)})`;
}

// ---- inputs -------------------------------------------------------------------------------

/** The synthetic cluster as block YAML manifests, as `kubectl get -o yaml` gives them. */
function asBlockYaml(cluster: Cluster, policies: NetworkPolicy[]): string {
  const docs: unknown[] = [
    ...cluster.namespaces.map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: n.labels } })),
    ...cluster.pods.map((p) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: { containers: [{ name: 'c', image: 'x', ports: p.ports.map((c) => ({ containerPort: c.port, protocol: c.protocol, name: c.name })) }] },
      status: { podIP: p.ips[0] },
    })),
    ...policies.map((np) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: np.name, namespace: np.namespace },
      spec: {
        podSelector: np.podSelector,
        policyTypes: np.policyTypes,
        ingress: np.ingress.map((r) => ({ from: r.peers, ports: r.ports.map(({ protocol, port, endPort }) => ({ protocol, port, endPort })) })),
        egress: np.egress.map((r) => ({ to: r.peers, ports: r.ports.map(({ protocol, port, endPort }) => ({ protocol, port, endPort })) })),
      },
    })),
  ];
  return docs.map((d) => stringify(d)).join('---\n');
}

const PROBES = ['80/TCP', '53/UDP'];
const asProbe = (t: string): Probe => {
  const [port, protocol] = t.split('/');
  return { port: Number(port), protocol: protocol as Protocol };
};

function writeCase(dir: string, pods: number, policies: number): string {
  const file = path.join(dir, `cluster-${pods}.yaml`);
  const { cluster, policies: nps } = syntheticCluster(pods, policies, pods * 31 + policies);
  writeFileSync(file, asBlockYaml(cluster, nps));
  return file;
}

// ---- sub-commands ---------------------------------------------------------------------------

/** One bit per (probe, from, to), row-major: the answers the floor writes without evaluating. */
function answers(file: string, out: string, probes: string[]): void {
  const loaded = loadManifests([{ file, text: readFileSync(file, 'utf8') }]);
  const engine = new Engine(loaded.cluster, loaded.policies);
  const n = engine.endpoints.length;
  const bits = new Uint8Array(Math.ceil((probes.length * n * n) / 8));
  probes.forEach((t, p) => {
    const rowOf = engine.rowsForProbe(asProbe(t));
    for (let a = 0; a < n; a++) {
      const row = rowOf(a);
      for (let b = 0; b < n; b++) {
        const bit = (p * n + a) * n + b;
        if (row.has(b)) bits[bit >>> 3] |= 1 << (bit & 7);
      }
    }
  });
  writeFileSync(out, bits);
}

interface NaiveSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface NaivePeer {
  podSelector?: NaiveSelector;
  namespaceSelector?: NaiveSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface NaiveRule {
  peers?: NaivePeer[];
  ports?: { protocol?: string; port?: number | string; endPort?: number }[];
}

/**
 * The naive evaluator: the same yaml package, then for every cell every policy of the two
 * namespaces, straight from the API reference (IPv4 only, as the synthetic clusters are), and
 * the JSON built cell by cell. The peer `matrix` must beat.
 */
async function naive(file: string, probes: string[]): Promise<void> {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' }).map((d) => d.toJS() as Record<string, any>);
  const nsLabels = new Map<string, Record<string, string>>();
  const pods: { id: string; ns: string; labels: Record<string, string>; ip: number; ports: { port: number; protocol: string; name?: string }[] }[] = [];
  const policies: { ns: string; sel: NaiveSelector; types: string[]; ingress: NaiveRule[]; egress: NaiveRule[] }[] = [];
  const v4 = (t: string) => t.split('.').reduce((x, o) => x * 256 + Number(o), 0);
  const inCidr = (ip: number, cidr: string) => {
    const [base, len] = cidr.split('/');
    const size = 2 ** (32 - Number(len));
    return Math.floor(ip / size) === Math.floor(v4(base) / size);
  };
  for (const d of docs) {
    if (d?.kind === 'Namespace') nsLabels.set(d.metadata.name, { 'kubernetes.io/metadata.name': d.metadata.name, ...(d.metadata.labels ?? {}) });
    if (d?.kind === 'Pod') {
      pods.push({
        id: `${d.metadata.namespace}/${d.metadata.name}`,
        ns: d.metadata.namespace,
        labels: d.metadata.labels ?? {},
        ip: v4(d.status.podIP),
        ports: d.spec.containers.flatMap((c: any) => (c.ports ?? []).map((p: any) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP', name: p.name }))),
      });
    }
    if (d?.kind === 'NetworkPolicy') {
      const spec = d.spec ?? {};
      const rules = (rs: any[] | undefined, key: string) => (rs ?? []).map((r) => ({ peers: r?.[key] ?? [], ports: r?.ports ?? [] }));
      policies.push({ ns: d.metadata.namespace, sel: spec.podSelector ?? {}, types: spec.policyTypes ?? ['Ingress'], ingress: rules(spec.ingress, 'from'), egress: rules(spec.egress, 'to') });
    }
  }
  const matches = (sel: NaiveSelector | undefined, labels: Record<string, string>): boolean => {
    for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (labels[k] !== v) return false;
    for (const r of sel?.matchExpressions ?? []) {
      const has = Object.prototype.hasOwnProperty.call(labels, r.key);
      const ok = r.operator === 'In' ? has && r.values!.includes(labels[r.key]) : r.operator === 'NotIn' ? !has || !r.values!.includes(labels[r.key]) : r.operator === 'Exists' ? has : !has;
      if (!ok) return false;
    }
    return true;
  };
  type P = (typeof pods)[number];
  const peerOk = (peer: NaivePeer, policyNs: string, other: P): boolean => {
    if (peer.ipBlock) return inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((e) => inCidr(other.ip, e));
    if (peer.namespaceSelector ? !matches(peer.namespaceSelector, nsLabels.get(other.ns) ?? {}) : other.ns !== policyNs) return false;
    return !peer.podSelector || matches(peer.podSelector, other.labels);
  };
  const portOk = (rule: NaiveRule, dest: P, probe: Probe): boolean =>
    (rule.ports ?? []).length === 0 ||
    rule.ports!.some((p) => {
      if ((p.protocol ?? 'TCP') !== probe.protocol) return false;
      if (p.port === undefined) return true;
      if (typeof p.port === 'number') return p.endPort === undefined ? p.port === probe.port : probe.port >= p.port && probe.port <= p.endPort;
      return dest.ports.some((c) => c.name === p.port && c.protocol === probe.protocol && c.port === probe.port);
    });
  const side = (pod: P, type: 'Ingress' | 'Egress', other: P, dest: P, probe: Probe): boolean => {
    let isolated = false;
    for (const np of policies) {
      if (np.ns !== pod.ns || !np.types.includes(type) || !matches(np.sel, pod.labels)) continue;
      isolated = true;
      for (const r of type === 'Ingress' ? np.ingress : np.egress) if (((r.peers ?? []).length === 0 || r.peers!.some((pe) => peerOk(pe, np.ns, other))) && portOk(r, dest, probe)) return true;
    }
    return !isolated;
  };
  const out = process.stdout;
  const write = (s: string) => (out.write(s) ? undefined : new Promise<void>((resolve) => out.once('drain', resolve)));
  await write(`{"pods":[${pods.map((p) => JSON.stringify(p.id)).join(',')}],"probes":[${probes.map((p) => JSON.stringify(p)).join(',')}],"results":[`);
  let first = true;
  for (const t of probes) {
    const probe = asProbe(t);
    for (const a of pods) {
      const parts: string[] = [];
      for (const b of pods) {
        if (a === b) continue;
        const allowed = side(a, 'Egress', b, b, probe) && side(b, 'Ingress', a, b, probe);
        parts.push(`{"from":${JSON.stringify(a.id)},"to":${JSON.stringify(b.id)},"port":${probe.port},"protocol":"${probe.protocol}","allowed":${allowed}}`);
      }
      await write((first ? '' : ',') + parts.join(','));
      first = false;
    }
  }
  await write(']}\n');
}

// ---- measuring programs ----------------------------------------------------------------------

const root = findRepoRoot() ?? process.cwd();
const bin = path.join(root, 'bin', 'netpol-dojo.js');
const floor = path.join(root, 'scripts', 'bench-floor.mjs');
const self = path.join(root, 'dist', 'bench.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Run {
  ms: number;
  /** Peak resident set in MiB, from the OS (undefined without /usr/bin/time). */
  peakMiB?: number;
}

/** Runs a program with stdout to /dev/null; wall time from here, peak RSS from /usr/bin/time. */
function runProgram(argv: string[], work: string, env: NodeJS.ProcessEnv = {}): Run {
  const devnull = openSync('/dev/null', 'w');
  const report = path.join(work, 'time.txt');
  try {
    const full = TIME ? [TIME, '-f', '%M', '-o', report, ...argv] : argv;
    const t0 = process.hrtime.bigint();
    const r = spawnSync(full[0], full.slice(1), { stdio: ['ignore', devnull, 'pipe'], env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')}: exit ${r.status}\n${r.stderr}`);
    return { ms, ...(TIME ? { peakMiB: Number(readFileSync(report, 'utf8').trim().split('\n').pop()) / 1024 } : {}) };
  } finally {
    closeSync(devnull);
  }
}

/** sha1 of a program's stdout, streamed (untimed: proves two programs write the same bytes). */
function outputDigest(argv: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha1');
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (c: Buffer) => hash.update(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(hash.digest('hex')) : reject(new Error(`${argv.join(' ')}: exit ${code}`))));
  });
}

/** Alternates the programs for `runs` rounds (order flipped every round), after one warm-up each. */
function alternate(programs: Record<string, string[]>, runs: number, work: string): Record<string, Run[]> {
  const names = Object.keys(programs);
  for (const n of names) runProgram(programs[n], work);
  const out: Record<string, Run[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) for (const n of i % 2 ? [...names].reverse() : names) out[n].push(runProgram(programs[n], work));
  return out;
}

function printRuns(runs: Record<string, Run[]>, peer: string): void {
  for (const [name, rs] of Object.entries(runs)) {
    const ms = rs.map((r) => r.ms);
    const rss = rs[0].peakMiB === undefined ? '' : `  peak RSS ${stats(rs.map((r) => r.peakMiB!), 'MiB')}`;
    const vs = name === peer ? '' : `  = ${ratio(ms, runs[peer].map((r) => r.ms))} ${peer}`;
    console.log(`  ${name.padEnd(12)} ${stats(ms)}${rss}${vs}`);
  }
}

// ---- the report ------------------------------------------------------------------------------

function engineInProcess(podCount: number, policyCount: number, probes: Probe[]): void {
  const { cluster, policies } = syntheticCluster(podCount, policyCount, podCount * 31 + policyCount);
  const t0 = performance.now();
  const engine = new Engine(cluster, policies);
  const compile = performance.now() - t0;
  const n = engine.endpoints.length;
  // Per cell (forProbe, the old path) and whole rows (rowsForProbe), alternating, on fresh engines.
  const perCell: number[] = [];
  const rows: number[] = [];
  let allowedA = 0;
  let allowedB = 0;
  for (let i = 0; i < 3; i++) {
    for (const way of i % 2 ? ['rows', 'cell'] : ['cell', 'rows']) {
      const e = new Engine(cluster, policies);
      const t = performance.now();
      let allowed = 0;
      for (const probe of probes) {
        if (way === 'cell') {
          const cell = e.forProbe(probe);
          for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b && cell(a, b)) allowed++;
        } else {
          const rowOf = e.rowsForProbe(probe);
          for (let a = 0; a < n; a++) {
            const row = rowOf(a);
            for (let b = 0; b < n; b++) if (a !== b && row.has(b)) allowed++;
          }
        }
      }
      (way === 'cell' ? perCell : rows).push(performance.now() - t);
      if (way === 'cell') allowedA = allowed;
      else allowedB = allowed;
    }
  }
  if (allowedA !== allowedB) throw new Error(`rows and cells disagree at ${podCount} pods`);
  const cells = n * (n - 1) * probes.length;
  console.log(
    `  pods ${String(podCount).padStart(5)}  policies ${String(policyCount).padStart(5)}  probes ${probes.length}  cells ${String(cells).padStart(10)}  compile ${fmt(compile)} ms  ` +
      `matrix per cell ${stats(perCell)}  whole rows ${stats(rows)} = ${ratio(rows, perCell)} per cell`,
  );
}

async function report(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1';
  const work = mkdtempSync(path.join(tmpdir(), 'netpol-bench-'));
  try {
    console.log('netpol-dojo benchmark: every figure beside its floor or peer, measured in the same run (medians, min, max)\n');

    console.log('engine, in-process (synthetic clusters; compile, then every ordered pair x probe):');
    const P = (port: number, protocol: Protocol = 'TCP'): Probe => ({ port, protocol });
    engineInProcess(100, 50, [P(80), P(8081), P(53, 'UDP')]);
    engineInProcess(1000, 500, [P(80), P(8081), P(53, 'UDP')]);
    if (!quick) engineInProcess(5000, 2500, [P(80), P(53, 'UDP')]);

    const probeArgs = PROBES.flatMap((p) => ['-p', p]);
    const matrixArgs = (file: string) => ['node', bin, 'matrix', '-f', file, '-o', 'json', ...probeArgs];
    const floorArgs = (file: string, bits: string) => ['node', floor, file, bits, ...PROBES];
    const caseFor = (pods: number) => {
      const file = writeCase(work, pods, pods / 2);
      const bits = path.join(work, `answers-${pods}`);
      answers(file, bits, PROBES);
      return { file, bits };
    };

    const small = quick ? 300 : 1000;
    console.log(`\nmatrix -o json end to end at ${small} pods x ${small / 2} policies x ${PROBES.length} probes (block YAML in, JSON to /dev/null):`);
    const c1 = caseFor(small);
    const naiveArgs = ['node', self, 'naive', c1.file, ...PROBES];
    const want = await outputDigest(matrixArgs(c1.file));
    for (const [name, argv] of [['floor', floorArgs(c1.file, c1.bits)], ['naive', naiveArgs]] as const) {
      if ((await outputDigest([...argv])) !== want) throw new Error(`${name} does not write the bytes matrix writes`);
    }
    console.log('  (matrix, floor and naive write the same bytes: sha1 compared)');
    const r1 = alternate({ matrix: matrixArgs(c1.file), floor: floorArgs(c1.file, c1.bits), naive: naiveArgs }, quick ? 3 : 5, work);
    printRuns(r1, 'floor');
    console.log(`  naive / matrix: ${ratio(r1.naive.map((r) => r.ms), r1.matrix.map((r) => r.ms))} (target >= 4x)`);

    const big = quick ? 1000 : 3000;
    console.log(`\nmatrix -o json end to end at ${big} pods x ${big / 2} policies x ${PROBES.length} probes (block YAML in, JSON to /dev/null):`);
    const c3 = caseFor(big);
    const r3 = alternate({ matrix: matrixArgs(c3.file), floor: floorArgs(c3.file, c3.bits) }, 3, work);
    printRuns(r3, 'floor');
    console.log(`  (target: matrix <= 1.25x floor, peak RSS < 1024 MiB)`);

    console.log('\ngrowth of matrix -o json (policies = pods / 2, 2 probes; one run each after a warm-up):');
    const sizes = quick ? [100, 300, 1000] : [100, 1000, 3000, 5000];
    const times: number[] = [];
    for (const pods of sizes) {
      const file = pods === big ? c3.file : pods === small ? c1.file : writeCase(work, pods, pods / 2);
      runProgram(matrixArgs(file), work);
      const r = runProgram(matrixArgs(file), work);
      times.push(r.ms);
      const k = times.length - 1;
      const exp = k === 0 ? '' : `  exponent from ${sizes[k - 1]}: ${fmt(Math.log(times[k] / times[k - 1]) / Math.log(pods / sizes[k - 1]), 2)}`;
      console.log(`  pods ${String(pods).padStart(5)}  ${fmt(r.ms)} ms${r.peakMiB === undefined ? '' : `  peak RSS ${fmt(r.peakMiB)} MiB`}${exp}`);
    }
    console.log(`  exponent ${sizes[0]} -> ${sizes[sizes.length - 1]}: ${fmt(Math.log(times[times.length - 1] / times[0]) / Math.log(sizes[sizes.length - 1] / sizes[0]), 2)} (2 = the output's n^2 cells)`);

    console.log('\nstart-up of the scripted commands against node -e 0 (9 rounds):');
    const scores = path.join(work, 'scores');
    const answer = path.join(work, 'answer.yaml');
    const shown = spawnSync('node', [bin, 'show', 'exercise-1', '--solution', '--output', 'json'], { encoding: 'utf8', env: { ...process.env, NETPOL_DOJO_SCORES: scores } });
    writeFileSync(answer, (JSON.parse(shown.stdout) as { solution: string }).solution);
    const env = { NETPOL_DOJO_SCORES: scores };
    const startups: Record<string, string[]> = {
      'node -e 0': ['node', '-e', '0'],
      grade: ['node', bin, 'grade', 'exercise-1', answer, '--no-save'],
      show: ['node', bin, 'show', 'exercise-1'],
      list: ['node', bin, 'list'],
    };
    const names = Object.keys(startups);
    for (const n of names) runProgram(startups[n], work, env);
    const s: Record<string, Run[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let i = 0; i < 9; i++) for (const n of i % 2 ? [...names].reverse() : names) s[n].push(runProgram(startups[n], work, env));
    printRuns(s, 'node -e 0');
    console.log('  (target: grade, show, list <= 2.5x node -e 0)');

    if (process.env.BENCH_TUI !== '0' && spawnSync('tmux', ['-V']).status === 0) {
      console.log('\nTUI (scripts/bench-tui-startup.mjs, tmux at 100x30):');
      const tui = spawnSync('node', [path.join(root, 'scripts', 'bench-tui-startup.mjs'), quick ? '3' : '5'], { encoding: 'utf8' });
      process.stdout.write(tui.stdout.replace(/^/gm, '  ') + (tui.status === 0 ? '' : `  (failed: ${tui.stderr})\n`));
      console.log('\ntyping in the editor (scripts/bench-typing.mjs):');
      const typing = spawnSync('node', [path.join(root, 'scripts', 'bench-typing.mjs'), quick ? '2' : '4', '15'], { encoding: 'utf8' });
      process.stdout.write(typing.stdout.replace(/^/gm, '  ') + (typing.status === 0 ? '' : `  (failed: ${typing.stderr})\n`));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'answers') answers(rest[0], rest[1], rest.slice(2));
else if (mode === 'naive') await naive(rest[0], rest.slice(1));
else await report();
