// matrix --by workload (mixed cells) and diff -f BASE --against NEW.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const CLUSTER = `apiVersion: v1
kind: Pod
metadata:
  name: web-6b7f8d9c5d-aaaaa
  namespace: shop
  labels: {app: web, pod-template-hash: 6b7f8d9c5d}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6b7f8d9c5d, controller: true}]
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
status: {podIP: 10.0.0.1}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-6b7f8d9c5d-bbbbb
  namespace: shop
  labels: {app: web, pod-template-hash: 6b7f8d9c5d, track: canary}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6b7f8d9c5d, controller: true}]
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
status: {podIP: 10.0.0.2}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  replicas: 1
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: postgres, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop, labels: {app: debug}}
spec: {containers: [{name: c, image: busybox}]}
status: {podIP: 10.0.0.9}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: canary-no-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {track: canary}}
  policyTypes: [Egress]
`;

function files(texts: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-wd-'));
  for (const [n, t] of Object.entries(texts)) fs.writeFileSync(path.join(dir, n), t);
  return dir;
}

async function run(args: string[], cwd: string) {
  const io = captureIo({ cwd });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('matrix --by workload', () => {
  it('rows are workloads with pod counts; a cell that differs between pods is mixed', async () => {
    const dir = files({ 'c.yaml': CLUSTER });
    const r = await run(['matrix', '-f', 'c.yaml', '--by', 'workload', '-p', '5432'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        // web -> anything is mixed: the canary pod may not send at all, its sibling may.
        '5432/TCP                        1  2  3',
        '1 shop/web [Deployment, 2 pods] ~  ~  ~',
        '2 shop/db [StatefulSet, 1 pod]  ✓  ·  ✓',
        '3 shop/debug [Pod]              ✓  ✗  ·',
        '',
        '✓ allowed   ✗ denied   ~ mixed (differs between pods of a workload)   · one pod, itself   rows: from, columns: to',
        '',
      ].join('\n'),
    );
  });

  it('-o json: workloads with kinds and pod counts; allowed is true, false or "mixed"', async () => {
    const dir = files({ 'c.yaml': CLUSTER });
    const j = JSON.parse((await run(['matrix', '-f', 'c.yaml', '--by', 'workload', '-p', '5432', '-o', 'json'], dir)).out);
    expect(j.workloads).toEqual([
      { id: 'shop/deploy/web', kind: 'Deployment', namespace: 'shop', name: 'web', pods: 2 },
      { id: 'shop/sts/db', kind: 'StatefulSet', namespace: 'shop', name: 'db', pods: 1 },
      { id: 'shop/pod/debug', kind: 'Pod', namespace: 'shop', name: 'debug', pods: 1 },
    ]);
    const cell = (from: string, to: string) => j.results.find((x: { from: string; to: string }) => x.from === from && x.to === to)?.allowed;
    expect(cell('shop/deploy/web', 'shop/sts/db')).toBe('mixed');
    expect(cell('shop/pod/debug', 'shop/sts/db')).toBe(false);
    expect(cell('shop/sts/db', 'shop/sts/db')).toBeUndefined();
  });

  it('--connections: what every pod pair gets, and up to what some get', async () => {
    const dir = files({ 'c.yaml': CLUSTER });
    const j = JSON.parse((await run(['matrix', '-f', 'c.yaml', '--by', 'workload', '-c', '-o', 'json'], dir)).out);
    const webDb = j.connections.find((x: { from: string; to: string }) => x.from === 'shop/deploy/web' && x.to === 'shop/sts/db');
    expect(webDb).toEqual({ from: 'shop/deploy/web', to: 'shop/sts/db', mixed: true, allowed: { TCP: [], UDP: [], SCTP: [] }, allowedForSome: { TCP: [[5432, 5432]], UDP: [], SCTP: [] } });
    const text = (await run(['matrix', '-f', 'c.yaml', '--by', 'workload', '-c'], dir)).out;
    expect(text).toContain('mixed: none .. TCP 5432');
  });
});

describe('diff', () => {
  const change = CLUSTER.replace('ports: [{port: 5432}]', 'ports: [{port: 5432}, {port: 9187}]').replace(
    'kind: NetworkPolicy\nmetadata: {name: canary-no-egress',
    'kind: NetworkPolicy\nmetadata: {name: renamed-away',
  );

  it('no change: exit 0 and says so', async () => {
    const dir = files({ 'a.yaml': CLUSTER, 'b.yaml': CLUSTER });
    const r = await run(['diff', '-f', 'a.yaml', '--against', 'b.yaml'], dir);
    expect(r).toEqual({ code: 0, out: 'no change: every connection is the same\n', err: '' });
  });

  it('a policy change: connections gained and lost per workload pair, exit 1', async () => {
    const base = CLUSTER.replace(/---\napiVersion: networking.k8s.io\/v1\nkind: NetworkPolicy\nmetadata: \{name: canary-no-egress[\s\S]*$/, '');
    const dir = files({ 'a.yaml': base, 'b.yaml': CLUSTER });
    const r = await run(['diff', '-f', 'a.yaml', '--against', 'b.yaml'], dir);
    expect(r.code).toBe(1);
    // The canary loses all egress: to db (5432 only, what db admitted), to debug (everything).
    expect(r.out).toBe(
      [
        '- shop/web [Deployment, 2 pods] -> shop/web [Deployment, 2 pods]: all (1 of 2 pod pairs)',
        '- shop/web [Deployment, 2 pods] -> shop/db [StatefulSet, 1 pod]: TCP 5432 (1 of 2 pod pairs)',
        '- shop/web [Deployment, 2 pods] -> shop/debug [Pod]: all (1 of 2 pod pairs)',
        '3 workload pairs changed: 0 gained connections, 3 lost some',
        '',
      ].join('\n'),
    );
    const j = JSON.parse((await run(['diff', '-f', 'a.yaml', '--against', 'b.yaml', '--by', 'pod', '-o', 'json'], dir)).out);
    expect(j.changed).toBe(true);
    expect(j.changes.map((c: { from: string; to: string }) => `${c.from} -> ${c.to}`)).toEqual([
      'shop/web-6b7f8d9c5d-bbbbb -> shop/web-6b7f8d9c5d-aaaaa',
      'shop/web-6b7f8d9c5d-bbbbb -> shop/db-0',
      'shop/web-6b7f8d9c5d-bbbbb -> shop/pod/debug'.replace('pod/', ''),
    ]);
  });

  it('a label change alone: the pod relabelled gains what the policy admits', async () => {
    const relabelled = CLUSTER.replace('metadata: {name: debug, namespace: shop, labels: {app: debug}}', 'metadata: {name: debug, namespace: shop, labels: {app: web}}');
    const dir = files({ 'a.yaml': CLUSTER, 'b.yaml': relabelled });
    const r = await run(['diff', '-f', 'a.yaml', '--against', 'b.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('+ shop/debug [Pod] -> shop/db [StatefulSet, 1 pod]: TCP 5432\n');
  });

  it('-l and -n choose the pods the diff is about: their connections with everyone are compared', async () => {
    // debug becomes app=web, so db (which admits web) now accepts it: a change that touches db.
    const relabelled = CLUSTER.replace('metadata: {name: debug, namespace: shop, labels: {app: debug}}', 'metadata: {name: debug, namespace: shop, labels: {app: web}}');
    const dir = files({ 'a.yaml': CLUSTER, 'b.yaml': relabelled });
    const db = await run(['diff', '-f', 'a.yaml', '--against', 'b.yaml', '-l', 'app=db'], dir);
    expect(db.code).toBe(1);
    expect(db.out).toBe(['+ shop/debug [Pod] -> shop/db [StatefulSet, 1 pod]: TCP 5432', '1 workload pair changed: 1 gained connections, 0 lost some', ''].join('\n'));
    // A selection the change does not touch: no change, exit 0.
    const canary = await run(['diff', '-f', 'a.yaml', '--against', 'b.yaml', '-l', 'track=canary'], dir);
    expect(canary).toEqual({ code: 0, out: 'no change: every connection is the same\n', err: '' });
    const other = await run(['diff', '-f', 'a.yaml', '--against', 'b.yaml', '-n', 'elsewhere', '-o', 'json'], dir);
    expect(JSON.parse(other.out)).toEqual({ changed: false, changes: [], onlyInBase: [], onlyInNew: [] });
  });

  it('pods in one input only are named, not compared; -o yaml; a missing --against is a usage error', async () => {
    const dir = files({ 'a.yaml': CLUSTER, 'b.yaml': change.replace(/---\napiVersion: v1\nkind: Pod\nmetadata: \{name: debug[\s\S]*?status: \{podIP: 10.0.0.9\}\n/, '') });
    const r = await run(['diff', '-f', 'a.yaml', '--against', 'b.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('only in the base (not compared): shop/debug\n');
    expect(r.out).toContain('+ shop/web [Deployment, 2 pods] -> shop/db [StatefulSet, 1 pod]: TCP 9187');
    expect((await run(['diff', '-f', 'a.yaml', '--against', 'b.yaml', '-o', 'yaml'], dir)).out).toMatch(/^changed: true\nchanges:\n/);
    const bad = await run(['diff', '-f', 'a.yaml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--against');
  });
});
