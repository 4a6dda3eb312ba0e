// `matrix -o json` writes whole rows of pre-encoded bytes; this proves the bytes are exactly
// those of the cell-by-cell writer it replaced (kept below as the oracle), on random clusters:
// label selectors of every operator, namespace selectors, ipBlocks with except (IPv4, IPv6),
// named ports, ranges, outside hosts, namespace filters, default and explicit probes.
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/main.js';
import { loadManifests } from '../../src/core/manifest/load.js';
import { Engine, defaultProbes } from '../../src/core/engine/engine.js';
import { probeKey, type Probe } from '../../src/core/engine/types.js';
import { seededRandom } from '../../src/core/training/exam-plan.js';
import { PIECE_BYTES } from '../../src/cli/buffer-writer.js';
import { ConnectionEvaluator } from '../../src/core/reach/connections.js';

/** The connections writer before shared encoded sets: JSON.stringify per pair. */
function connectionsOracle(text: string, namespaces: string[], externals: string[]): string {
  const { cluster, policies } = loadManifests([{ file: 'x.yaml', text }]);
  for (const ip of externals) if (!cluster.externals.some((x) => x.ip === ip)) cluster.externals.push({ name: ip, ip, ports: [] });
  const engine = new Engine(cluster, policies);
  const ev = new ConnectionEvaluator(engine);
  const rows = engine.endpoints.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'external' || namespaces.length === 0 || namespaces.includes(e.namespace!)).map(({ i }) => i);
  const ids = rows.map((i) => JSON.stringify(engine.endpoints[i].id));
  const parts: string[] = [];
  for (let a = 0; a < rows.length; a++) {
    for (let b = 0; b < rows.length; b++) {
      if (a === b) continue;
      const set = ev.connections(rows[a], rows[b]);
      parts.push(`{"from":${ids[a]},"to":${ids[b]},"allowed":{"TCP":${JSON.stringify(set.TCP)},"UDP":${JSON.stringify(set.UDP)},"SCTP":${JSON.stringify(set.SCTP)}}}`);
    }
  }
  return `{"endpoints":[${ids.join(',')}],"connections":[${parts.join(',')}]}\n`;
}

/** The JSON writer before whole rows: one string per cell, joined per row. */
function oracle(text: string, probesAsked: Probe[], namespaces: string[], externals: string[]): string {
  const { cluster, policies } = loadManifests([{ file: 'x.yaml', text }]);
  for (const ip of externals) if (!cluster.externals.some((x) => x.ip === ip)) cluster.externals.push({ name: ip, ip, ports: [] });
  const engine = new Engine(cluster, policies);
  const uniq = new Map<string, Probe>();
  for (const p of probesAsked.length ? probesAsked : defaultProbes(cluster)) uniq.set(probeKey(p), p);
  const probes = [...uniq.values()];
  const rows = engine.endpoints.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'external' || namespaces.length === 0 || namespaces.includes(e.namespace!)).map(({ i }) => i);
  const ids = rows.map((i) => JSON.stringify(engine.endpoints[i].id));
  let out = `{"pods":[${ids.join(',')}],"probes":[${probes.map((p) => JSON.stringify(probeKey(p))).join(',')}],"results":[`;
  let first = true;
  for (const probe of probes) {
    const tail = `,"port":${probe.port},"protocol":"${probe.protocol}","allowed":`;
    const cell = engine.forProbe(probe);
    for (let a = 0; a < rows.length; a++) {
      const parts: string[] = [];
      for (let b = 0; b < rows.length; b++) if (a !== b) parts.push(`{"from":${ids[a]},"to":${ids[b]}${tail}${cell(rows[a], rows[b])}}`);
      if (parts.length === 0) continue;
      out += (first ? '' : ',') + parts.join(',');
      first = false;
    }
  }
  return out + ']}\n';
}

