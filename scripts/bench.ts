// `npm run bench`: the engine on synthetic clusters of 100, 1,000 and 5,000 pods with
// proportional policies (mixed selectors, AND/OR peers, ipBlocks with except, numeric,
// named and ranged ports, ingress and egress). Prints pods, policies, cells and times.
import { Engine } from '../src/core/engine/engine.js';
import { seededRandom as rng } from '../src/core/training/exam-plan.js';
import type { Cluster, Pod, Protocol } from '../src/core/model.js';
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../src/core/policy.js';
import type { Probe } from '../src/core/engine/types.js';
import { Writable } from 'node:stream';
import { loadManifests } from '../src/core/manifest/load.js';
import { runCli } from '../src/cli/main.js';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
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

function run(podCount: number, policyCount: number, probes: Probe[]): void {
  const { cluster, policies } = syntheticCluster(podCount, policyCount, podCount * 31 + policyCount);
  const t0 = performance.now();
  const engine = new Engine(cluster, policies);
  const t1 = performance.now();
  let allowed = 0;
  const n = engine.endpoints.length;
  for (const probe of probes) {
    const cell = engine.forProbe(probe);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b && cell(a, b)) allowed++;
  }
  const t2 = performance.now();
  const cells = n * (n - 1) * probes.length;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    [
      `pods ${String(podCount).padStart(5)}`,
      `policies ${String(policyCount).padStart(5)}`,
      `probes ${probes.length}`,
      `cells ${String(cells).padStart(11)}`,
      `allowed ${(100 * allowed / cells).toFixed(1).padStart(5)}%`,
      `compile ${(t1 - t0).toFixed(0).padStart(5)} ms`,
      `matrix ${(t2 - t1).toFixed(0).padStart(6)} ms`,
      `total ${(t2 - t0).toFixed(0).padStart(6)} ms`,
      `rss ${rss.toFixed(0)} MiB`,
    ].join('  '),
  );
}

const P = (port: number, protocol: Protocol = 'TCP'): Probe => ({ port, protocol });
console.log('netpol-dojo engine benchmark (synthetic clusters; compile = policies to endpoint sets, matrix = every ordered pair x probe)');
run(100, 50, [P(80), P(8081), P(53, 'UDP')]);
run(1000, 500, [P(80), P(8081), P(53, 'UDP')]);
run(5000, 2000, [P(80), P(53, 'UDP')]);

/** The same synthetic cluster as YAML manifests, as `kubectl get -o yaml` would give them. */
function asYaml(cluster: Cluster, policies: NetworkPolicy[]): string {
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
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}

/** End to end, as `matrix -f FILE --output json` runs: read YAML, validate, compile, stream JSON. */
async function endToEnd(podCount: number, policyCount: number, ports: string[]): Promise<void> {
  const { cluster, policies } = syntheticCluster(podCount, policyCount, podCount * 31 + policyCount);
  const dir = mkdtempSync(path.join(tmpdir(), 'netpol-bench-'));
  const file = path.join(dir, 'cluster.yaml');
  writeFileSync(file, asYaml(cluster, policies));
  let bytes = 0;
  const sink = Object.assign(new Writable({ write: (chunk, _e, cb) => { bytes += chunk.length; cb(); } }), { isTTY: false });
  const t0 = performance.now();
  const loaded = loadManifests([{ file, text: asYaml(cluster, policies) }]);
  const t1 = performance.now();
  const code = await runCli(['matrix', '-f', file, '--output', 'json', ...ports.flatMap((p) => ['--port', p])], {
    stdout: sink, stderr: process.stderr, env: {}, cwd: process.cwd(), readStdin: async () => '' });
  const t2 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0 || loaded.findings.some((f) => f.severity === 'error')) throw new Error('end-to-end bench input did not load');
  console.log(`pods ${String(podCount).padStart(5)}  policies ${String(policyCount).padStart(5)}  probes ${ports.length}  load+validate ${(t1 - t0).toFixed(0)} ms  matrix --output json ${(t2 - t1).toFixed(0)} ms (${(bytes / 2 ** 20).toFixed(0)} MiB of JSON)`);
}

console.log('end to end (YAML manifests -> validated cluster -> JSON matrix, as the CLI runs):');
await endToEnd(1000, 500, ['80/TCP', '8081/TCP', '53/UDP']);
