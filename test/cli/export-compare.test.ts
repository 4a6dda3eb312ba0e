// export and compare without a cluster: the export loads back through our own loader, and
// the probe script runs against a fake kubectl that answers from the engine, round-tripping
// through compare with no difference.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { loadManifests } from '../../src/core/manifest/load.js';
import { Engine } from '../../src/core/engine/engine.js';
import { captureIo } from './capture-io.js';

const root = path.resolve(__dirname, '../..');
const hasBash = spawnSync('bash', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * kubectl as the probe script uses it, answered from netpol-dojo's engine over the exported
 * manifests: get pods -l (names), get pod (IP), exec ... agnhost connect (exit 0 if allowed).
 */
const FAKE_KUBECTL = `#!/usr/bin/env node
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
const { loadManifests, buildEngine } = await import(${JSON.stringify(path.join(root, 'dist', 'index.js'))});
const dir = process.env.FAKE_CLUSTER_DIR;
const inputs = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => ({ file: f, text: readFileSync(path.join(dir, f), 'utf8') }));
const loaded = loadManifests(inputs);
const engine = buildEngine(loaded);
const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const ns = flag('-n');
if (args[0] === 'get' && args[1] === 'pods') {
  const want = Object.fromEntries(flag('-l').split(',').map((kv) => kv.split('=')));
  const names = loaded.cluster.pods.filter((p) => p.namespace === ns && Object.entries(want).every(([k, v]) => p.labels[k] === v)).map((p) => p.name);
  process.stdout.write(names.map((n) => n + '\\n').join(''));
} else if (args[0] === 'get' && args[1] === 'pod') {
  process.stdout.write(loaded.cluster.pods.find((p) => p.namespace === ns && p.name === args[4]).ips[0]);
} else if (args[0] === 'exec') {
  const from = engine.indexOf(ns + '/' + args[3]);
  const target = args[args.indexOf('connect') + 1];
  const [, ip, port] = /^\\[?([^\\]]+?)\\]?:(\\d+)$/.exec(target);
  const protocol = flag('--protocol') ?? args.find((a) => a.startsWith('--protocol=')).slice('--protocol='.length);
  const to = engine.endpoints.findIndex((e) => e.ip === ip);
  process.exit(engine.allowed(from, to, { port: Number(port), protocol: protocol.toUpperCase() }) ? 0 : 1);
} else {
  process.stderr.write('fake kubectl: unexpected ' + args.join(' ') + '\\n');
  process.exit(3);
}
`;

const ANSWER = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all-ingress, namespace: netpol-test}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-client-to-web, namespace: netpol-test}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: client}}}], ports: [{port: 80}]}]
`;

let work = '';

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-export-'));
  fs.writeFileSync(path.join(work, 'answer.yaml'), ANSWER);
  fs.mkdirSync(path.join(work, 'bin'));
  fs.writeFileSync(path.join(work, 'bin', 'kubectl'), FAKE_KUBECTL, { mode: 0o755 });
}, 120_000);

async function run(args: string[]) {
  const io = captureIo({ cwd: work });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

function probe(dir: string): string {
  const r = spawnSync('bash', [path.join(dir, 'probe.sh')], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.join(work, 'bin')}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`, FAKE_CLUSTER_DIR: dir },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('export', () => {
  it('writes manifests that load back cleanly, with agnhost serving every declared port', async () => {
    const r = await run(['export', 'exercise-1', '--answer', 'answer.yaml', '-o', 'ex1']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('wrote ex1/cluster.yaml (1 namespaces, 2 deployments, 0 pods, 1 services)\nwrote ex1/policies.yaml (2 NetworkPolicies)\n');
    const dir = path.join(work, 'ex1');
    const loaded = loadManifests(['cluster.yaml', 'policies.yaml'].map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), 'utf8') })));
    expect(loaded.findings).toEqual([]);
    expect(loaded.policies.map((p) => p.name)).toEqual(['deny-all-ingress', 'allow-client-to-web']);
    const web = loaded.cluster.pods.find((p) => p.name.startsWith('web-'))!;
    expect(web.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const text = fs.readFileSync(path.join(dir, 'cluster.yaml'), 'utf8');
    expect(text).toContain('- serve-hostname\n            - --tcp\n            - --http=false\n            - --port\n            - "80"');
    expect(text).not.toContain('&'); // no YAML anchors: kubectl-friendly, diff-friendly
  });

  it.skipIf(!hasBash)('the probe script against a fake kubectl round-trips through compare with no difference', async () => {
    for (const ex of ['exercise-1', 'ports-udp', 'pattern-microsegmentation']) {
      const out = `rt-${ex}`;
      const e = await run(['export', ex, '-o', out]);
      expect(e.code, ex).toBe(0);
      const dir = path.join(work, out);
      const observed = JSON.parse(probe(dir)) as { pods: string[]; results: { from: string; to: string; port: number; protocol: 'TCP' | 'UDP' | 'SCTP'; allowed: boolean }[] };
      expect(observed.results.length, ex).toBeGreaterThan(0);
      // The observations are the engine's own verdicts for the exported manifests.
      const loaded = loadManifests(['cluster.yaml', 'policies.yaml'].map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), 'utf8') })));
      const engine = new Engine(loaded.cluster, loaded.policies);
      for (const o of observed.results) expect(o.allowed, `${ex}: ${o.from} -> ${o.to}`).toBe(engine.allowed(engine.indexOf(o.from), engine.indexOf(o.to), o));
      fs.writeFileSync(path.join(work, `${out}.json`), JSON.stringify(observed));
      const c = await run(['compare', `${out}.json`, '-f', out]);
      expect(c.code, ex).toBe(0);
      expect(c.out).toBe(`observed vs simulated: ${observed.results.length} connections, all agree\n`);
    }
  }, 240_000);

  it.skipIf(!hasBash)('compare names each connection where the cluster did otherwise, exit 1', async () => {
    await run(['export', 'exercise-1', '--answer', 'answer.yaml', '-o', 'ex1']);
    const observed = JSON.parse(probe(path.join(work, 'ex1')));
    const first = observed.results[0];
    first.allowed = !first.allowed;
    fs.writeFileSync(path.join(work, 'tampered.json'), JSON.stringify(observed));
    const c = await run(['compare', 'tampered.json', '-f', 'ex1']);
    expect(c.code).toBe(1);
    expect(c.out).toContain(`1 differ\n  ${first.from} -> ${first.to} ${first.port}/${first.protocol}: observed ${first.allowed ? 'ALLOWED' : 'DENIED'}, simulated ${first.allowed ? 'DENIED' : 'ALLOWED'}\n`);
    const json = JSON.parse((await run(['compare', 'tampered.json', '-f', 'ex1', '-o', 'json'])).out);
    expect(json.differ).toHaveLength(1);
    fs.writeFileSync(path.join(work, 'junk.json'), '{"pods": []}');
    const junk = await run(['compare', 'junk.json', '-f', 'ex1']);
    expect(junk.code).toBe(2);
    expect(junk.err).toBe('junk.json: expected {"results": [...]} as matrix -o json prints it\n');
  }, 120_000);
});
