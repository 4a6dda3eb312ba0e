// The text layout as a whole: one policy with a cluster, compared line by line
// (this is also the sample the README shows).
import { describe, expect, it } from 'vitest';
import { explainPolicy } from '../../src/core/explain/explain.js';
import { formatExplanation, formatExplanations } from '../../src/core/explain/format.js';
import { cluster, pod, policy, port, rule, sel } from './build.js';

const c = cluster({ 'app-ns': {}, web: { env: 'production' }, monitoring: {} }, [
  pod('app-ns/api-1', { app: 'api' }, '10.244.1.11', [{ name: 'metrics', port: 9090, protocol: 'TCP' }]),
  pod('app-ns/api-2', { app: 'api' }, '10.244.1.12'),
  pod('app-ns/db-0', { app: 'db' }, '10.244.1.20'),
  pod('web/frontend-1', { app: 'frontend' }, '10.244.2.5'),
  pod('monitoring/prometheus-0', { app: 'prometheus' }, '10.244.3.5'),
]);

const apiAllow = {
  ...policy({
    name: 'api-allow',
    namespace: 'app-ns',
    podSelector: sel({ app: 'api' }),
    ingress: [
      rule([{ podSelector: sel({ app: 'frontend' }), namespaceSelector: sel({ env: 'production' }) }], [port(8080)]),
      rule([{ namespaceSelector: sel({ team: 'monitoring' }) }], [port('metrics')]),
    ],
    egress: [rule([{ podSelector: sel({ app: 'db' }) }], [port(5432, 'TCP')]), rule([], [port(53, 'UDP'), port(53, 'TCP')])],
  }),
  source: { file: 'api-allow.yaml', line: 1, col: 1 },
};

describe('text format', () => {
  it('lays out a policy with a cluster', () => {
    expect(formatExplanation(explainPolicy(apiAllow, c)).split('\n')).toEqual(
      [
        "NetworkPolicy app-ns/api-allow  (api-allow.yaml:1:1)",
        "  Selects pods labelled app=api in namespace app-ns (2 pods: app-ns/api-1, app-ns/api-2)",
        "  policyTypes not set: the API server infers [Ingress, Egress] because the policy has egress rules",
        "  Ingress isolated: incoming traffic to the selected pods is allowed only if it matches ingress[0] OR ingress[1] (or a rule of another policy selecting them)",
        "    ingress[0] allows traffic",
        "      from ingress[0].from[0]  pods labelled app=frontend AND in namespaces labelled env=production (1 pod: web/frontend-1)",
        "      AND on port 8080/TCP (protocol defaulted to TCP)",
        "    OR",
        "    ingress[1] allows traffic",
        "      from ingress[1].from[0]  every pod in namespaces labelled team=monitoring (no pods right now)",
        "      AND on the port named metrics (protocol defaulted to TCP; resolved on each destination pod)",
        "  Egress isolated: outgoing traffic from the selected pods is allowed only if it matches egress[0] OR egress[1] (or a rule of another policy selecting them)",
        "    egress[0] allows traffic",
        "        to egress[0].to[0]  pods labelled app=db in this namespace (app-ns) (1 pod: app-ns/db-0)",
        "      AND on port 5432/TCP",
        "    OR",
        "    egress[1] allows traffic",
        "        to anywhere (every pod, every namespace, and outside the cluster)",
        "      AND on port 53/UDP",
        "          OR port 53/TCP",
        "  Warnings:",
        "    warning: ingress[1].from[0]: namespaceSelector team=monitoring matches no namespace (missing `kubectl label ns <name> team=monitoring`?)",
        "",
      ],
    );
  });

  it('colour adds escapes but no words', () => {
    const calls: string[] = [];
    const style = (code: string, t: string) => {
      calls.push(code);
      return `\u0001${t}\u0002`;
    };
    const painted = formatExplanation(explainPolicy(apiAllow, c), style);
    expect(painted.replace(/[\u0001\u0002]/g, '')).toBe(formatExplanation(explainPolicy(apiAllow, c)));
    expect(calls).toContain('cyan');
    expect(calls).toContain('yellow');
  });

  it('several policies are separated by a blank line', () => {
    const deny = explainPolicy(policy({ name: 'deny', namespace: 'app-ns', policyTypes: ['Ingress'] }));
    expect(formatExplanations([deny, deny])).toBe(`${formatExplanation(deny)}\n${formatExplanation(deny)}`);
  });

  it('without a cluster there are no pod counts', () => {
    const text = formatExplanation(explainPolicy(apiAllow));
    expect(text).toContain('  Selects pods labelled app=api in namespace app-ns\n');
    expect(text).not.toMatch(/pods? right now|\d pods?:/);
  });
});
