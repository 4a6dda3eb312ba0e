// kubectl apply's last-applied-configuration, as a real cluster stores it (test/fixtures/real/
// cluster-dump.yaml): the manifest with its namespace defaulted and an empty annotations map,
// marshalled with sorted keys (Go's encoding/json on a map).
import { describe, expect, it } from 'vitest';
import { newConsole, play, run } from './helpers.js';

describe('last-applied-configuration', () => {
  it('is the manifest in Go map order, with annotations {} and the namespace it went to', async () => {
    const c = newConsole();
    await play(c, 'kubectl create namespace shop\n');
    await play(c, 'cat <<EOF | kubectl apply -n shop -f -\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\nEOF\n');
    const r = await run(c, "kubectl get netpol default-deny -n shop -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'");
    expect(r.out).toBe('{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"annotations":{},"name":"default-deny","namespace":"shop"},"spec":{"podSelector":{},"policyTypes":["Ingress","Egress"]}}');
  });
});
