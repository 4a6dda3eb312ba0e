// `why` and `matrix --external` on the cluster as Kubernetes runs it: a Service's ClusterIP
// is DNATed to a backend pod before policies apply (Kubernetes docs, "Virtual IPs and
// Service Proxies"; NetworkPolicy docs: policies see pod IPs and pod ports), workloads and
// name prefixes stand for their pods, a pod reaches itself, hostNetwork pods are node traffic.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine/engine.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: v1
kind: Pod
metadata: {name: coredns-7db6d8ff4d-abcde, namespace: kube-system, labels: {k8s-app: kube-dns, pod-template-hash: 7db6d8ff4d}}
spec: {containers: [{name: c, ports: [{containerPort: 53, name: dns, protocol: UDP}, {containerPort: 9153, name: metrics}]}]}
status: {phase: Running, podIP: 10.244.0.2}
---
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system}
spec:
  selector: {k8s-app: kube-dns}
  clusterIP: 10.96.0.10
  ports: [{name: dns, port: 53, protocol: UDP, targetPort: dns}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-5d9c7b6f4-x2x9z, namespace: shop, labels: {app: web, pod-template-hash: 5d9c7b6f4}}
spec: {containers: [{name: c, ports: [{containerPort: 8080, name: http}]}]}
status: {phase: Running, podIP: 10.244.0.10}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, clusterIP: 10.96.12.34, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop, labels: {app: client}}
spec: {containers: [{name: c}]}
status: {phase: Running, podIP: 10.244.0.11}
---
apiVersion: v1
kind: Pod
metadata: {name: kube-proxy-q8v7r, namespace: kube-system, labels: {k8s-app: kube-proxy, pod-template-generation: "1"}}
spec: {hostNetwork: true, containers: [{name: c}]}
status: {phase: Running, hostIP: 172.18.0.3, podIP: 172.18.0.3}
---
apiVersion: v1
kind: Pod
metadata: {name: backup-28911, namespace: shop, labels: {job-name: backup}}
spec: {containers: [{name: c}]}
status: {phase: Succeeded, podIP: 10.244.0.99}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: client-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 10.96.0.0/12}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{namespaceSelector: {}}]
    ports: [{port: 8080}]
