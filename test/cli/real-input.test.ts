// Real-world input faults: other policy APIs, *List kinds, pods of missing ReplicaSets,
// the DNS warning across policies, one summary line for skipped objects.
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../../src/core/findings.js';
import { loadManifests } from '../../src/core/manifest/load.js';
import { explainPolicy } from '../../src/core/explain/explain.js';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const load = (text: string) => loadManifests([{ file: 'in.yaml', text }]);
const warnings = (text: string) => load(text).findings.filter((f) => f.severity === 'warning').map(formatFinding);

const K8S_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}}
`;

describe('policies of other APIs', () => {
  it('Calico, Antrea, Cilium and AdminNetworkPolicy objects are skipped; the Kubernetes policy beside them is read', () => {
    const text = [
      K8S_POLICY,
      'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: a, namespace: shop}\nspec: {selector: all(), ingress: [{action: Allow}]}\n',
      'apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: b, namespace: shop}\nspec: {selector: all()}\n',
      'apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: {name: c, namespace: shop}\nspec: {selector: all()}\n',
      'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\nspec: {selector: all(), types: [Ingress]}\n',
      'apiVersion: crd.antrea.io/v1beta1\nkind: NetworkPolicy\nmetadata: {name: d, namespace: shop}\nspec: {priority: 5, appliedTo: [{podSelector: {}}]}\n',
      'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: e, namespace: shop}\nspec: {endpointSelector: {}}\n',
      'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: f}\nspec: {priority: 10, subject: {namespaces: {}}}\n',
      'apiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\nmetadata: {name: s, namespace: shop}\nspec: {selector: all()}\n',
    ].join('---\n');
    const r = load(text);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.policies.map((p) => `${p.namespace}/${p.name}`)).toEqual(['shop/deny-all']);
    const w = r.findings.map(formatFinding);
    const tail = 'and netpol-dojo does not model them, so the cluster may allow or deny differently from what is shown here';
    expect(w).toEqual([
      `in.yaml:7:7: warning: kind: skipped 2 NetworkPolicy objects (projectcalico.org/v3): Calico policies also filter traffic, ${tail}`,
      `in.yaml:17:7: warning: kind: skipped 1 NetworkPolicy object (crd.projectcalico.org/v1): Calico policies also filter traffic, ${tail}`,
      `in.yaml:22:7: warning: kind: skipped 1 GlobalNetworkPolicy object (projectcalico.org/v3): Calico policies also filter traffic, ${tail}`,
      `in.yaml:27:7: warning: kind: skipped 1 NetworkPolicy object (crd.antrea.io/v1beta1): Antrea policies also filter traffic, ${tail}`,
      `in.yaml:32:7: warning: kind: skipped 1 CiliumNetworkPolicy object (cilium.io/v2): Cilium policies also filter traffic, ${tail}`,
      `in.yaml:37:7: warning: kind: skipped 1 AdminNetworkPolicy object (policy.networking.k8s.io/v1alpha1): AdminNetworkPolicy policies also filter traffic, ${tail}`,
      // A staged policy only previews: nothing to warn about beyond skipping it.
      'in.yaml:42:7: warning: kind: skipping kind StagedNetworkPolicy',
    ]);
  });

  it('a Kubernetes kind under a wrong Kubernetes version is still an error', () => {
    const r = load('apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: a}\nspec: {podSelector: {}}\n');
    expect(r.findings.map(formatFinding)).toEqual(['in.yaml:1:13: apiVersion: no matches for kind "NetworkPolicy" in version "extensions/v1beta1" (use networking.k8s.io/v1)']);
  });

  it('matrix on a file with a Calico policy works (exit 0) and warns once', async () => {
    const io = captureIo({ stdin: `${K8S_POLICY}---\napiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: {name: c, namespace: shop}\nspec: {selector: all()}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}\n` });
    expect(await runCli(['matrix', '-f', '-', '-o', 'json'], io)).toBe(0);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toContain('skipped 1 NetworkPolicy object (crd.projectcalico.org/v1)');
  });
});

describe('*List kinds', () => {
  it('a NetworkPolicyList (raw API: items without kind and apiVersion) and a PodList are read', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicyList
metadata: {resourceVersion: "123"}
items:
- metadata: {name: a, namespace: shop}
  spec: {podSelector: {}}
- metadata: {name: b, namespace: shop}
  spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Egress]}
---
apiVersion: v1
kind: PodList
items:
- metadata: {name: web, namespace: shop, labels: {app: web}}
  spec: {containers: [{name: c, image: nginx}]}
  status: {podIP: 10.0.0.5}
`;
    const r = load(text);
    expect(r.findings).toEqual([]);
    expect(r.policies.map((p) => p.name)).toEqual(['a', 'b']);
    expect(r.cluster.pods.map((p) => `${p.namespace}/${p.name} ${p.ips[0]}`)).toEqual(['shop/web 10.0.0.5']);
  });

  it('an item of a typed list is validated like any object (file:line:col inside the list)', () => {
    const r = load('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicyList\nitems:\n- metadata: {name: a, namespace: shop}\n  spec: {podSelector: {}, policyTypes: [Sideways]}\n');
    expect(r.findings.map(formatFinding)).toEqual([expect.stringMatching(/^in\.yaml:5:\d+: spec\.policyTypes\[0\]: Unsupported value: "Sideways"/)]);
  });
});

