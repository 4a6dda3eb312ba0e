// Reading pods as a running cluster has them: phases, hostNetwork, sidecar ports, and
// ipBlock values as Kubernetes 1.35 stores and reads them.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine/engine.js';
import { errors, lines, load, warnings } from './helpers.js';

const pod = (name: string, spec = '', status = '', labels = `{app: ${name}}`) =>
  `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: app, labels: ${labels}}\nspec:\n  containers:\n  - name: c\n${spec}${status}`;

describe('pod phases', () => {
  // Pod lifecycle docs: Succeeded and Failed pods have terminated (their IP is released even
  // when a dump still shows status.podIP); a Pending pod may not have a sandbox or IP yet.
  it('Succeeded and Failed pods leave the cluster, even with a podIP in their status', () => {
    const r = load(
      pod('done', '', 'status: {phase: Succeeded, podIP: 10.244.0.7}\n') +
        pod('crashed', '', 'status: {phase: Failed, podIP: 10.244.0.8}\n') +
        pod('web', '', 'status: {phase: Running, podIP: 10.244.0.9}\n'),
    );
    expect(r.findings).toEqual([]);
    expect(r.cluster.pods.map((p) => p.name)).toEqual(['web']);
    expect(r.cluster.notRunning).toEqual([
      expect.objectContaining({ namespace: 'app', name: 'done', phase: 'Succeeded' }),
      expect.objectContaining({ namespace: 'app', name: 'crashed', phase: 'Failed' }),
    ]);
  });

  it('a Pending pod without an IP is listed as not running, with a notice, and gets no made-up IP', () => {
    const text = pod('waiting', '', 'status: {phase: Pending}\n') + pod('web');
    const r = load(text);
    expect(errors(text)).toEqual([]);
    expect(warnings(text)).toEqual([
      'test.yaml:2:1: warning: status.phase: pod app/waiting is Pending without an IP: not running yet, so it is left out (nothing can reach it)',
    ]);
    expect(r.cluster.pods.map((p) => `${p.name}=${p.ips.join(',')}`)).toEqual(['web=10.244.0.1']);
    expect(r.cluster.notRunning?.map((p) => `${p.name}:${p.phase}`)).toEqual(['waiting:Pending']);
  });

  it('a Pending pod that has an IP is kept; a pod with no status is a manifest to apply and gets an IP', () => {
    const r = load(pod('starting', '', 'status: {phase: Pending, podIP: 10.244.0.5}\n') + pod('fresh'));
    expect(r.cluster.pods.map((p) => `${p.name}=${p.ips.join(',')}`)).toEqual(['starting=10.244.0.5', 'fresh=10.244.0.1']);
    expect(r.cluster.notRunning).toBeUndefined();
  });

  it('pods a Deployment expands into are running', () => {
    const dep = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: app}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c}]}\n`;
    const r = load(dep);
    expect(r.cluster.pods).toHaveLength(2);
    expect(r.cluster.pods.every((p) => p.ips.length === 1)).toBe(true);
  });
});

describe('hostNetwork pods', () => {
  it('read spec.hostNetwork; the IP is podIP, else hostIP; sharing the node IP is no collision', () => {
    const text =
      pod('proxy', '  hostNetwork: true\n', 'status: {phase: Running, hostIP: 172.18.0.3, podIP: 172.18.0.3}\n') +
      pod('etcd', '  hostNetwork: true\n', 'status: {phase: Running, hostIP: 172.18.0.3}\n') +
      pod('web', '', 'status: {phase: Running, hostIP: 172.18.0.3, podIP: 10.244.0.4}\n');
    const r = load(text);
    expect(r.findings).toEqual([]);
    expect(r.cluster.pods.map((p) => `${p.name}=${p.ips.join(',')}${p.hostNetwork ? ' host' : ''}`)).toEqual([
      'proxy=172.18.0.3 host',
      'etcd=172.18.0.3 host',
      'web=10.244.0.4',
    ]);
    expect(r.cluster.pods[2].hostIP).toBe('172.18.0.3');
  });

  it('a hostNetwork pod without a status has the node IP, not a pod CIDR address', () => {
    const r = load(pod('proxy', '  hostNetwork: true\n') + pod('web'));
    expect(r.cluster.pods.map((p) => p.ips[0])).toEqual(['172.18.0.2', '10.244.0.1']);
  });

  it('a DaemonSet template with hostNetwork makes hostNetwork pods', () => {
    const ds = `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-proxy, namespace: kube-system}\nspec:\n  selector: {matchLabels: {k8s-app: kube-proxy}}\n  template:\n    metadata: {labels: {k8s-app: kube-proxy}}\n    spec: {hostNetwork: true, containers: [{name: c}]}\n`;
    const p = load(ds).cluster.pods[0];
    expect(p.hostNetwork).toBe(true);
    expect(p.ips).toEqual(['172.18.0.2']);
  });

  it('a policy selecting every pod of the namespace leaves the hostNetwork pod open', () => {
    const deny = `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: app}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n`;
    const r = load(pod('proxy', '  hostNetwork: true\n', '', '{app: web}') + pod('web') + pod('client') + deny);
    const e = new Engine(r.cluster, r.policies);
    const probe = { port: 80, protocol: 'TCP' as const };
    expect(e.allowed(e.indexOf('app/client'), e.indexOf('app/proxy'), probe)).toBe(true);
    expect(e.allowed(e.indexOf('app/client'), e.indexOf('app/web'), probe)).toBe(false);
  });
});

describe('sidecar ports', () => {
  // KEP-753: an init container with restartPolicy: Always keeps running beside the containers;
  // its ports serve, and FindPort resolves a Service's named targetPort on them.
  const sidecar = (policy = 'restartPolicy: Always', ports = '[{containerPort: 9090, name: metrics}]') =>
    `  initContainers:\n  - name: proxy\n    ${policy}\n    ports: ${ports}\n`;

  it('ports of restartPolicy: Always init containers are the pod ports, after the containers', () => {
    const text = pod('web', `    ports: [{containerPort: 8080, name: http}]\n${sidecar()}`);
    expect(load(text).findings).toEqual([]);
    expect(load(text).cluster.pods[0].ports).toEqual([
      { port: 8080, name: 'http', protocol: 'TCP' },
      { port: 9090, name: 'metrics', protocol: 'TCP' },
    ]);
  });

  it('ports of other init containers serve nothing, but are validated', () => {
    expect(load(pod('web', sidecar('restartPolicy: Never'))).cluster.pods[0].ports).toEqual([]);
    expect(load(pod('web', sidecar('image: busybox'))).cluster.pods[0].ports).toEqual([]);
    expect(errors(pod('web', sidecar('image: busybox', '[{containerPort: 0}]')))).toEqual([
      'test.yaml:11:29: spec.initContainers[0].ports[0].containerPort: Required value',
    ]);
  });

  it('a named port of a sidecar resolves in a policy', () => {
    const np = `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: metrics, namespace: app}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: [{ports: [{port: metrics}]}]\n`;
    const r = load(pod('web', sidecar()) + pod('client') + np);
    const e = new Engine(r.cluster, r.policies);
    expect(e.allowed(e.indexOf('app/client'), e.indexOf('app/web'), { port: 9090, protocol: 'TCP' })).toBe(true);
    expect(e.allowed(e.indexOf('app/client'), e.indexOf('app/web'), { port: 8080, protocol: 'TCP' })).toBe(false);
  });

  it('a port name repeated between a sidecar and a container is accepted (names are unique per container)', () => {
    // validateContainerPorts runs once per container: only a repeat within one container is a Duplicate value.
    const text = pod('web', `    ports: [{containerPort: 8080, name: http}]\n${sidecar('restartPolicy: Always', '[{containerPort: 8081, name: http}]')}`);
    expect(lines(load(text).findings)).toEqual([]);
    expect(load(text).cluster.pods[0].ports.map((p) => `${p.name}=${p.port}`)).toEqual(['http=8080', 'http=8081']);
    expect(errors(pod('web', sidecar('restartPolicy: Always', '[{containerPort: 1, name: a}, {containerPort: 2, name: a}]')))).toEqual([
      'test.yaml:11:67: spec.initContainers[0].ports[1].name: Duplicate value: "a"',
    ]);
  });
});

describe('ipBlock values as 1.35 reads them', () => {
  const withPolicy = (cidr: string) =>
    pod('web', '', 'status: {podIP: 10.244.0.9}\n') +
    pod('client', '', 'status: {podIP: 10.1.2.3}\n') +
    `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: app}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: [{from: [{ipBlock: {cidr: "${cidr}"}}]}]\n`;
  const admits = (cidr: string) => {
    const r = load(withPolicy(cidr));
    const e = new Engine(r.cluster, r.policies);
    return e.allowed(e.indexOf('app/client'), e.indexOf('app/web'), { port: 80, protocol: 'TCP' });
  };

  it('leading zeros are decimal (ParseCIDRSloppy), never octal', () => {
    expect(admits('010.0.0.0/8')).toBe(true); // 10.0.0.0/8
    expect(admits('010.001.002.000/024')).toBe(true); // 10.1.2.0/24
    expect(admits('012.0.0.0/8')).toBe(false); // 12.0.0.0/8, not octal 10
  });

  it('an IPv4-mapped CIDR matches IPv4 addresses, as Go IPNet.Contains does', () => {
    expect(admits('::ffff:10.1.0.0/112')).toBe(true);
  });
});
