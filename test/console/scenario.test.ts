// The console on a bank scenario's cluster, and on a Flannel cluster: a fix scenario is
// solved with `kubectl label ns`, the state the console exports grades as the grader would,
// and with Flannel policies are accepted but change nothing (the mistakes table's last row).
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { preparedStep } from '../../src/core/bank/prepare.js';
import { gradeState } from '../../src/core/grader/grade.js';
import type { Cluster } from '../../src/core/model.js';
import type { ConsoleState } from '../../src/core/console/index.js';
import { NGINX_TITLE, newConsole, play, run } from './helpers.js';

function scenario(id: string) {
  const s = loadBank().byId.get(id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
}

/** Grades a console state against a step, as the trainer does: the wrong requirements (0 when it passes). */
function wrongCount(id: string, step: number, state: ConsoleState): number {
  const out = gradeState(scenario(id), { policies: state.policies, namespaceLabels: state.namespaceLabels }, { step });
  if (!out.ok) throw new Error(out.findings.map((f) => f.message).join('\n'));
  return out.result.requirements.filter((r) => !r.met).length;
}

describe('a console on fix-namespace-label', () => {
  it('starts with the scenario\'s pods, Services and existing policies', async () => {
    const c = newConsole({ scenario: { scenario: scenario('fix-namespace-label'), step: 1 } });
    const prep = preparedStep(scenario('fix-namespace-label'), 1).prepared!;
    const pods = (await run(c, 'kubectl get pods -A -o wide --no-headers')).lines;
    for (const p of prep.cluster.pods) expect(pods.some((l) => l.split(/\s+/)[1] === p.name && l.includes(` ${p.ips[0]} `))).toBe(true);
    expect((await run(c, 'kubectl get netpol -n backend -o name')).lines).toEqual(['networkpolicy.networking.k8s.io/api-from-frontend', 'networkpolicy.networking.k8s.io/deny-all-ingress']);
    expect((await run(c, 'kubectl get pods -n kube-system | grep -c calico-node')).out).toBe('2');
    // Pod names follow the bank's scheme, so patterns such as backend/api still name them.
    const apiPods = (await run(c, 'kubectl get pods -n backend -l app=api -o name')).lines;
    expect(apiPods).toHaveLength(2);
  });

  it('is solved by labelling the namespace, which the exported state shows', async () => {
    const c = newConsole({ scenario: { scenario: scenario('fix-namespace-label'), step: 1 } });
    const before = await run(c, 'kubectl exec -n frontend deploy/web -- curl -s --max-time 3 http://api.backend:8080');
    expect(before).toMatchObject({ out: 'command terminated with exit code 28', code: 28 });
    expect(wrongCount('fix-namespace-label', 1, c.state())).toBeGreaterThan(0);
    expect((await run(c, 'kubectl label ns frontend tier=frontend')).out).toBe('namespace/frontend labeled');
    expect((await run(c, 'kubectl exec -n frontend deploy/web -- curl -s --max-time 3 http://api.backend:8080')).code).toBe(0);
    expect((await run(c, 'kubectl exec -n sandbox deploy/tester -- wget -qO- --timeout=3 http://api.backend:8080')).lines[0]).toBe('wget: download timed out');
    const state = c.state();
    expect(state.namespaceLabels.get('frontend')).toEqual({ 'kubernetes.io/metadata.name': 'frontend', tier: 'frontend' });
    expect(wrongCount('fix-namespace-label', 1, state)).toBe(0);
  });

  it('exports the scenario\'s endpoints only: no CNI or control-plane pods, no extra outside hosts', () => {
    const c = newConsole({ scenario: { scenario: scenario('fix-namespace-label'), step: 1 } });
    const prep = preparedStep(scenario('fix-namespace-label'), 1).prepared!;
    const state = c.state();
    const ids = (cl: Cluster) => cl.pods.map((p) => `${p.namespace}/${p.name}`).sort();
    expect(ids(state.cluster)).toEqual(ids(prep.cluster));
    expect(state.cluster.externals.map((e) => e.name)).toEqual(prep.cluster.externals.map((e) => e.name));
    expect(state.policies.map((p) => p.name).sort()).toEqual(['api-from-frontend', 'deny-all-ingress']);
  });

  it('"delete the stray policy" is possible', async () => {
    const c = newConsole({ scenario: { scenario: scenario('fix-namespace-label'), step: 1 } });
    await run(c, 'kubectl delete netpol deny-all-ingress api-from-frontend -n backend');
    expect(c.state().policies).toEqual([]);
  });
});

describe('a Flannel cluster', () => {
  const EX = `kubectl create namespace netpol-test
kubectl create deployment web --image=nginx -n netpol-test
kubectl expose deployment web --port=80 -n netpol-test
kubectl create deployment client --image=busybox -n netpol-test -- sleep 3600
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all-ingress
  namespace: netpol-test
spec:
  podSelector: {}
  policyTypes:
  - Ingress
EOF
kubectl exec -n netpol-test deploy/client -- wget -qO- --timeout=3 http://web
kubectl get pods -n kube-system | grep -E "calico|cilium"
kubectl get pods -A | grep flannel
`;

  it('accepts the policy, does not enforce it, and the checklist\'s CNI step finds no calico', async () => {
    const { steps } = await play(newConsole({ cni: 'flannel' }), EX);
    expect(steps[4].lines).toEqual(['networkpolicy.networking.k8s.io/deny-all-ingress created']);
    expect(steps[5].lines.join('\n')).toContain(NGINX_TITLE);
    expect(steps[6]).toMatchObject({ lines: [], exitCode: 1 });
    expect(steps[7].lines).toHaveLength(2);
    expect(steps[7].lines.every((l) => /^kube-flannel\s+kube-flannel-ds-[a-z0-9]{5}\s+1\/1\s+Running/.test(l))).toBe(true);
  });

  it('the same script on Calico is blocked', async () => {
    const { steps } = await play(newConsole(), EX);
    expect(steps[5].lines[0]).toBe('wget: download timed out');
    expect(steps[6].lines.length).toBeGreaterThan(0);
  });
});

describe('every scenario step of the bank', () => {
  it('opens a console whose exported state is the prepared step: same pods, IPs, labels, ports, policies and requirements met', () => {
    const bank = loadBank();
    let steps = 0;
    for (const s of bank.byId.values()) {
      for (let step = 1; step <= s.steps.length; step++) {
        steps++;
        const prep = preparedStep(s, step).prepared!;
        const state = newConsole({ scenario: { scenario: s, step } }).state();
        const key = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;
        const byId = new Map(state.cluster.pods.map((p) => [key(p), p]));
        expect([...byId.keys()].sort(), `${s.id} step ${step}`).toEqual(prep.cluster.pods.map(key).sort());
        for (const p of prep.cluster.pods) {
          const q = byId.get(key(p))!;
          expect({ ips: q.ips, labels: q.labels, ports: q.ports }, `${s.id} step ${step} ${key(p)}`).toEqual({ ips: p.ips, labels: p.labels, ports: p.ports });
        }
        expect(state.policies.map((p) => key(p)).sort()).toEqual(prep.existing.map((p) => key(p)).sort());
        if (s.kind === 'write' || s.kind === 'fix') {
          // Untouched, the console grades as the step's own cluster and existing policies do.
          const asPrepared = gradeState(s, { policies: prep.existing, namespaceLabels: new Map(prep.cluster.namespaces.map((n) => [n.name, n.labels])) }, { step });
          const fromConsole = gradeState(s, { policies: state.policies, namespaceLabels: state.namespaceLabels }, { step });
          if (!asPrepared.ok || !fromConsole.ok) throw new Error(`${s.id} step ${step} cannot be graded`);
          expect(fromConsole.result.requirements.map((r) => r.met), `${s.id} step ${step}`).toEqual(asPrepared.result.requirements.map((r) => r.met));
        }
      }
    }
    expect(steps).toBeGreaterThan(40);
  });
});