function randomManifests(seed: number, podCount: number): string {
  const r = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const v6 = r() < 0.25;
  const keys = ['app', 'tier', 'team'];
  const values = ['a', 'b', 'c'];
  const labels = () => Object.fromEntries(keys.filter(() => r() < 0.6).map((k) => [k, pick(values)]));
  const nss = ['ns-x', 'ns-y', 'ns-z'];
  const docs: unknown[] = nss.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: labels() } }));
  for (let i = 0; i < podCount; i++) {
    docs.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}`, namespace: pick(nss), labels: labels() },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'x',
            ports: [
              { containerPort: 80, ...(r() < 0.5 ? { name: 'http' } : {}) },
              { containerPort: 81 + Math.floor(r() * 3), protocol: pick(['TCP', 'UDP', 'SCTP']), ...(r() < 0.4 ? { name: 'alt' } : {}) },
            ],
          },
        ],
      },
      status: { podIP: v6 ? `fd00:10::${(i + 1).toString(16)}` : `10.0.${i >> 4}.${(i & 15) * 16 + 1}` },
    });
  }
  const ops = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
  const selector = () => {
    const s: Record<string, unknown> = {};
    if (r() < 0.5) s.matchLabels = { [pick(keys)]: pick(values) };
    if (r() < 0.4) {
      const operator = pick(ops);
      s.matchExpressions = [{ key: pick(keys), operator, ...(operator === 'In' || operator === 'NotIn' ? { values: [pick(values), pick(values)] } : {}) }];
    }
    return s;
  };
  // [cidr, an except inside it]
  const blocks = v6
    ? [['fd00:10::/64', 'fd00:10::/126'], ['fd00:10::/124', 'fd00:10::/126'], ['fd00::/8', 'fd00:10::/126']]
    : [['10.0.0.0/16', '10.0.0.0/28'], ['10.0.0.0/24', '10.0.0.0/28'], ['10.0.1.0/25', '10.0.1.0/30'], ['0.0.0.0/0', '10.0.1.0/30']];
  const peer = () => {
    const k = r();
    if (k < 0.3) return { podSelector: selector() };
    if (k < 0.5) return { namespaceSelector: selector() };
    if (k < 0.75) return { podSelector: selector(), namespaceSelector: selector() };
    const [cidr, except] = pick(blocks);
    return { ipBlock: { cidr, ...(r() < 0.5 ? {} : { except: [except] }) } };
  };
  const ports = () => {
    const k = r();
    if (k < 0.3) return undefined;
    if (k < 0.5) return [{ port: 80 }];
    if (k < 0.65) return [{ port: pick(['http', 'alt']), protocol: pick(['TCP', 'UDP']) }];
    if (k < 0.8) return [{ port: 80, endPort: 82 }];
    return [{ protocol: pick(['UDP', 'SCTP']) }];
  };
  const rules = (dir: 'from' | 'to') => Array.from({ length: Math.floor(r() * 3) }, () => ({ ...(r() < 0.8 ? { [dir]: Array.from({ length: 1 + Math.floor(r() * 2) }, peer) } : {}), ...(ports() ? { ports: ports() } : {}) }));
  const policyCount = 1 + Math.floor(r() * 6);
  for (let i = 0; i < policyCount; i++) {
    const types = pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
    docs.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `np${i}`, namespace: pick(nss) },
      spec: { podSelector: selector(), policyTypes: types, ...(types.includes('Ingress') ? { ingress: rules('from') } : {}), ...(types.includes('Egress') ? { egress: rules('to') } : {}) },
    });
  }
  return docs.map((d) => stringify(d)).join('---\n');
}

async function matrixBytes(file: string, args: string[]): Promise<{ code: number; text: string; chunks: number[]; stderr: string }> {
  const chunks: Buffer[] = [];
  const stdout = Object.assign(new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(Buffer.from(c)), cb()) }), { isTTY: false });
  const errors: string[] = [];
  const stderr = new Writable({ write: (c, _e, cb) => (errors.push(String(c)), cb()) });
  const code = await runCli(['matrix', '-f', file, '-o', 'json', ...args], { stdout, stderr, env: {}, cwd: process.cwd(), readStdin: async () => '' });
  return { code, text: Buffer.concat(chunks).toString('utf8'), chunks: chunks.map((c) => c.length), stderr: errors.join('') };
}

describe('matrix -o json bytes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'netpol-matrix-bytes-'));

  it('are the cell-by-cell writer\'s on random clusters', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const text = randomManifests(seed, 3 + (seed % 17));
      const file = path.join(dir, `c${seed}.yaml`);
      writeFileSync(file, text);
      const r = seededRandom(seed * 7);
      const probes: Probe[] = r() < 0.5 ? [] : [{ port: 80, protocol: 'TCP' }, { port: 81 + Math.floor(r() * 3), protocol: r() < 0.5 ? 'UDP' : 'SCTP' }];
      const namespaces = r() < 0.3 ? ['ns-x'] : [];
      const externals = r() < 0.3 ? ['10.0.200.1', '192.0.2.7'] : [];
      const args = [...probes.flatMap((p) => ['-p', probeKey(p)]), ...namespaces.flatMap((n) => ['-n', n]), ...externals.flatMap((e) => ['-e', e])];
      const got = await matrixBytes(file, args);
      expect(got.code, `seed ${seed}: ${got.stderr}`).toBe(0);
      expect(got.text, `seed ${seed}`).toBe(oracle(text, probes, namespaces, externals));
    }
  });

  it('with --connections are the per-pair writer\'s on random clusters', async () => {
    for (let seed = 101; seed <= 140; seed++) {
      const text = randomManifests(seed, 3 + (seed % 13));
      const file = path.join(dir, `k${seed}.yaml`);
      writeFileSync(file, text);
      const r = seededRandom(seed * 5);
      const namespaces = r() < 0.3 ? ['ns-x'] : [];
      const externals = r() < 0.4 ? ['10.0.200.1', '192.0.2.7'] : [];
      const got = await matrixBytes(file, ['--connections', ...namespaces.flatMap((n) => ['-n', n]), ...externals.flatMap((e) => ['-e', e])]);
      expect(got.code, `seed ${seed}: ${got.stderr}`).toBe(0);
      expect(got.text, `seed ${seed}`).toBe(connectionsOracle(text, namespaces, externals));
    }
  });

  it('go out in pieces no larger than a buffer, and stay exact across piece boundaries', async () => {
    const text = randomManifests(99, 120);
    const file = path.join(dir, 'big.yaml');
    writeFileSync(file, text);
    const got = await matrixBytes(file, ['-p', '80/TCP', '-p', '81/UDP', '-p', '82/SCTP']);
    expect(got.chunks.length).toBeGreaterThan(3);
    expect(Math.max(...got.chunks)).toBeLessThanOrEqual(PIECE_BYTES);
    expect(got.text).toBe(oracle(text, [{ port: 80, protocol: 'TCP' }, { port: 81, protocol: 'UDP' }, { port: 82, protocol: 'SCTP' }], [], []));
  });
});