describe('ownership: no phantom pods', () => {
  const DUMP = `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop, uid: d-1}
  spec:
    replicas: 3
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api, namespace: shop, uid: d-2}
  spec:
    replicas: 2
    selector: {matchLabels: {app: api}}
    template:
      metadata: {labels: {app: api}}
      spec: {containers: [{name: c, image: api}]}
${['2xkqp', '9mzrt', 'lq2wz']
  .map(
    (s) => `- apiVersion: v1
  kind: Pod
  metadata:
    name: web-6b7f8d9c5d-${s}
    namespace: shop
    labels: {app: web, pod-template-hash: 6b7f8d9c5d}
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6b7f8d9c5d, uid: rs-1, controller: true}]
  spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}`,
  )
  .join('\n')}
- apiVersion: v1
  kind: Pod
  metadata:
    name: api-7d4f9b8c6-abcde
    namespace: shop
    labels: {app: api, pod-template-hash: 7d4f9b8c6}
  spec: {containers: [{name: c, image: api}]}
- apiVersion: v1
  kind: Pod
  metadata:
    name: api-7d4f9b8c6-fghij
    namespace: shop
    labels: {app: api, pod-template-hash: 7d4f9b8c6}
  spec: {containers: [{name: c, image: api}]}
`;

  it('kubectl get deploy,pods without ReplicaSets: the pods are the deployments\' (pod-template-hash), none made up', () => {
    const r = load(DUMP);
    expect(r.findings).toEqual([]);
    expect(r.cluster.pods.map((p) => p.name).sort()).toEqual(['api-7d4f9b8c6-abcde', 'api-7d4f9b8c6-fghij', 'web-6b7f8d9c5d-2xkqp', 'web-6b7f8d9c5d-9mzrt', 'web-6b7f8d9c5d-lq2wz']);
  });

  it('a Deployment with no pods in the input is still expanded; a pod-template-hash of another name is no link', () => {
    const r = load(DUMP.replace(/name: api-7d4f9b8c6-/g, 'name: other-7d4f9b8c6-'));
    // other-7d4f9b8c6-* belong to a Deployment "other" (not in the input): api gets its 2 pods.
    expect(r.cluster.pods.filter((p) => p.name.startsWith('api-')).length).toBe(2);
    expect(r.cluster.pods.length).toBe(3 + 2 + 2);
  });
});

describe('the DNS warning asks every policy selecting the pods', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, image: api}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 9000}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}]
`;

  it('no warning where another policy selecting the same pods allows 53/UDP; a warning where none does', () => {
    const r = load(text);
    const codes = (name: string) => explainPolicy(r.policies.find((p) => p.name === name)!, r.cluster, { policies: r.policies }).warnings.map((w) => w.code);
    expect(codes('web-egress')).toEqual([]);
    expect(codes('api-egress')).toEqual(['no-dns-egress']);
  });

  it('without pods: a policy with an empty podSelector in the namespace counts', () => {
    const r = load(text.replace('podSelector: {matchLabels: {app: web}}\n  policyTypes: [Egress]\n  egress: [{ports', 'podSelector: {}\n  policyTypes: [Egress]\n  egress: [{ports'));
    const codes = (name: string) => explainPolicy(r.policies.find((p) => p.name === name)!, undefined, { policies: r.policies }).warnings.map((w) => w.code);
    expect(codes('web-egress')).toEqual([]);
    expect(codes('api-egress')).toEqual([]);
  });

  it('explain on the command line says it once, for api-egress only', async () => {
    const io = captureIo({ stdin: text });
    expect(await runCli(['explain', '-f', '-'], io)).toBe(0);
    expect(io.out().match(/cannot resolve names/g)).toHaveLength(1);
    expect(io.out()).toMatch(/NetworkPolicy shop\/api-egress[\s\S]*cannot resolve names/);
  });
});

describe('skipped objects: one summary line', () => {
  it('hundreds of objects of kinds not read give one line with counts per kind', () => {
    const docs: string[] = [];
    for (let i = 0; i < 150; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}, namespace: a}\n`);
    for (let i = 0; i < 60; i++) docs.push(`apiVersion: v1\nkind: Secret\nmetadata: {name: s${i}, namespace: a}\n`);
    docs.push('apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e, namespace: a}\n');
    expect(warnings(docs.join('---\n'))).toEqual(['in.yaml:2:7: warning: skipped 211 objects of kinds netpol-dojo does not read: ConfigMap (150), Secret (60), EndpointSlice (1)']);
  });

  it('a grade answer still names each object that is no NetworkPolicy', async () => {
    const { readPolicyAnswer } = await import('../../src/core/grader/answer.js');
    const out = readPolicyAnswer([{ file: 'answer.yaml', text: `${K8S_POLICY}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: b, namespace: shop}\n` }], false, { namespaces: [], pods: [], services: [], externals: [] });
    expect(Array.isArray(out) ? out.map(formatFinding) : out).toEqual([
      'answer.yaml:7:7: kind: an answer holds NetworkPolicies, not ConfigMap',
      'answer.yaml:11:7: kind: an answer holds NetworkPolicies, not NetworkPolicy (projectcalico.org/v3): write a networking.k8s.io/v1 NetworkPolicy',
    ]);
  });
});
