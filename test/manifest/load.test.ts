// From objects to a Cluster: kinds, List, workloads as their controllers expand them,
// ownerReferences, namespaces, pod IPs and ports, Services.
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/core/manifest/load.js';
import { errors, lines, load, warnings } from './helpers.js';

const deployment = (name: string, replicas?: number, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop${extra}}
spec:
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: main
        image: nginx
        ports: [{containerPort: 8080, name: http}]
`;

describe('kinds and apiVersions', () => {
  it('skips other kinds with a warning', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n';
    expect(errors(text)).toEqual([]);
    expect(warnings(text)).toEqual(['test.yaml:2:7: warning: kind: skipping kind ConfigMap']);
    expect(load(text).objects).toEqual([]);
  });

  it('apiVersion must fit the kind', () => {
    expect(errors('apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: {}\n')).toEqual([
      'test.yaml:1:13: apiVersion: no matches for kind "NetworkPolicy" in version "extensions/v1beta1" (use networking.k8s.io/v1)',
    ]);
    expect(errors('apiVersion: v1\nkind: Deployment\nmetadata: {name: x}\n')).toEqual([
      'test.yaml:1:13: apiVersion: no matches for kind "Deployment" in version "v1" (use apps/v1)',
    ]);
  });

  it('kind and apiVersion are required', () => {
    expect(errors('apiVersion: v1\nmetadata: {name: x}\n')).toEqual(['test.yaml:1:1: kind: Required value: kind not set']);
    expect(errors('kind: Pod\nmetadata: {name: x}\n')).toEqual(['test.yaml:1:1: apiVersion: Required value: apiVersion not set']);
  });

  it('reports objects with kind, apiVersion, namespace, name and source', () => {
    const r = load('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n' + deployment('web'), 'in.yaml');
    expect(r.objects).toEqual([
      { kind: 'Namespace', apiVersion: 'v1', namespace: '', name: 'shop', source: { file: 'in.yaml', line: 1, col: 1 } },
      { kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'shop', name: 'web', source: { file: 'in.yaml', line: 5, col: 1 } },
    ]);
  });

  it('a later definition of the same object replaces the earlier, with a warning', () => {
    const pod = (ip: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nstatus: {podIP: ${ip}}\n`;
    const r = load(pod('10.0.0.1') + '---\n' + pod('10.0.0.2'));
    expect(r.cluster.pods.map((p) => p.ips)).toEqual([['10.0.0.2']]);
    expect(lines(r.findings)).toEqual([
      'test.yaml:8:18: warning: metadata.name: Pod default/p is defined twice: this definition replaces the one at test.yaml:1:1',
    ]);
  });

  it('takes several files, naming each in findings', () => {
    const r = loadManifests([
      { file: 'a.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n' },
      { file: '-', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: b, labels: {x: on}}\n' },
    ]);
    expect(r.cluster.pods.map((p) => p.name)).toEqual(['a']);
    expect(lines(r.findings)).toEqual(['-:3:33: metadata.labels.x: Invalid value: true: must be a string']);
  });
});

describe('kind: List', () => {
  const list = `apiVersion: v1
kind: List
metadata: {resourceVersion: ""}
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a, namespace: x}
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: deny, namespace: x}
  spec:
    podSelector: {}
    ingress:
    - from:
      - {}
`;
  it('expands items, with findings located inside the item and paths relative to it', () => {
    const r = load(list);
    expect(r.cluster.pods.map((p) => p.name)).toEqual(['a']);
    expect(r.policies).toEqual([]);
    expect(lines(r.findings)).toEqual(['test.yaml:15:9: spec.ingress[0].from[0]: Required value: must specify a peer']);
  });

  it('is strict about its own fields', () => {
    expect(errors('apiVersion: v1\nkind: List\nitem: []\n')).toEqual(['test.yaml:3:1: item: unknown field "item"']);
  });

  it('loads valid items', () => {
    const r = load(list.replace('      - {}\n', '      - podSelector: {}\n'));
    expect(r.findings).toEqual([]);
    expect(r.policies.map((p) => `${p.namespace}/${p.name}`)).toEqual(['x/deny']);
    expect(r.policies[0].source).toMatchObject({ line: 8, col: 3 });
  });
});