`;

function write(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-why-'));
  const file = path.join(dir, 'cluster.yaml');
  fs.writeFileSync(file, text);
  return file;
}

async function run(args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('why: Services are their backends', () => {
  const file = write(CLUSTER);

  it('a ClusterIP means the backends on the targetPort: an ipBlock of the Service range admits nothing', async () => {
    const r = await run(['why', '-f', file, 'shop/client', '10.96.0.10', '53/UDP']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^10\.96\.0\.10 is the ClusterIP of Service kube-system\/kube-dns: kube-proxy DNATs/);
    expect(r.out).toMatch(/an ipBlock of the Service range admits nothing/);
    expect(r.out).toMatch(/shop\/client -> kube-system\/coredns-7db6d8ff4d-abcde on 53\/UDP: DENIED/);
    expect(r.out).not.toMatch(/outside the cluster/);
  });

  it('svc/NAME maps the Service port to the targetPort, by number or by name', async () => {
    const web = await run(['why', '-f', file, 'kube-system/kube-proxy-q8v7r', 'svc/web', '80']);
    expect(web.code).toBe(0);
    expect(web.out).toMatch(/kube-system\/kube-proxy-q8v7r -> shop\/web-5d9c7b6f4-x2x9z on 8080\/TCP: /);
    const dns = await run(['why', '-f', file, 'shop/web-5d9c7b6f4-x2x9z', 'kube-system/svc/kube-dns', '53/UDP']);
    expect(dns.out).toMatch(/-> kube-system\/coredns-7db6d8ff4d-abcde on 53\/UDP: ALLOWED/);
  });

  it('a port the Service does not have is a one-line error', async () => {
    const r = await run(['why', '-f', file, 'shop/client', 'svc/web', '8080']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Service shop\/web has no port 8080\/TCP \(its ports: 80\/TCP\)/);
  });

  it('JSON for a Service lists one verdict per backend, with the mapped port', async () => {
    const r = await run(['why', '-f', file, 'shop/client', 'svc/kube-dns', '53/UDP', '-o', 'json']);
    const j = JSON.parse(r.out);
    expect(j.verdicts).toHaveLength(1);
    expect(j.verdicts[0]).toMatchObject({ from: 'shop/client', to: 'kube-system/coredns-7db6d8ff4d-abcde', probe: { port: 53, protocol: 'UDP' }, allowed: false });
  });
});

describe('why: workloads, prefixes and pods that are not running', () => {
  const file = write(CLUSTER);

  it('deploy/NAME is the Deployment pods (pod-template-hash), a unique prefix is that pod', async () => {
    const byDeploy = await run(['why', '-f', file, 'client', 'deploy/web', '8080']);
    expect(byDeploy.code).toBe(0);
    expect(byDeploy.out).toMatch(/^deploy\/web is Deployment shop\/web: its pods shop\/web-5d9c7b6f4-x2x9z/);
    expect(byDeploy.out).toMatch(/shop\/client -> shop\/web-5d9c7b6f4-x2x9z on 8080\/TCP: DENIED/); // client's egress reaches only 10.96.0.0/12
    const byPrefix = await run(['why', '-f', file, 'client', 'coredns', '53/UDP']);
    expect(byPrefix.out).toMatch(/^shop\/client -> kube-system\/coredns-7db6d8ff4d-abcde on 53\/UDP: DENIED/);
    const ds = await run(['why', '-f', file, 'ds/kube-proxy', 'client', '80']);
    expect(ds.out).toMatch(/kube-system\/kube-proxy-q8v7r -> shop\/client/);
  });

  it('an ambiguous prefix names the candidates', async () => {
    const r = await run(['why', '-f', file, 'c', 'web', '80']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/"c" is ambiguous: it begins kube-system\/coredns-7db6d8ff4d-abcde, shop\/client/);
  });

  it('a Succeeded pod is not running and holds no IP', async () => {
    const r = await run(['why', '-f', file, 'client', 'backup-28911', '80']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/pod shop\/backup-28911 is not running \(Succeeded\): it holds no IP/);
    const byIp = await run(['why', '-f', file, 'client', '10.244.0.99', '80']);
    expect(byIp.out).toMatch(/10\.244\.0\.99 \(outside the cluster\)/);
  });
});

describe('why: loopback and hostNetwork', () => {
  const file = write(CLUSTER);

  it('a pod reaches itself whatever the policies', async () => {
    const r = await run(['why', '-f', file, 'client', 'client', '80']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'shop/client -> shop/client on 80/TCP: ALLOWED\n' +
        '  a pod always reaches itself: traffic to its own IP stays on loopback inside the pod, which no NetworkPolicy filters (not even one that selects the pod)\n',
    );
  });

  it('a hostNetwork pod is said to be node traffic; its IP is the node IP', async () => {
    const r = await run(['why', '-f', file, '172.18.0.3', 'svc/web', '80']);
    expect(r.out).toMatch(/kube-system\/kube-proxy-q8v7r uses hostNetwork: its traffic is node traffic from and to the node IP 172\.18\.0\.3/);
    expect(r.out).toMatch(/on 8080\/TCP: DENIED/); // namespaceSelector: {} matches pods, not the node
  });
});

describe('matrix --external', () => {
  const file = write(CLUSTER);

  it('a ClusterIP is not made an outside host: the notice says its traffic is the backends', async () => {
    const r = await run(['matrix', '-f', file, '--external', '10.96.0.10', '--port', '53/UDP', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/--external 10\.96\.0\.10: it is the ClusterIP of Service kube-system\/kube-dns: kube-proxy DNATs its traffic to a backend pod before policies apply, so the rows and columns of its backends \(kube-system\/coredns-7db6d8ff4d-abcde\) show it; not added as an outside host/);
    const j = JSON.parse(r.out);
    expect(j.pods).not.toContain('10.96.0.10');
    const cell = j.results.find((x: { from: string; to: string }) => x.from === 'shop/client' && x.to === 'kube-system/coredns-7db6d8ff4d-abcde');
    expect(cell.allowed).toBe(false);
  });

  it("a pod's IP is that pod; another IP is an outside host as before", async () => {
    const r = await run(['matrix', '-f', file, '--external', '10.244.0.11', '--external', '8.8.8.8', '--port', '80', '-o', 'json']);
    expect(r.err).toMatch(/--external 10\.244\.0\.11: it is the IP of pod shop\/client, which the matrix shows/);
    expect(JSON.parse(r.out).pods).toContain('8.8.8.8');
    expect(JSON.parse(r.out).pods).not.toContain('10.244.0.11');
  });

  it('Succeeded pods are not in the matrix', async () => {
    const r = await run(['matrix', '-f', file, '--port', '80', '-o', 'json']);
    expect(JSON.parse(r.out).pods).not.toContain('shop/backup-28911');
    expect(r.err).toMatch(/^netpol-dojo: left out 1 pod that finished and holds no IP: shop\/backup-28911 \(Succeeded\)$/m);
  });
});

describe('a policy in a namespace the input does not hold', () => {
  // kubectl apply -f of a namespaced object in a missing namespace fails with
  // Error from server (NotFound): error when creating "FILE": namespaces "x" not found.
  const policyIn = (ns: string) =>
    `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: ${ns}}\nspec: {podSelector: {}}\n`;

  it('matrix and explain warn as kubectl apply would fail, and go on', async () => {
    const file = write(CLUSTER + policyIn('payments'));
    const line = (f: string) =>
      `${f}:${(CLUSTER + '---\n').split('\n').length}:1: warning: metadata.namespace: the input holds no namespace "payments"; kubectl apply would say: Error from server (NotFound): error when creating "${f}": namespaces "payments" not found`;
    const m = await run(['matrix', '-f', file, '--port', '80']);
    expect(m.code).toBe(0);
    expect(m.err.split('\n')).toContain(line(file));
    const e = await run(['explain', '-f', file]);
    expect(e.code).toBe(0);
    expect(e.err.split('\n')).toContain(line(file));
  });

  it('a namespace held by a Namespace object, by a pod, or made by the API server gets no warning', async () => {
    for (const ns of ['shop', 'kube-system', 'default']) {
      const r = await run(['matrix', '-f', write(CLUSTER + policyIn(ns)), '--port', '80']);
      expect(r.err).not.toMatch(/holds no namespace/);
    }
  });

  it('a file of policies alone says nothing about namespaces', async () => {
    const r = await run(['explain', '-f', write(policyIn('payments'))]);
    expect(r.err).toBe('');
  });
});

describe("the grader's checks by IP", () => {
  // A check `nc -u 10.96.0.10 53` from a pod goes to the Service's backends on the targetPort
  // (FindPort: containers first, then sidecars, with the Service port's protocol).
  it('a ClusterIP resolves to the backends, a named targetPort by name and protocol', async () => {
    const { loadManifests } = await import('../../src/core/manifest/load.js');
    const { matrixEndpoints, resolveCheck } = await import('../../src/core/bank/prepare.js');
    const { cluster } = loadManifests([
      {
        file: 'c.yaml',
        text:
          CLUSTER +
          `---\napiVersion: v1\nkind: Service\nmetadata: {name: metrics, namespace: kube-system}\nspec: {selector: {k8s-app: kube-dns}, clusterIP: 10.96.0.20, ports: [{port: 53, protocol: TCP, targetPort: dns}]}\n`,
      },
    ]);
    const endpoints = matrixEndpoints(cluster);
    const check = (host: string, port: number, protocol: 'TCP' | 'UDP') =>
      resolveCheck(
        { from: 'shop/client', run: '', command: { tool: 'nc', host, port, protocol, explicitPort: true }, expect: 'success', source: { file: 'x', line: 1, col: 1 } },
        0,
        new Engine(cluster, []),
        endpoints,
      );
    const dns = check('10.96.0.10', 53, 'UDP');
    expect(typeof dns).toBe('object');
    if (typeof dns === 'object') {
      expect(dns.targets).toEqual([{ to: endpoints.findIndex((e) => e.id === 'kube-system/coredns-7db6d8ff4d-abcde'), probe: { port: 53, protocol: 'UDP' } }]);
      expect(dns.via).toBe('Service kube-system/kube-dns port 53 -> pod port 53/UDP');
    }
    // The container port named dns is UDP: a TCP Service port naming it finds no endpoint.
    const tcp = check('10.96.0.20', 53, 'TCP');
    expect(typeof tcp === 'object' && tcp.impossible).toMatch(/has no pod behind port 53/);
  });
});

describe('why -n NS', () => {
  const file = write(CLUSTER);
  it('looks names without a namespace up in NS: pods, prefixes, svc/NAME and deploy/NAME', async () => {
    const r = await run(['why', '-f', file, '-n', 'kube-system', 'kube-proxy', 'svc/kube-dns', '53/UDP']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^svc\/kube-dns is Service kube-system\/kube-dns/);
    expect(r.out).toMatch(/kube-system\/kube-proxy-q8v7r -> kube-system\/coredns-7db6d8ff4d-abcde on 53\/UDP: ALLOWED/);
    const missing = await run(['why', '-f', file, '-n', 'kube-system', 'client', 'svc/web', '80']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no pod "kube-system\/client" in the manifests/);
    const explicit = await run(['why', '-f', file, '-n', 'kube-system', 'shop/client', 'shop/svc/web', '80']);
    expect(explicit.out).toMatch(/shop\/client -> shop\/web-5d9c7b6f4-x2x9z on 8080\/TCP: DENIED/);
  });
});
