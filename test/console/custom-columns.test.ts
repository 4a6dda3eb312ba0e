// kubectl get -o custom-columns, from pkg/cmd/get/customcolumn.go: headers as given,
// RelaxedJSONPathExpression paths, <none> for no value, fmt.Sprint of unstructured values.
import { describe, expect, it } from 'vitest';
import { newConsole, play, run } from './helpers.js';

describe('-o custom-columns (customcolumn.go)', () => {
  it('headers as given, relaxed paths, <none> for no value, Go %v for maps and lists', async () => {
    const c = newConsole();
    await play(c, 'kubectl create namespace t\nkubectl run web --image=nginx -l app=web -n t\n');
    await play(c, 'cat <<EOF | kubectl apply -f -\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: only-web\n  namespace: t\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Ingress\nEOF\n');
    const ip = (await run(c, "kubectl get pod web -n t -o jsonpath='{.status.podIP}'")).out;
    expect((await run(c, 'kubectl get pods -n t -o custom-columns=NAME:.metadata.name,IP:status.podIP,NODE:{.spec.nodeName},X:.spec.nothing')).lines).toEqual([
      'NAME   IP            NODE     X',
      `web    ${ip}   node01   <none>`,
    ]);
    expect((await run(c, 'kubectl get netpol -n t -o custom-columns=NAME:.metadata.name,SELECTOR:.spec.podSelector,TYPES:.spec.policyTypes --no-headers')).lines).toEqual(['only-web   map[matchLabels:map[app:web]]   [Ingress]']);
    const bad = await run(c, 'kubectl get pods -o custom-columns=NAME');
    expect(bad.lines).toEqual(['error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>']);
    expect(bad.code).toBe(1);
  });
});