describe('workloads', () => {
  it('a Deployment runs `replicas` pods named <name>-<10>-<5> with pod-template-hash', () => {
    const r = load(deployment('web', 3));
    expect(r.findings).toEqual([]);
    const pods = r.cluster.pods;
    expect(pods).toHaveLength(3);
    const hash = pods[0].labels['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
    for (const p of pods) {
      expect(p.namespace).toBe('shop');
      expect(p.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(p.ports).toEqual([{ port: 8080, name: 'http', protocol: 'TCP' }]);
    }
    expect(new Set(pods.map((p) => p.name)).size).toBe(3);
  });

  it('names are deterministic and differ between workloads', () => {
    const a = load(deployment('web', 2)).cluster.pods.map((p) => p.name);
    const b = load(deployment('web', 2)).cluster.pods.map((p) => p.name);
    const c = load(deployment('api', 2)).cluster.pods.map((p) => p.name);
    expect(a).toEqual(b);
    expect(c[0].slice(4)).not.toEqual(a[0].slice(4));
  });

  it('replicas defaults to 1; 0 means no pods', () => {
    expect(load(deployment('web')).cluster.pods).toHaveLength(1);
    expect(load(deployment('web', 0)).cluster.pods).toHaveLength(0);
  });

  it('a StatefulSet names pods <name>-0..n-1 with its labels', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, ports: [{containerPort: 5432}]}]}
`;
    const pods = load(text).cluster.pods;
    expect(pods.map((p) => p.name)).toEqual(['db-0', 'db-1']);
    expect(pods[1].labels).toMatchObject({
      app: 'db',
      'statefulset.kubernetes.io/pod-name': 'db-1',
      'apps.kubernetes.io/pod-index': '1',
    });
    expect(pods[1].labels['controller-revision-hash']).toMatch(/^db-/);
  });

  it('a ReplicaSet names pods <name>-<5>; a DaemonSet runs one pod', () => {
    const rs = load(`apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  replicas: 2\n  template:\n    metadata: {labels: {app: r}}\n`);
    expect(rs.cluster.pods.map((p) => p.name)).toEqual([expect.stringMatching(/^rs-[a-z0-9]{5}$/), expect.stringMatching(/^rs-[a-z0-9]{5}$/)]);
    const ds = load(`apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    metadata: {labels: {app: agent}}\n`);
    expect(ds.cluster.pods).toHaveLength(1);
    expect(ds.cluster.pods[0].name).toMatch(/^agent-[a-z0-9]{5}$/);
  });

  it('a Job runs `parallelism` pods (default 1) with job-name labels', () => {
    const job = (spec: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata: {name: backup}\nspec:\n${spec}  template:\n    metadata: {labels: {app: backup}}\n    spec: {restartPolicy: Never, containers: [{name: c}]}\n`;
    const one = load(job('')).cluster.pods;
    expect(one).toHaveLength(1);
    expect(one[0].name).toMatch(/^backup-[a-z0-9]{5}$/);
    expect(one[0].labels).toEqual({ app: 'backup', 'batch.kubernetes.io/job-name': 'backup', 'job-name': 'backup' });
    expect(load(job('  parallelism: 3\n')).cluster.pods).toHaveLength(3);
  });

  it('a finished or suspended Job runs no pod (a dump after its pods were cleaned up)', () => {
    const job = (spec: string, status: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n${spec}  template:\n    metadata: {labels: {app: migrate}}\n    spec: {restartPolicy: Never, containers: [{name: c}]}\n${status}`;
    expect(load(job('', 'status: {succeeded: 1, completionTime: "2026-11-30T10:00:00Z"}\n')).cluster.pods).toEqual([]);
    expect(load(job('', 'status:\n  failed: 6\n  conditions: [{type: Failed, status: "True", reason: BackoffLimitExceeded}]\n')).cluster.pods).toEqual([]);
    expect(load(job('  suspend: true\n', '')).cluster.pods).toEqual([]);
    // Still running: its pod is there.
    expect(load(job('', 'status: {active: 1, startTime: "2026-11-30T10:00:00Z"}\n')).cluster.pods).toHaveLength(1);
    expect(load(job('', 'status:\n  conditions: [{type: Complete, status: "False"}]\n')).cluster.pods).toHaveLength(1);
  });

  it('strict on the fields read, open on the rest of the spec', () => {
    expect(errors(deployment('web', 1).replace('  selector:', '  strategy: {type: Recreate}\n  selector:'))).toEqual([]);
    expect(errors(deployment('web', 1).replace('name: http}', 'name: http, hostport: 80}'))).toEqual([
      'test.yaml:13:51: spec.template.spec.containers[0].ports[0].hostport: unknown field "spec.template.spec.containers[0].ports[0].hostport"',
    ]);
    expect(errors(deployment('web', 1).replace('  replicas: 1', '  replicas: "2"'))).toEqual([
      'test.yaml:5:13: spec.replicas: Invalid value: "2": must be an integer',
    ]);
  });
});

describe('ownerReferences: kubectl get all dumps', () => {
  const dump = `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop, uid: d-1}
  spec:
    replicas: 2
    template: {metadata: {labels: {app: web}}}
- apiVersion: apps/v1
  kind: ReplicaSet
  metadata:
    name: web-5d8f9c7b6d
    namespace: shop
    uid: rs-1
    ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true}]
  spec:
    replicas: 2
    template: {metadata: {labels: {app: web, pod-template-hash: 5d8f9c7b6d}}}
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-5d8f9c7b6d-abcde
    namespace: shop
    labels: {app: web, pod-template-hash: 5d8f9c7b6d}
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f9c7b6d, uid: rs-1}]
  status: {podIP: 10.244.1.5}
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-5d8f9c7b6d-fghij
    namespace: shop
    labels: {app: web, pod-template-hash: 5d8f9c7b6d}
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f9c7b6d, uid: rs-1}]
  status: {podIP: 10.244.2.7}
