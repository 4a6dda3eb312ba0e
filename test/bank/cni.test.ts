// A scenario's CNI (`cni: calico|flannel`), from the module: "If the cluster uses Flannel,
// Network Policies are ignored: they're created but not enforced" (1.3), and the mistakes
// table's last row (Flannel CNI: "Policies created but not enforced"). The key is validated
// like every other; under Flannel the engine, the grader and the console all let every
// connection through whatever the policies say, and the reasons say why.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../src/core/bank/parse-scenario.js';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { preparedStep, resolveCheck, resolvePattern, type PreparedStep } from '../../src/core/bank/prepare.js';
import type { Question } from '../../src/core/bank/scenario.js';
import { runCheck } from '../../src/core/grader/evaluate.js';
import { gradeAnswer } from '../../src/core/grader/grade.js';
import { formatGradeText } from '../../src/core/grader/format.js';
import { formatFinding } from '../../src/core/findings.js';
import { Engine } from '../../src/core/engine/engine.js';
import { explainVerdict, verdictLines } from '../../src/core/engine/reasons.js';
import { taskLines } from '../../src/core/bank/describe.js';
import { Console } from '../../src/core/console/index.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'exercises');
const bank = loadBank(dir);
const F = 'exercises/drill-x.yaml';

const MINIMAL = `id: drill-x
title: Minimal
kind: write
topics: ["4.1"]
difficulty: 1
minutes: 3
task: Lock web.
cluster:
  namespaces: [{name: shop}]
  deployments:
    - {name: web, namespace: shop, image: nginx, expose: 80}
    - {name: client, namespace: shop, image: busybox}
steps:
  - title: Lock
    expect:
      - requirement: other traffic is untouched
        cells: [{from: "*", to: "*", expect: allowed}]
      - requirement: nobody reaches web
        cells: [{from: "*", to: shop/web, expect: denied}]
hints: [Deny.]
solutions:
  - answer: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: d, namespace: shop}
      spec:
        podSelector: {matchLabels: {app: web}}
explanation: Done.
`;

const DIAGNOSE = 'diagnose-deny-not-holding';

describe('the cni key', () => {
  it('defaults to calico (absent), reads calico and flannel', () => {
    expect(parseScenario(F, MINIMAL, 'drill-x').scenario!.cni).toBeUndefined();
    expect(parseScenario(F, MINIMAL.replace('kind: write', 'kind: write\ncni: calico'), 'drill-x').scenario!.cni).toBe('calico');
    expect(parseScenario(F, MINIMAL.replace('kind: write', 'kind: write\ncni: flannel'), 'drill-x').scenario!.cni).toBe('flannel');
  });

  it('reports any other CNI at its value, naming the scenario', () => {
    const r = parseScenario(F, MINIMAL.replace('kind: write', 'kind: write\ncni: weave'), 'drill-x');
    expect(r.scenario).toBeUndefined();
    expect(r.findings.map(formatFinding)).toEqual(['exercises/drill-x.yaml:4:6: cni: scenario drill-x: Unsupported value: "weave": supported values: "calico", "flannel"']);
  });

  it('goes with the prepared cluster only when it is flannel', () => {
    const calico = preparedStep(parseScenario(F, MINIMAL, 'drill-x').scenario!, 1).prepared!;
    expect(calico.cluster.cni).toBeUndefined();
    const flannel = preparedStep(parseScenario(F, MINIMAL.replace('kind: write', 'kind: write\ncni: flannel'), 'drill-x').scenario!, 1).prepared!;
    expect(flannel.cluster.cni).toBe('flannel');
  });
});

