// The grader: reasons in words, classic mistakes, requirement scoring, checks by name and
// by IP, and the predict, fix and pick kinds.
import { describe, expect, it } from 'vitest';
import { gradeAnswer } from '../../src/core/grader/grade.js';
import { gradeJson, formatGradeText } from '../../src/core/grader/format.js';
import { formatFinding } from '../../src/core/findings.js';
import { grade, np, scenario } from './helpers.js';

const SHOP = `cluster:
  namespaces: [{name: shop}]
  deployments:
    - {name: web, namespace: shop, image: nginx, expose: {port: 8080, targetPort: 80}}
    - {name: client, namespace: shop, image: busybox}
`;

describe('checks', () => {
  const onlyToWeb = np('shop', 'client-out', 'podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress:\n- to: [{podSelector: {matchLabels: {app: web}}}]\n  ports: [{port: 80}]');
  const dns = np('shop', 'dns', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n- ports: [{port: 53, protocol: UDP}]');
  const s = scenario(
    'checks',
    `kind: write
${SHOP}solutions:
  - answer: |
${(onlyToWeb + dns).replace(/^/gm, '      ')}
steps:
  - title: s
    expect:
      - requirement: by name
        checks: [{from: shop/client, run: "wget -qO- --timeout=3 http://web:8080", expect: success}]
      - requirement: by pod IP
        checks: [{from: shop/client, run: "wget -qO- --timeout=3 http://10.244.1.10", expect: success}]
`,
  );

  it('a check by Service name needs DNS; by pod IP it does not', () => {
    const r = grade(s, onlyToWeb);
    expect(r.checks.map((c) => [c.requirement, c.got])).toEqual([
      ['by name', 'fail'],
      ['by pod IP', 'success'],
    ]);
    expect(r.checks[0].reason).toContain('DNS is blocked');
    expect(r.mistakes.map((m) => m.code)).toContain('dns-blocked');
  });

  it('a check by Service name goes to the targetPort once DNS works', () => {
    const r = grade(s, onlyToWeb + dns);
    expect(r.passed).toBe(true);
  });

  it('says "Connection refused" where nothing listens, whatever the policies allow', () => {
    const t = scenario(
      'refused',
      `kind: predict
${SHOP}steps:
  - title: s
    questions:
      - {ask: "web: wget client", from: shop/web, run: "wget -qO- --timeout=3 http://10.244.1.11", expect: fail}
solutions: [{answer: "x"}]
`.replace(/solutions: \[\{answer: "x"\}\]\n$/, '') + 'solutions: [{answer: "x"}]\n',
    );
    const r = grade(t, '"web: wget client": yes\n');
    expect(r.passed).toBe(false);
    expect(r.checks[0].reason).toContain('Connection refused');
    expect(r.checks[0].reason).toContain('nothing listens on shop/client');
  });
});

describe('classic mistakes', () => {
  const s = scenario(
    'mistakes',
    `kind: write
cluster:
  namespaces: [{name: shop}, {name: ops, labels: {team: ops}}]
  deployments:
    - {name: web, namespace: shop, image: nginx, expose: {port: 8080, targetPort: 80}}
    - {name: mon, namespace: shop, image: busybox}
    - {name: other, namespace: shop, image: busybox}
    - {name: agent, namespace: ops, image: busybox}
solutions:
  - answer: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web-in, namespace: shop}
      spec:
        podSelector: {matchLabels: {app: web}}
        ingress:
        - from: [{podSelector: {matchLabels: {app: mon}}}, {namespaceSelector: {matchLabels: {team: ops}}}]
          ports: [{port: 80}]
steps:
  - title: s
    expect:
      - requirement: untouched
        cells: [{from: "*", to: "*", expect: allowed}]
      - requirement: nobody else reaches web
        cells: [{from: "*", to: shop/web, expect: denied}]
      - requirement: mon and every ops pod reach web
        cells: [{from: [shop/mon, ops/*], to: shop/web, port: 80/TCP, expect: allowed}]
`,
  );
  const webIn = (ingress: string) => np('shop', 'web-in', `podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]\ningress:\n${ingress}`);

  it('passes the right answer (two peers: OR)', () => {
    const r = grade(s, webIn('- from:\n  - podSelector: {matchLabels: {app: mon}}\n  - namespaceSelector: {matchLabels: {team: ops}}\n  ports: [{port: 80}]'));
    expect(formatGradeText(r)).toContain('PASSED');
  });

  it('spots AND where OR was needed, by re-grading the peer split', () => {
    const r = grade(s, webIn('- from:\n  - podSelector: {matchLabels: {app: mon}}\n    namespaceSelector: {matchLabels: {team: ops}}\n  ports: [{port: 80}]'));
    expect(r.passed).toBe(false);
    expect(r.mistakes.map((m) => m.code)).toContain('and-instead-of-or');
  });

  it('spots a Service port used where the pod port was needed', () => {
    const r = grade(s, webIn('- from:\n  - podSelector: {matchLabels: {app: mon}}\n  - namespaceSelector: {matchLabels: {team: ops}}\n  ports: [{port: 8080}]'));
    const m = r.mistakes.find((x) => x.code === 'service-port');
    expect(m?.message).toContain('uses port 8080, the port of Service shop/web');
    expect(m?.message).toContain('here 80');
  });

  it('spots a namespace label that nobody set', () => {
    const r = grade(s, webIn('- from:\n  - podSelector: {matchLabels: {app: mon}}\n  - namespaceSelector: {matchLabels: {team: operations}}\n  ports: [{port: 80}]'));
    expect(r.mistakes.find((x) => x.code === 'namespace-label-unset')?.message).toContain('namespaceSelector team=operations matches no namespace');
  });

  it('spots a policy in the wrong namespace (selects no pods)', () => {
    const r = grade(s, np('ops', 'web-in', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]'));
    expect(r.mistakes.find((x) => x.code === 'selects-no-pods')?.message).toContain('ops/web-in selects no pods');
  });

  it('spots ingress rules under policyTypes without Ingress', () => {
    const r = grade(s, np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\ningress:\n- from: [{podSelector: {matchLabels: {app: mon}}}]'));
    expect(r.mistakes.find((x) => x.code === 'rules-ignored')?.message).toContain('has ingress rules but its policyTypes does not list Ingress');
  });

  it('names each wrong cell with who isolated whom and which rule came close', () => {
    const r = grade(s, webIn('- from:\n  - podSelector: {matchLabels: {app: mon}}\n  ports: [{port: 443}]'));
    const m = r.mismatches.find((x) => x.from.startsWith('shop/mon-'))!;
    expect(m).toMatchObject({ port: 80, protocol: 'TCP', expected: 'allowed', got: 'denied', requirement: 'mon and every ops pod reach web' });
    expect(m.reason).toMatch(/is isolated for ingress by shop\/web-in and no ingress rule admits shop\/mon-\S+ on 80\/TCP \(shop\/web-in ingress\[0\] admits shop\/mon-\S+ but only on 443\/TCP, not 80\/TCP\)/);
  });

  it('scores the weighted share of requirements met, denials and flows the two halves of the task', () => {
    // Nothing written: the denial "nobody else reaches web" is unmet; the flow and the untouched traffic hold.
    const empty = grade(s, '');
    expect(empty.requirements.map((r) => [r.name, r.class, r.met, r.weight])).toEqual([
      ['untouched', 'untouched', true, 0.15],
      ['nobody else reaches web', 'deny', false, 0.53],
      ['mon and every ops pod reach web', 'flow', true, 0.32],
    ]);
    expect(empty.score).toBe(0.47);
    // Every pod of shop let in (too wide): 'other' is one of the sources that must be denied.
    const wide = grade(s, webIn('- from:\n  - podSelector: {}\n  - namespaceSelector: {matchLabels: {team: ops}}\n  ports: [{port: 80}]'));
    expect(wide.requirements.find((x) => x.name === 'nobody else reaches web')).toMatchObject({ role: 'goal', class: 'deny', met: false, wrong: 1, total: 6 });
    expect(wide.score).toBe(0.47);
    // The denial met but the flow broken (ops pods shut out): more than doing nothing, less than a side miss.
    const narrow = grade(s, webIn('- from:\n  - podSelector: {matchLabels: {app: mon}}\n  ports: [{port: 80}]'));
    expect(narrow.score).toBe(0.68);
  });

  it('gives JSON with the contract fields', () => {
    const j = gradeJson(grade(s, webIn('- from:\n  - podSelector: {matchLabels: {app: mon}}\n  ports: [{port: 80}]')));
    expect(Object.keys(j).slice(0, 6)).toEqual(['exercise', 'step', 'passed', 'score', 'mismatches', 'checks']);
    expect(j).toMatchObject({ exercise: 'mistakes', step: 1, passed: false });
    const m = (j.mismatches as Record<string, unknown>[])[0];
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['from', 'to', 'port', 'protocol', 'expected', 'got', 'reason']));
  });

  it('refuses an answer that is not NetworkPolicies, with its position', () => {
    const out = gradeAnswer(s, [{ file: 'a.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {x: z}}\n' }]);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.findings.map(formatFinding)).toEqual(['a.yaml:1:1: kind: an answer holds NetworkPolicies, not a Namespace']);
  });
});