`;
  it('does not expand a workload whose pods (or ReplicaSet) are in the input', () => {
    const r = load(dump);
    expect(r.findings).toEqual([]);
    expect(r.cluster.pods.map((p) => `${p.name} ${p.ips[0]}`)).toEqual([
      'web-5d8f9c7b6d-abcde 10.244.1.5',
      'web-5d8f9c7b6d-fghij 10.244.2.7',
    ]);
  });

  it('matches owners by kind and name when uids are absent', () => {
    const noUids = dump.replace(/,? uid: [a-z0-9-]+/g, '').replace(/\n {4}uid: rs-1/, '');
    expect(noUids).not.toContain('uid');
    const r = load(noUids);
    expect(r.findings).toEqual([]);
    expect(r.cluster.pods).toHaveLength(2);
  });

  it('expands a ReplicaSet whose pods are not in the input', () => {
    const withoutPods = dump.slice(0, dump.indexOf('- apiVersion: v1\n  kind: Pod'));
    const pods = load(withoutPods).cluster.pods;
    expect(pods).toHaveLength(2);
    expect(pods[0].name).toMatch(/^web-5d8f9c7b6d-[a-z0-9]{5}$/);
    expect(pods[0].labels['pod-template-hash']).toBe('5d8f9c7b6d');
  });
});

describe('namespaces', () => {
  it('every namespace carries kubernetes.io/metadata.name, overriding a wrong value', () => {
    const r = load('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: a, kubernetes.io/metadata.name: other}\n');
    expect(r.cluster.namespaces).toEqual([{ name: 'shop', labels: { team: 'a', 'kubernetes.io/metadata.name': 'shop' } }]);
  });

  it('used but undeclared namespaces exist with only the automatic label', () => {
    const r = load(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np, namespace: prod}\nspec: {}\n',
    );
    expect(r.cluster.namespaces).toEqual([
      { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } },
      { name: 'prod', labels: { 'kubernetes.io/metadata.name': 'prod' } },
    ]);
  });

  it('Namespace is strict', () => {
    expect(errors('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\nspec: {finalizers: [kubernetes]}\nstatus: {phase: Active}\n')).toEqual([]);
    expect(errors('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\nspec: {foo: 1}\n')).toEqual([
      'test.yaml:4:8: spec.foo: unknown field "spec.foo"',
    ]);
    expect(errors('apiVersion: v1\nkind: Namespace\nmetadata: {name: A}\n')).toHaveLength(1);
  });
});

describe('pods', () => {
  const pod = (name: string, status = '', ports = '') =>
    `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {app: ${name}}}\nspec:\n  containers:\n  - name: c\n${ports}${status}`;

  it('pods without an IP get deterministic addresses from the pod CIDR, skipping used ones', () => {
    const text = pod('a') + pod('b', 'status: {podIP: 10.244.0.2}\n') + pod('c') + pod('d');
    const ips = load(text).cluster.pods.map((p) => `${p.name}=${p.ips.join(',')}`);
    expect(ips).toEqual(['a=10.244.0.1', 'b=10.244.0.2', 'c=10.244.0.3', 'd=10.244.0.4']);
    expect(load(text).cluster.pods.map((p) => p.ips)).toEqual(load(text).cluster.pods.map((p) => p.ips));
  });

  it('a pod with an IP later in the input still reserves it', () => {
    const text = pod('a') + pod('b') + pod('c', 'status: {podIP: 10.244.0.1}\n');
    expect(load(text).cluster.pods.map((p) => p.ips[0])).toEqual(['10.244.0.2', '10.244.0.3', '10.244.0.1']);
  });

  it('the pod CIDR can be chosen, also IPv6', () => {
    expect(load(pod('a'), 'test.yaml', '192.168.5.0/24').cluster.pods[0].ips).toEqual(['192.168.5.1']);
    expect(load(pod('a'), 'test.yaml', 'fd00:10:244::/64').cluster.pods[0].ips).toEqual(['fd00:10:244::1']);
    expect(lines(load(pod('a'), 'test.yaml', 'nope').findings, 'error')).toHaveLength(1);
  });

  it('a full pod CIDR is an error', () => {
    const text = pod('a') + pod('b') + pod('c') + pod('d');
    const e = lines(load(text, 'test.yaml', '10.0.0.0/30').findings, 'error');
    // A /30 has two usable addresses (.1 and .2; .3 is the broadcast address).
    expect(e).toEqual(['test.yaml:16:1: status.podIP: pod CIDR 10.0.0.0/30 has no free address left for pod default/c']);
  });

  it('reads status.podIPs (dual stack, IPv6) in order', () => {
    const r = load(pod('a', 'status:\n  podIP: 10.1.0.4\n  podIPs: [{ip: 10.1.0.4}, {ip: "fd00::0004"}]\n'));
    expect(r.findings).toEqual([]);
    expect(r.cluster.pods[0].ips).toEqual(['10.1.0.4', 'fd00::4']);
    expect(load(pod('b', 'status: {podIPs: [{ip: "2001:db8::7"}]}\n')).cluster.pods[0].ips).toEqual(['2001:db8::7']);
  });

  it('pod IPs as 1.35 reads them: leading zeros are decimal, with a warning; other forms are errors', () => {
    // IsValidIPForLegacyField with StrictIPCIDRValidation off (alpha, off by default in 1.35).
    const text = pod('a', 'status: {podIP: 010.1.0.4}\n');
    expect(errors(text)).toEqual([]);
    expect(warnings(text)).toEqual([
      'test.yaml:8:17: warning: status.podIP: non-standard IP address "010.1.0.4" will be considered invalid in a future Kubernetes release: use "10.1.0.4"',
    ]);
    expect(load(text).cluster.pods[0].ips).toEqual(['10.1.0.4']);
    expect(errors(pod('a', 'status: {podIP: 10.1.4}\n'))).toEqual([
      'test.yaml:8:17: status.podIP: Invalid value: "10.1.4": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
    expect(errors(pod('a', 'status: {podIP: 0x0a.1.0.4}\n'))).toHaveLength(1);
  });

  it('two pods with the same IP are accepted with a warning (hostNetwork pods share the node IP)', () => {
    const text = pod('a', 'status: {podIP: 10.0.0.5}\n') + pod('b', 'status: {podIP: 10.0.0.5}\n');
    expect(errors(text)).toEqual([]);
    expect(warnings(text)).toHaveLength(1);
  });

  it('container ports: number, name, protocol (default TCP), checked', () => {
    const ports = '    ports:\n    - containerPort: 80\n      name: http\n    - {containerPort: 53, protocol: UDP}\n';
    expect(load(pod('a', '', ports)).cluster.pods[0].ports).toEqual([
      { port: 80, name: 'http', protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ]);
    expect(errors(pod('a', '', '    ports: [{containerPort: 0, name: HTTP, protocol: ICMP}]\n'))).toEqual([
      'test.yaml:8:29: spec.containers[0].ports[0].containerPort: Required value',
      'test.yaml:8:54: spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
      'test.yaml:8:38: spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'test.yaml:8:38: spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
    ]);
    expect(errors(pod('a', '', '    ports: [{name: web}]\n'))).toEqual([
      'test.yaml:8:13: spec.containers[0].ports[0].containerPort: Required value',
    ]);
  });

  it('port names are unique within a container, not across containers (validateContainerPorts)', () => {
    // pkg/apis/core/validation: a repeated name in one container is field.Duplicate; two
    // containers of one pod may both name a port "http".
    expect(errors(pod('a', '', '    ports: [{containerPort: 80, name: http}, {containerPort: 81, name: http}]\n'))).toEqual([
      'test.yaml:8:72: spec.containers[0].ports[1].name: Duplicate value: "http"',
    ]);
    const twoContainers = pod('a', '', '    ports: [{containerPort: 80, name: http}]\n  - name: d\n    ports: [{containerPort: 81, name: http}]\n');
    expect(errors(twoContainers)).toEqual([]);
    expect(load(twoContainers).cluster.pods[0].ports.map((p) => `${p.name}=${p.port}`)).toEqual(['http=80', 'http=81']);
  });

  it('ignores fields of the pod spec it does not read, but not unknown top-level fields', () => {
    expect(errors(pod('a', 'status: {phase: Running, hostIP: 1.2.3.4}\n').replace('  - name: c\n', '  - name: c\n    image: nginx\n    resources: {}\n'))).toEqual([]);
    expect(errors(pod('a', 'stauts: {}\n'))).toEqual(['test.yaml:8:1: stauts: unknown field "stauts"']);
  });
});

describe('services', () => {
  const svc = (ports: string, selector = '  selector: {app: web}\n') =>
    `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  clusterIP: 10.96.0.10\n${selector}  ports:\n${ports}`;

  it('reads selector, ports (targetPort defaults to port, protocol to TCP), clusterIP', () => {
    const r = load(svc('  - {port: 80, targetPort: http, name: web}\n  - {port: 53, protocol: UDP}\n'));
    expect(r.findings).toEqual([]);
    expect(r.cluster.services).toEqual([
      {
        namespace: 'shop',
        name: 'web',
        selector: { app: 'web' },
        clusterIP: '10.96.0.10',
        ports: [
          { name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' },
          { port: 53, targetPort: 53, protocol: 'UDP' },
        ],
        source: { file: 'test.yaml', line: 1, col: 1 },
      },
    ]);
  });

  it('a Service without selector has an empty one', () => {
    expect(load(svc('  - {port: 80}\n', '')).cluster.services[0].selector).toEqual({});
  });

  it('checks ports', () => {
    expect(errors(svc('  - {port: 80, targetPort: "8080"}\n'))).toEqual([
      'test.yaml:8:28: spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)',
    ]);
    expect(errors(svc('  - {port: 80, target: 8080}\n'))).toEqual([
      'test.yaml:8:16: spec.ports[0].target: unknown field "spec.ports[0].target"',
    ]);
  });
});