describe('under Flannel policies are created but not enforced (1.3, 7.3)', () => {
  const s = parseScenario(F, MINIMAL, 'drill-x').scenario!;
  const prep = preparedStep(s, 1).prepared!;
  const deny = gradeAnswer(s, [{ file: 'a.yaml', text: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n' }]);
  if (!deny.ok) throw new Error('the deny does not load');
  const policies = deny.graded!.evaluation.policies;

  it('the engine lets every connection through that a deny-all in both directions stops under Calico', () => {
    const calico = new Engine(prep.cluster, policies);
    const flannel = new Engine({ ...prep.cluster, cni: 'flannel' }, policies);
    const ids = calico.endpoints.map((e) => e.id);
    let deniedUnderCalico = 0;
    for (let a = 0; a < ids.length; a++) {
      for (let b = 0; b < ids.length; b++) {
        if (calico.endpoints[a].kind === 'external' && calico.endpoints[b].kind === 'external') continue;
        for (const probe of [{ port: 80, protocol: 'TCP' as const }, { port: 53, protocol: 'UDP' as const }]) {
          if (!calico.allowed(a, b, probe)) deniedUnderCalico++;
          expect(flannel.allowed(a, b, probe), `${ids[a]} -> ${ids[b]}`).toBe(true);
        }
      }
    }
    expect(deniedUnderCalico).toBeGreaterThan(0);
    expect(flannel.unenforced).toEqual(['shop/deny-all']);
    expect(calico.unenforced).toEqual([]);
  });

  it('the reasons say the policies are stored and not enforced, naming the CNI', () => {
    const flannel = new Engine({ ...prep.cluster, cni: 'flannel' }, policies);
    const web = flannel.endpoints.find((e) => e.id.startsWith('shop/web-'))!.id;
    const client = flannel.endpoints.find((e) => e.id.startsWith('shop/client-'))!.id;
    const v = flannel.verdict(client, web, { port: 80, protocol: 'TCP' });
    expect(v.allowed).toBe(true);
    expect(explainVerdict(flannel, v)).toBe(
      "allowed: policies are not enforced: this cluster's CNI, Flannel, does not implement NetworkPolicy, so shop/deny-all is stored by the API server and filters nothing",
    );
    expect(verdictLines(flannel, v)[1]).toContain('does not implement NetworkPolicy');
  });
});

describe(`${DIAGNOSE}: the Flannel diagnose scenario`, () => {
  const s = bank.byId.get(DIAGNOSE)!;
  const prep = preparedStep(s, 1).prepared!;

  it('runs on Flannel and holds policies that would deny its tests under Calico', () => {
    expect(s.kind).toBe('predict');
    expect(s.cni).toBe('flannel');
    expect(prep.existing.map((p) => `${p.namespace}/${p.name}`)).toEqual(['netpol-test/deny-all-ingress', 'default/deny-all-egress']);
    const calico = new Engine({ ...prep.cluster, cni: undefined }, prep.existing);
    // Every question the engine answers "let through" here; under Calico the policy-bound ones are not.
    const outcome = (e: Engine) => s.steps[0].questions.map((q) => questionOutcome(e, prep, q));
    expect(outcome(prep.engine)).toEqual(s.steps[0].questions.map((q) => q.expect));
    expect(outcome(calico)).toEqual([false, false, false, false, false, false]);
  });

  it('its task names no CNI: the answer is found on the cluster, not read off the screen', () => {
    const text = taskLines(prep, 0)
      .map((l) => l.text)
      .join('\n');
    expect(text).not.toMatch(/flannel|calico|cilium|enforc|CNI/i);
    expect(`${s.title} ${s.id}`).not.toMatch(/flannel|calico|enforc|cni/i);
  });

  it('a wrong guess is told the cause: the CNI does not implement NetworkPolicy', () => {
    const out = gradeAnswer(s, [{ file: 'a.yaml', text: s.wrong[0].answer.text }]);
    if (!out.ok) throw new Error(out.findings.map(formatFinding).join('\n'));
    expect(formatGradeText(out.result)).toContain("this cluster's CNI, Flannel, does not implement NetworkPolicy");
  });

  it("its console is Flannel's: kube-flannel pods, no calico, policies accepted, every test as the module states for Flannel", async () => {
    const c = new Console({ scenario: { scenario: s, step: 1 }, now: () => Date.UTC(2026, 11, 2) });
    expect(c.cni).toBe('flannel');
    const out = async (line: string) => (await c.runLine(line)).lines;
    // 7.2 step 6: the grep for a policy-enforcing CNI finds nothing; the pod network is Flannel's.
    expect(await out('kubectl get pods -n kube-system | grep -E "calico|cilium"')).toEqual([]);
    expect((await out('kubectl get pods -A')).filter((l) => l.startsWith('kube-flannel ')).length).toBeGreaterThan(0);
    expect(await out('kubectl get netpol -A -o name')).toEqual(['networkpolicy.networking.k8s.io/deny-all-egress', 'networkpolicy.networking.k8s.io/deny-all-ingress']);
    // The module's Exercise 1 test after the deny: the page, not "wget: download timed out".
    const page = await out('kubectl exec -n netpol-test deploy/client -- wget -qO- --timeout=3 http://web');
    expect(page.join('\n')).toContain('Welcome to nginx!');
    expect((await out('kubectl exec test -- nslookup google.com')).join('\n')).toContain('Name:\tgoogle.com');
    // Nothing listens on the test pod: refused, policies or not.
    expect(await out('kubectl exec -n netpol-test deploy/client -- wget -qO- --timeout=3 http://10.244.1.12')).toContain("wget: can't connect to remote host (10.244.1.12): Connection refused");
    // An explicit --cni still wins over the scenario's.
    expect(new Console({ scenario: { scenario: s, step: 1 }, cni: 'calico' }).cni).toBe('calico');
  });

});

describe('every predict question', () => {
  it('agrees with the engine on the step it is asked in (the hand-written expect is the engine\'s)', () => {
    for (const s of bank.scenarios.filter((x) => x.kind === 'predict')) {
      for (let step = 1; step <= s.steps.length; step++) {
        const prep = preparedStep(s, step).prepared!;
        for (const q of s.steps[step - 1].questions) expect(questionOutcome(prep.engine, prep, q), `${s.id} step ${step}: ${q.ask}`).toBe(q.expect);
      }
    }
  });
});

/** What the engine says of a question: the cell's verdict, or whether the check succeeds. */
function questionOutcome(engine: Engine, prep: PreparedStep, q: Question): boolean {
  if (q.check) {
    const rc = resolveCheck(q.check, -1, engine, prep.endpoints);
    if (typeof rc === 'string') throw new Error(rc);
    return runCheck(engine, prep, rc, false).succeeded;
  }
  const from = resolvePattern(q.from, prep.endpoints)[0];
  const to = resolvePattern(q.to!, prep.endpoints)[0];
  return engine.allowed(from, to, { port: q.port!.port, protocol: q.port!.protocol! });
}