describe('fix', () => {
  const s = scenario(
    'fixit',
    `kind: fix
cluster:
  namespaces: [{name: backend}, {name: frontend}]
  deployments:
    - {name: api, namespace: backend, image: nginx}
    - {name: web, namespace: frontend, image: busybox}
existing: |
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: api-in, namespace: backend}
  spec:
    podSelector: {matchLabels: {app: api}}
    ingress:
    - from: [{namespaceSelector: {matchLabels: {tier: frontend}}}]
solutions:
  - answer: |
      apiVersion: v1
      kind: Namespace
      metadata: {name: frontend, labels: {tier: frontend}}
steps:
  - title: s
    expect:
      - requirement: untouched
        cells: [{from: "*", to: "*", expect: allowed}]
      - requirement: only frontend reaches api
        cells: [{from: "*", to: backend/api, expect: denied}]
      - requirement: frontend reaches api
        cells: [{from: frontend/web, to: backend/api, expect: allowed}]
`,
  );

  it('accepts a Namespace object that sets the missing label', () => {
    expect(grade(s, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: frontend, labels: {tier: frontend}}\n').passed).toBe(true);
  });

  it('accepts a policy that replaces the broken one of the same name', () => {
    const r = grade(s, np('backend', 'api-in', 'podSelector: {matchLabels: {app: api}}\ningress:\n- from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: frontend}}}]'));
    expect(r.passed).toBe(true);
    expect(r.notes).toContain('replaced: backend/api-in');
  });

  it('fails when nothing changes', () => {
    expect(grade(s, '').passed).toBe(false);
  });
});

describe('predict', () => {
  const s = scenario(
    'guess',
    `kind: predict
cluster:
  namespaces: [{name: shop}]
  deployments:
    - {name: web, namespace: shop, image: nginx, expose: 80}
    - {name: client, namespace: shop, image: busybox}
existing: |
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: client-out, namespace: shop}
  spec:
    podSelector: {matchLabels: {app: client}}
    policyTypes: [Egress]
    egress:
    - to: [{podSelector: {matchLabels: {app: web}}}]
solutions: [{answer: "x"}]
steps:
  - title: s
    questions:
      - {ask: "client -> web:80", from: shop/client, to: shop/web, port: 80/TCP, expect: allowed}
      - {ask: "client: wget http://web", from: shop/client, run: "wget http://web", expect: fail}
`,
  );

  it('grades question by question, with the reason for a wrong guess', () => {
    const r = grade(s, '"client -> web:80": yes\n"client: wget http://web": yes\n');
    expect(r.passed).toBe(false);
    expect(r.score).toBe(0.5);
    expect(r.checks[0]).toMatchObject({ passed: false, expected: 'fail', got: 'success' });
    expect(r.checks[0].reason).toContain('DNS is blocked');
    expect(grade(s, '"client -> web:80": yes\n"client: wget http://web": no\n').passed).toBe(true);
  });

  it('says a wrong check by IP in one sentence: route, then the verdict, never "you said" twice', () => {
    const byIp = scenario(
      'guess-ip',
      `kind: predict
cluster:
  namespaces: [{name: shop}]
  deployments:
    - {name: web, namespace: shop, image: nginx, expose: 80}
    - {name: client, namespace: shop, image: busybox}
solutions: [{answer: "x"}]
steps:
  - title: s
    questions:
      - {ask: "client: nc web by IP", from: shop/client, run: "nc -zv -w 3 10.244.1.10 80", expect: success}
`,
    );
    const r = grade(byIp, '"client: nc web by IP": no\n');
    // Nothing selects either pod: not isolated either way (a pod is isolated only once a policy selects it).
    expect(r.checks[0].reason).toMatch(
      /^you said it fails; it succeeds, because it connects to shop\/web-[a-z0-9-]+ by IP, with no name to resolve, and the connection is allowed: no policy selects shop\/web-[a-z0-9-]+ for ingress, so it accepts everything; no policy selects shop\/client-[a-z0-9-]+ for egress, so it may send anywhere$/,
    );
    expect(r.checks[0].reason.match(/you said/g)).toHaveLength(1);
  });

  it('counts a missing answer as wrong and refuses an unknown question', () => {
    expect(grade(s, '"client -> web:80": yes\n').score).toBe(0.5);
    const out = gradeAnswer(s, [{ file: 'a.yaml', text: '"client -> web:8O": yes\n' }]);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.findings[0].message).toContain('did you mean "client -> web:80"');
  });
});

