// kubectl get for kinds the console derives rather than stores. Columns from
// pkg/printers/internalversion/printers.go (DaemonSet, ConfigMap, EndpointSlice with
// listWithMoreString's "<unset>", Event), kubectl's "No resources found" and NotFound words.
import { describe, expect, it } from 'vitest';
import { newConsole, play, run } from './helpers.js';

async function withWeb() {
  const c = newConsole();
  await play(c, 'kubectl create namespace netpol-test\nkubectl create deployment web --image=nginx -n netpol-test\nkubectl expose deployment web --port=80 -n netpol-test\n');
  return c;
}

describe('DaemonSets, read off their pods', () => {
  it('kube-system runs kube-proxy and calico-node on both nodes', async () => {
    const r = await run(newConsole(), 'kubectl get ds -A');
    expect(r.lines).toEqual([
      'NAMESPACE     NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
      'kube-system   calico-node   2         2         2       2            2           kubernetes.io/os=linux   2d3h',
      'kube-system   kube-proxy    2         2         2       2            2           kubernetes.io/os=linux   2d3h',
    ]);
  });

  it('-o wide adds CONTAINERS, IMAGES and SELECTOR; -o name and TYPE/NAME work', async () => {
    const c = newConsole();
    const wide = await run(c, 'kubectl get daemonsets -n kube-system -o wide');
    expect(wide.lines).toEqual([
      'NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE    CONTAINERS    IMAGES                               SELECTOR',
      'calico-node   2         2         2       2            2           kubernetes.io/os=linux   2d3h   calico-node   docker.io/calico/node:v3.30.3        k8s-app=calico-node',
      'kube-proxy    2         2         2       2            2           kubernetes.io/os=linux   2d3h   kube-proxy    registry.k8s.io/kube-proxy:v1.35.0   k8s-app=kube-proxy',
    ]);
    expect((await run(c, 'kubectl get daemonset.apps -n kube-system -o name')).lines).toEqual(['daemonset.apps/calico-node', 'daemonset.apps/kube-proxy']);
    expect((await run(c, 'kubectl get ds/kube-proxy -n kube-system')).lines[1]).toMatch(/^daemonset\.apps\/kube-proxy {3}2 /);
  });

  it('the default namespace has none', async () => {
    const r = await run(newConsole(), 'kubectl get daemonsets');
    expect(r.lines).toEqual(['No resources found in default namespace.']);
    expect(r.code).toBe(0);
  });

  it('get all lists them between Services and Deployments', async () => {
    const r = await run(newConsole(), 'kubectl get all -n kube-system');
    const heads = r.lines.filter((l) => l.startsWith('NAME ')).map((l) => l.split(/\s{2,}/)[1]);
    expect(heads).toEqual(['READY', 'TYPE', 'DESIRED', 'READY', 'DESIRED']);
    expect(r.lines).toContain('daemonset.apps/kube-proxy    2         2         2       2            2           kubernetes.io/os=linux   2d3h');
  });
});

describe('ConfigMaps', () => {
  it('every namespace holds kube-root-ca.crt (one key), a new one too', async () => {
    const c = await withWeb();
    expect((await run(c, 'kubectl get cm')).lines).toEqual(['NAME               DATA   AGE', 'kube-root-ca.crt   1      2d3h']);
    expect((await run(c, 'kubectl get configmaps -n netpol-test')).lines).toEqual(['NAME               DATA   AGE', 'kube-root-ca.crt   1      0s']);
  });

  it('kube-system holds kubeadm\'s, CoreDNS\'s, kube-proxy\'s and Calico\'s', async () => {
    const names = (await run(newConsole(), 'kubectl get cm -n kube-system -o name')).lines;
    expect(names).toEqual([
      'configmap/calico-config',
      'configmap/coredns',
      'configmap/extension-apiserver-authentication',
      'configmap/kube-apiserver-legacy-service-account-token-tracking',
      'configmap/kube-proxy',
      'configmap/kube-root-ca.crt',
      'configmap/kubeadm-config',
      'configmap/kubelet-config',
    ]);
  });

  it('a missing one is NotFound, exit 1', async () => {
    const r = await run(newConsole(), 'kubectl get cm foo');
    expect(r.lines).toEqual(['Error from server (NotFound): configmaps "foo" not found']);
    expect(r.code).toBe(1);
  });
});

