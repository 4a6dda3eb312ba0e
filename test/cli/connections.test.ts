// `matrix --connections` and `why FROM TO` without a port: exact sets over every port.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
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
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: client}}}]
    ports: [{port: http}, {port: 9000, endPort: 9100}, {protocol: UDP, port: 53}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: client-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 203.0.113.0/24}}]
`;

async function run(args: string[], stdin = CLUSTER) {
  const io = captureIo({ stdin });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('matrix --connections', () => {
  it('prints the JSON contract: one entry per ordered pair, merged inclusive ranges per protocol', async () => {
    const r = await run(['matrix', '-f', '-', '--connections', '-o', 'json', '--external', '203.0.113.9']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['endpoints', 'connections']);
    expect(j.endpoints).toEqual(['shop/web', 'shop/client', '203.0.113.9']);
    expect(j.connections).toHaveLength(6);
    const get = (from: string, to: string) => j.connections.find((c: { from: string; to: string }) => c.from === from && c.to === to).allowed;
    // client is isolated for egress: only the outside block; web admits client on its named port, a range and UDP 53.
    expect(get('shop/client', 'shop/web')).toEqual({ TCP: [], UDP: [], SCTP: [] });
    expect(get('shop/client', '203.0.113.9')).toEqual({ TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] });
    expect(get('shop/web', 'shop/client')).toEqual({ TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] });
    expect(get('203.0.113.9', 'shop/web')).toEqual({ TCP: [], UDP: [], SCTP: [] });
  });

  it('draws a grid of short texts and refuses --port beside it', async () => {
    const r = await run(['matrix', '-f', '-', '--connections']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 shop/web');
    expect(r.out).toMatch(/none/);
    expect(r.out).toMatch(/all/);
    const bad = await run(['matrix', '-f', '-', '--connections', '--port', '80']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/leave out --port/);
  });
});

describe('why without a port', () => {
  const open = CLUSTER.replace(/---\napiVersion: networking.k8s.io\/v1\nkind: NetworkPolicy\nmetadata: {name: client-out[\s\S]*$/, '');

  it('gives the connection set and the rule behind each stretch of ports', async () => {
    const r = await run(['why', '-f', '-', 'shop/client', 'shop/web'], open);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('shop/client -> shop/web: allowed TCP 8080,9000-9100; UDP 53');
    expect(r.out).toContain('TCP port 8080: allowed');
    expect(r.out).toContain('shop/web-in ingress[0]');
    expect(r.out).toMatch(/TCP ports 8081-8999: denied/);
    expect(r.out).toMatch(/SCTP every port: denied/);
  });

  it('prints JSON with the set and its segments', async () => {
    const r = await run(['why', '-f', '-', 'shop/client', 'shop/web', '-o', 'json'], open);
    const j = JSON.parse(r.out);
    expect(j.allowed).toEqual({ TCP: [[8080, 8080], [9000, 9100]], UDP: [[53, 53]], SCTP: [] });
    expect(j.segments.filter((s: { allowed: boolean }) => s.allowed).map((s: { ports: number[] }) => s.ports)).toEqual([[8080, 8080], [9000, 9100], [53, 53]]);
  });
});