describe('pick', () => {
  const base = np('shop', 'deny-all', 'podSelector: {}\npolicyTypes: [Ingress]').replace(/^/gm, '  ');
  const cand = (id: string, policy: string) => `  - id: ${id}\n    policies: |\n${policy.replace(/^/gm, '      ')}\n`;
  const s = scenario(
    'choose',
    `kind: pick
cluster:
  namespaces: [{name: shop}]
  deployments:
    - {name: web, namespace: shop, image: nginx, expose: 80}
    - {name: client, namespace: shop, image: busybox}
    - {name: other, namespace: shop, image: nginx}
existing: |
${base}
solutions: [{answer: "pick: b"}]
candidates:
${cand('a', np('shop', 'open', 'podSelector: {}\ningress:\n- {}'))}${cand('b', np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]\n  ports: [{port: 80}]'))}${cand('c', np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: nobody}}}]'))}${cand('d', np('shop', 'deny-all', 'podSelector: {matchLabels: {app: other}}\npolicyTypes: [Ingress]') + np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]'))}
steps:
  - title: s
    expect:
      - requirement: client reaches web
        cells: [{from: shop/client, to: shop/web, port: 80/TCP, expect: allowed}]
`,
  );

  it('passes the least permissive candidate and explains every decoy', () => {
    const r = grade(s, 'pick: b\n');
    expect(r.passed).toBe(true);
    const v = Object.fromEntries(r.picks!.map((p) => [p.id, p.verdict]));
    expect(v).toEqual({ a: 'too wide', b: 'right', c: 'too narrow', d: 'overwrites an existing policy' });
    expect(r.picks!.find((p) => p.id === 'a')!.explanation).toMatch(/also allows \d+ connections that b denies/);
    expect(r.picks!.find((p) => p.id === 'c')!.explanation).toContain('fails "client reaches web"');
  });

  it('fails a decoy with the extra connections it allows', () => {
    const r = grade(s, 'pick: a\n');
    expect(r.passed).toBe(false);
    expect(r.mismatches.some((m) => m.requirement === 'least permissive' && m.got === 'allowed')).toBe(true);
  });
});