describe('EndpointSlices', () => {
  it('one per Service: the target port and the ready pods\' addresses', async () => {
    const c = await withWeb();
    const ip = (await run(c, "kubectl get pods -n netpol-test -l app=web -o jsonpath='{.items[0].status.podIP}'")).out;
    const r = await run(c, 'kubectl get endpointslices -n netpol-test');
    expect(r.lines[0]).toBe('NAME        ADDRESSTYPE   PORTS   ENDPOINTS     AGE');
    expect(r.lines[1]).toMatch(new RegExp(`^web-[a-z0-9]{5} {3}IPv4 {10}80 {6}${ip.replace(/\./g, '\\.')} {3}0s$`));
    // The controller labels a slice with its Service's name: the usual way to find it.
    const labelled = await run(c, 'kubectl get endpointslice -n netpol-test -l kubernetes.io/service-name=web -o name');
    expect(labelled.lines).toEqual([`endpointslice.discovery.k8s.io/${r.lines[1].split(' ')[0]}`]);
  });

  it('the API server keeps its own slice, named kubernetes', async () => {
    const r = await run(newConsole(), 'kubectl get endpointslices');
    expect(r.lines).toEqual(['NAME         ADDRESSTYPE   PORTS   ENDPOINTS    AGE', 'kubernetes   IPv4          6443    172.30.1.2   2d3h']);
  });

  it('a Service without endpoints has a placeholder slice: <unset> ports and endpoints', async () => {
    const c = newConsole();
    await play(c, 'kubectl create namespace t\nkubectl create service clusterip lonely --tcp=80:80 -n t\n');
    const r = await run(c, 'kubectl get endpointslices -n t');
    expect(r.lines[1]).toMatch(/^lonely-[a-z0-9]{5} {3}IPv4 {10}<unset> {3}<unset> {5}\S+$/);
  });
});

describe('Events and kinds a fresh cluster has none of', () => {
  it('events: none (describe says Events: <none> too)', async () => {
    const c = await withWeb();
    expect((await run(c, 'kubectl get events')).lines).toEqual(['No resources found in default namespace.']);
    expect((await run(c, 'kubectl get ev -n netpol-test')).lines).toEqual(['No resources found in netpol-test namespace.']);
    expect((await run(c, 'kubectl get events -A')).lines).toEqual(['No resources found']);
    expect((await run(c, 'kubectl get events -o yaml')).lines).toEqual(['apiVersion: v1', 'items: []', 'kind: List', 'metadata:', '  resourceVersion: ""']);
  });

  it('statefulsets, jobs, cronjobs, ingresses: none', async () => {
    const c = newConsole();
    for (const kind of ['statefulsets', 'sts', 'jobs', 'cronjobs', 'ingresses', 'ing', 'pvc']) expect((await run(c, `kubectl get ${kind}`)).lines).toEqual(['No resources found in default namespace.']);
    expect((await run(c, 'kubectl get sts db')).lines).toEqual(['Error from server (NotFound): statefulsets.apps "db" not found']);
  });

  it('a list mixing stored and derived kinds prints each kind\'s table, kind/name, once "No resources found" at most', async () => {
    const c = newConsole();
    expect((await run(c, 'kubectl get svc,cm')).lines).toEqual([
      'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
      'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   2d3h',
      '',
      'NAME                         DATA   AGE',
      'configmap/kube-root-ca.crt   1      2d3h',
    ]);
    expect((await run(c, 'kubectl get pods,cm')).lines).toEqual(['NAME                         DATA   AGE', 'configmap/kube-root-ca.crt   1      2d3h']);
    expect((await run(c, 'kubectl get pods,ds')).lines).toEqual(['No resources found in default namespace.']);
  });

  it('a misspelt kind is still unknown', async () => {
    const r = await run(newConsole(), 'kubectl get configmapz');
    expect(r.lines).toEqual(['error: the server doesn\'t have a resource type "configmapz"']);
    expect(r.code).toBe(1);
  });
});

describe('Endpoints among the derived kinds', () => {
  it('lists with the deprecation warning, alone or with EndpointSlices, and kube-dns\'s six endpoints as formatEndpoints cuts them', async () => {
    const c = newConsole();
    const r = await run(c, 'kubectl get ep,endpointslices -n kube-system');
    expect(r.lines).toEqual([
      'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
      'NAME                 ENDPOINTS                                               AGE',
      'endpoints/kube-dns   10.244.0.2:53,10.244.0.3:53,10.244.0.2:53 + 3 more...   2d3h',
      '',
      'NAME                                            ADDRESSTYPE   PORTS        ENDPOINTS               AGE',
      expect.stringMatching(/^endpointslice\.discovery\.k8s\.io\/kube-dns-[a-z0-9]{5} {3}IPv4 {10}53,53,9153 {3}10\.244\.0\.2,10\.244\.0\.3 {3}2d3h$/),
    ]);
  });

  it('get all -o name puts DaemonSets after Services', async () => {
    const names = (await run(newConsole(), 'kubectl get all -n kube-system -o name')).lines;
    expect(names.filter((n) => !n.startsWith('pod/'))).toEqual([
      'service/kube-dns',
      'daemonset.apps/calico-node',
      'daemonset.apps/kube-proxy',
      'deployment.apps/calico-kube-controllers',
      'deployment.apps/coredns',
      expect.stringMatching(/^replicaset\.apps\/calico-kube-controllers-/),
      expect.stringMatching(/^replicaset\.apps\/coredns-/),
    ]);
  });

  it('describe: the same empty answers as get; existing ones are said not to be described', async () => {
    const c = newConsole();
    expect((await run(c, 'kubectl describe events')).lines).toEqual(['No resources found in default namespace.']);
    expect(await run(c, 'kubectl describe sts db')).toMatchObject({ lines: ['Error from server (NotFound): statefulsets.apps "db" not found'], code: 1 });
    expect(await run(c, 'kubectl describe ds kube-proxy -n kube-system')).toMatchObject({ lines: ['error: the console lists daemonsets (kubectl get daemonsets) but does not describe them'], code: 1 });
  });
});
