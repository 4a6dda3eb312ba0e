// matrix and why from the outside: the JSON contract, exit codes and one-line errors.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {env: prod}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080, name: http}]}]}
status: {podIP: 10.1.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop, labels: {app: client}}
spec: {containers: [{name: c, image: busybox}]}
status: {podIP: 10.1.0.11}
---
apiVersion: v1
kind: Pod
metadata: {name: intruder, namespace: other}
spec: {containers: [{name: c, image: busybox}]}
status: {podIP: 10.2.0.12}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-client, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: client}}}]
    ports: [{port: http}]
`;

function write(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-cli-'));
  const file = path.join(dir, 'cluster.yaml');
  fs.writeFileSync(file, text);
  return file;
}

async function run(args: string[], stdin?: string) {
  const io = captureIo({ stdin });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('matrix --output json', () => {
  it('follows the contract: pods, probes, one result per probe and ordered pair of distinct pods', async () => {
    const file = write(CLUSTER);
    const r = await run(['matrix', '-f', file, '--output', 'json', '--port', '8080/TCP', '--port', '53/udp']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['pods', 'probes', 'results']);
    expect(j.pods).toEqual(['shop/web', 'shop/client', 'other/intruder']);
    expect(j.probes).toEqual(['8080/TCP', '53/UDP']);
    expect(j.results).toHaveLength(2 * 3 * 2);
    expect(j.results[0]).toEqual({ from: 'shop/web', to: 'shop/client', port: 8080, protocol: 'TCP', allowed: true });
    const cell = (from: string, to: string, port: number) => j.results.find((x: { from: string; to: string; port: number }) => x.from === from && x.to === to && x.port === port).allowed;
    expect(cell('shop/client', 'shop/web', 8080)).toBe(true); // named port http resolves to 8080
    expect(cell('other/intruder', 'shop/web', 8080)).toBe(false);
    expect(cell('shop/client', 'shop/web', 53)).toBe(false); // UDP 53 is not the named port
    expect(cell('shop/web', 'other/intruder', 53)).toBe(true); // no egress isolation
  });

  it('defaults to every declared port, filters namespaces, reads stdin and adds outside hosts', async () => {
    const r = await run(['matrix', '-f', '-', '-o', 'json', '-n', 'shop', '--external', '203.0.113.9'], CLUSTER);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.probes).toEqual(['8080/TCP']);
    expect(j.pods).toEqual(['shop/web', 'shop/client', '203.0.113.9']);
    expect(j.results.find((x: { from: string; to: string }) => x.from === '203.0.113.9' && x.to === 'shop/web').allowed).toBe(false);
    expect(j.results.find((x: { from: string; to: string }) => x.from === 'shop/web' && x.to === '203.0.113.9').allowed).toBe(true);
  });

  it('draws a grid whose marks do not rely on colour', async () => {
    const r = await run(['matrix', '-f', write(CLUSTER)]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('8080/TCP');
    expect(r.out).toMatch(/✓/);
    expect(r.out).toMatch(/✗/);
    expect(r.out).not.toMatch(/\x1b\[/);
  });
});

describe('why', () => {
  it('names the isolating policies and the admitting rule with its indexes', async () => {
    const r = await run(['why', '-f', write(CLUSTER), 'shop/client', 'shop/web', '8080/TCP']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ALLOWED');
    expect(r.out).toContain('isolated for ingress by shop/web-from-client');
    expect(r.out).toContain('shop/web-from-client ingress[0] (from[0]');
  });

  it('says that no rule admits a denied connection, and accepts IPs and bare names', async () => {
    const r = await run(['why', '-f', write(CLUSTER), '10.2.0.12', 'web', '8080']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('other/intruder -> shop/web on 8080/TCP: DENIED');
    expect(r.out).toContain('no ingress rule admits other/intruder');
  });

  it('gives JSON verdicts with rule references', async () => {
    const r = await run(['why', '-f', write(CLUSTER), 'shop/client', 'shop/web', '8080/TCP', '-o', 'json']);
    const v = JSON.parse(r.out);
    expect(v.allowed).toBe(true);
    expect(v.ingress.allowedBy).toEqual([{ policy: 'shop/web-from-client', direction: 'ingress', ruleIndex: 0, peerIndex: 0, portIndex: 0 }]);
  });
});

describe('bad input and usage', () => {
  it('prints FILE:LINE:COL: path: message and exits 2 on an invalid policy', async () => {
    const file = write(CLUSTER.replace('ports: [{port: http}]', 'ports: [{port: 70000}]'));
    const r = await run(['matrix', '-f', file]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:31:20: spec\\.ingress\\[0\\]\\.ports\\[0\\]\\.port: Invalid value: 70000`));
    expect(r.out).toBe('');
  });

  it('rejects unknown commands, options and bad ports with exit 2', async () => {
    expect((await run(['nope'])).code).toBe(2);
    expect((await run(['matrix', '--frob'])).code).toBe(2);
    expect((await run(['matrix', '-f', write(CLUSTER), '--port', '0'])).code).toBe(2);
    expect((await run(['matrix', '-f', '/no/such/file.yaml'])).err).toBe('/no/such/file.yaml: cannot read: no such file\n');
    expect((await run(['why', '-f', write(CLUSTER), 'shop/ghost', 'shop/web', '80'])).code).toBe(2);
  });
});

describe('hostile input', () => {
  it('keeps an error one readable line when a value or key is megabytes long', async () => {
    const longValue = write(`apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: ${'a'.repeat(1_000_000)}}}\nspec: {containers: [{name: c, image: x}]}\n`);
    const r1 = await run(['matrix', '-f', longValue]);
    expect(r1.code).toBe(2);
    expect(r1.err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r1.err.length).toBeLessThan(800);
    expect(r1.err).toMatch(/:3:\d+: metadata\.labels\.app: Invalid value: "a+\.\.\./);
    const longKey = write(`apiVersion: v1\nkind: Pod\nmetadata: {name: p, ${'k'.repeat(100_000)}: 1}\nspec: {containers: [{name: c, image: x}]}\n`);
    const r2 = await run(['matrix', '-f', longKey]);
    expect(r2.code).toBe(2);
    expect(r2.err.length).toBeLessThan(800);
  });
});
