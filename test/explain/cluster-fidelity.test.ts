// explain on the cluster as it runs: hostNetwork pods are not selected (the Kubernetes docs
// leave them undefined; the common CNIs treat their traffic as the node's), a ClusterIP is
// never seen by policies (kube-proxy DNATs to the backends first), and ipBlock values are
// read as 1.35 reads them.
import { describe, expect, it } from 'vitest';
import { explainPolicy } from '../../src/core/explain/explain.js';
import { formatExplanation } from '../../src/core/explain/format.js';
import type { Pod } from '../../src/core/model.js';
import { cluster, pod, policy, rule, sel } from './build.js';

const proxy: Pod = { ...pod('kube-system/kube-proxy-x', { 'k8s-app': 'kube-proxy' }, '172.18.0.3'), hostNetwork: true };
const c = cluster({ 'kube-system': {}, app: {} }, [
  proxy,
  pod('kube-system/coredns-1', { 'k8s-app': 'kube-dns' }, '10.244.0.2'),
  pod('app/web', { app: 'web' }, '10.244.1.5'),
]);
c.services.push({ namespace: 'kube-system', name: 'kube-dns', selector: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53, targetPort: 53, protocol: 'UDP' }], clusterIP: '10.96.0.10' });

describe('hostNetwork pods in explain', () => {
  it('a podSelector matching only a hostNetwork pod selects nothing, and says why', () => {
    const e = explainPolicy(policy({ name: 'p', namespace: 'kube-system', podSelector: sel({ 'k8s-app': 'kube-proxy' }), policyTypes: ['Ingress'] }), c);
    expect(e.selects.pods).toEqual([]);
    expect(e.warnings.map((w) => w.code)).toEqual(['host-network-not-selected', 'selects-no-pods']);
    expect(e.warnings[0].message).toMatch(/^podSelector matches the hostNetwork pod kube-system\/kube-proxy-x \(node IP 172\.18\.0\.3\) by label, but policies do not apply/);
    expect(formatExplanation(e)).toMatch(/warning: podSelector: podSelector matches the hostNetwork pod/);
  });

  it('an empty podSelector selects the pod-network pods of its namespace only', () => {
    const e = explainPolicy(policy({ name: 'p', namespace: 'kube-system', policyTypes: ['Ingress'] }), c);
    expect(e.selects.pods).toEqual(['kube-system/coredns-1']);
  });

  it('a selector peer never matches it; an ipBlock of the node IP does', () => {
    const bySelector = explainPolicy(policy({ name: 'p', namespace: 'app', ingress: [rule([{ namespaceSelector: sel({ 'kubernetes.io/metadata.name': 'kube-system' }) }])] }), c);
    expect(bySelector.ingress[0].peers[0].pods).toEqual(['kube-system/coredns-1']);
    expect(bySelector.warnings.map((w) => w.code)).toEqual(['host-network-not-selected']);
    expect(bySelector.warnings[0].message).toMatch(/only an ipBlock of the node IP admits it/);
    const byIp = explainPolicy(policy({ name: 'p', namespace: 'app', ingress: [rule([{ ipBlock: { cidr: '172.18.0.0/16', except: [] } }])] }), c);
    expect(byIp.ingress[0].peers[0].pods).toEqual(['kube-system/kube-proxy-x']);
  });
});

describe('ipBlocks in explain', () => {
  it('an ipBlock over the Service range: it covers a ClusterIP, which policies never see', () => {
    const e = explainPolicy(
      policy({ name: 'dns', namespace: 'app', policyTypes: ['Egress'], egress: [rule([{ ipBlock: { cidr: '10.96.0.0/12', except: [] } }])] }),
      c,
    );
    expect(e.egress[0].peers[0].pods).toEqual([]);
    const w = e.warnings.find((x) => x.code === 'ipblock-covers-service');
    expect(w?.path).toBe('egress[0].to[0]');
    expect(w?.message).toMatch(/covers the ClusterIP of Service kube-system\/kube-dns 10\.96\.0\.10; kube-proxy DNATs Service traffic to a backend pod before policies see it/);
  });

  it('a CIDR with leading zeros is read as decimal for the pods it covers', () => {
    const e = explainPolicy(policy({ name: 'p', namespace: 'app', ingress: [rule([{ ipBlock: { cidr: '010.244.001.0/24', except: [] } }])] }), c);
    expect(e.ingress[0].peers[0].pods).toEqual(['app/web']);
  });
});

describe('ipBlock words', () => {
  it('say how the API server reads a CIDR written with leading zeros or host bits', () => {
    const e = explainPolicy(policy({ name: 'p', namespace: 'app', ingress: [rule([{ ipBlock: { cidr: '010.0.0.0/8', except: ['10.1.2.3/16'] } }])] }));
    expect(e.ingress[0].peers[0].text).toBe('IPs in 010.0.0.0/8 (read as 10.0.0.0/8) except 10.1.2.3/16 (read as 10.1.0.0/16)');
    const plain = explainPolicy(policy({ name: 'p', namespace: 'app', ingress: [rule([{ ipBlock: { cidr: '10.0.0.0/8', except: [] } }])] }));
    expect(plain.ingress[0].peers[0].text).toBe('IPs in 10.0.0.0/8');
  });
});
