// Grading that can be trusted: every port and protocol is graded, the task's own words are
// checked (names, named ports, namespace labels, earlier steps kept), scores follow the share of
// requirements met, and each mistake is named by its cause. Written from the Kubernetes
// NetworkPolicy docs: an isolated pod accepts only what some rule admits, `ports` left out means
// every port, `policyTypes` left out is inferred from the rules present.
import { describe, expect, it } from 'vitest';
import { gradeState } from '../../src/core/grader/grade.js';
import { formatGradeText } from '../../src/core/grader/format.js';
import { loadManifests } from '../../src/core/manifest/load.js';
import { grade, np, scenario } from './helpers.js';

const DENY = np('shop', 'deny-all-ingress', 'podSelector: {}\npolicyTypes: [Ingress]');
const ALLOW = np('shop', 'web-from-client', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]\n  ports: [{port: http}]');

const s = scenario(
  'trust',
  `kind: write
cluster:
  namespaces: [{name: shop}, {name: team, labels: {}}]
  deployments:
    - {name: web, namespace: shop, image: nginx, ports: [{port: 80, name: http}], expose: 80}
    - {name: client, namespace: shop, image: busybox}
    - {name: probe, namespace: team, image: busybox}
solutions:
  - steps:
      - |
${DENY.replace(/^/gm, '        ')}
      - |
${ALLOW.replace(/^/gm, '        ')}
        apiVersion: v1
        kind: Namespace
        metadata: {name: team, labels: {purpose: probes}}
steps:
  - title: deny
    expect:
      - requirement: outside shop untouched
        cells: [{from: "*", to: "*", expect: allowed}]
      - requirement: nothing reaches shop
        cells: [{from: "*", to: shop/*, expect: denied}]
      - requirement: the deny is named deny-all-ingress
        policy: {name: deny-all-ingress, namespace: shop}
  - title: allow
    expect:
      - requirement: outside shop untouched
        cells: [{from: "*", to: "*", expect: allowed}]
      - requirement: nothing but client reaches shop
        cells: [{from: "*", to: shop/*, expect: denied}]
      - requirement: client reaches web on 80
        cells: [{from: shop/client, to: shop/web, port: 80/TCP, expect: allowed}]
        weight: 2
      - requirement: the allow is named web-from-client
        policy: {name: web-from-client, namespace: shop}
      - requirement: the port is referred to by its name
        namedPort: {name: http, policy: web-from-client, namespace: shop}
      - requirement: team carries purpose=probes
        namespaceLabel: {namespace: team, labels: {purpose: probes}}
      - requirement: the deny of step 1 stays
        kept: 1
`,
);
const LABEL = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: team, labels: {purpose: probes}}\n---\n';

describe('every connection is graded', () => {
  it('fails an allow without its default deny: client, which serves nothing, stays open to everyone', () => {
    const r = grade(s, ALLOW + LABEL + np('shop', 'other', 'podSelector: {matchLabels: {app: none}}'), 2);
    expect(r.passed).toBe(false);
    expect(r.requirements.find((q) => q.name === 'nothing but client reaches shop')!.met).toBe(false);
    const m = r.mismatches.find((x) => x.to.startsWith('shop/client-'))!;
    expect(m).toMatchObject({ expected: 'denied', got: 'allowed', ports: 'all' });
    expect(r.mistakes.map((x) => x.code)).toContain('missing-default-deny');
  });

  it('fails a deny that selects only web in step 1', () => {
    const r = grade(s, np('shop', 'deny-all-ingress', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]'), 1);
    expect(r.passed).toBe(false);
  });

  it('fails a rule without ports, and names it', () => {
    const open = ALLOW.replace(/\n +ports: \[\{port: http\}\]/, '');
    const r = grade(s, DENY + open + LABEL, 2);
    expect(r.passed).toBe(false);
    const m = r.mismatches.find((x) => x.from.startsWith('shop/client-') && x.to.startsWith('shop/web-'))!;
    expect(m.ports).toBe('TCP 1-79,81-65535; UDP all ports; SCTP all ports');
    expect(r.mistakes.find((x) => x.code === 'no-ports')?.message).toContain('shop/web-from-client ingress[0] has no ports');
  });

  it('fails an extra port opened beside the right one', () => {
    const extra = ALLOW.replace('ports: [{port: http}]', 'ports: [{port: http}, {port: 22}]');
    const r = grade(s, DENY + extra + LABEL, 2);
    expect(r.passed).toBe(false);
    expect(r.mismatches.map((x) => x.ports)).toContain('TCP 22');
    expect(r.mistakes.find((m) => m.code === 'extra-port')?.message).toContain('shop/web-from-client ingress[0].ports[1] (22/TCP) opens a port the task does not ask for');
  });

  it('an ingress rule alone where egress is denied too: one side only', () => {
    const both = np('shop', 'deny-all-ingress', 'podSelector: {}\npolicyTypes: [Ingress, Egress]');
    const r = grade(s, both + ALLOW + LABEL, 2);
    expect(r.passed).toBe(false);
    expect(r.mistakes.find((m) => m.code === 'one-side-only')?.message).toMatch(/^an ingress rule admits it, but the source may not send it: shop\/client-\S+ -> shop\/web-\S+ \(isolated for egress by shop\/deny-all-ingress\)/);
  });

  it('passes the reference, and any other correct answer (policyTypes and protocol left to the API server)', () => {
    expect(grade(s, DENY + ALLOW + LABEL, 2).passed).toBe(true);
    const terse =
      np('shop', 'deny-all-ingress', 'podSelector: {}') + np('shop', 'web-from-client', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]\n  ports: [{port: http, protocol: TCP}]');
    expect(grade(s, terse + LABEL, 2).passed).toBe(true);
  });
});

describe("the task's own words", () => {
  it('checks the policy name, the named port, the namespace label and the kept step', () => {
    const renamed = ALLOW.replace('name: web-from-client', 'name: allow-web').replace('port: http', 'port: 80');
    const r = grade(s, np('shop', 'default-deny', 'podSelector: {}\npolicyTypes: [Ingress]') + renamed, 2);
    const failed = Object.fromEntries(r.requirements.filter((q) => !q.met).map((q) => [q.name, q.failure]));
    expect(failed['the allow is named web-from-client']).toContain('no NetworkPolicy named web-from-client in namespace shop; your policies in shop are named default-deny, allow-web');
    expect(failed['the port is referred to by its name']).toContain('no NetworkPolicy named web-from-client');
    expect(failed['team carries purpose=probes']).toContain('kubectl label namespace team purpose=probes');
    expect(failed['the deny of step 1 stays']).toContain('shop/deny-all-ingress is missing');
    // Traffic is right all the same.
    expect(r.requirements.filter((q) => q.met).map((q) => q.name)).toEqual(['outside shop untouched', 'nothing but client reaches shop', 'client reaches web on 80']);
  });

  it('refers to the port by number: only the named-port requirement fails', () => {
    const r = grade(s, DENY + ALLOW.replace('port: http', 'port: 80') + LABEL, 2);
    expect(r.requirements.filter((q) => !q.met).map((q) => q.name)).toEqual(['the port is referred to by its name']);
    expect(r.score).toBeGreaterThan(0.8);
    expect(r.score).toBeLessThan(1);
  });

  it('keeps the learner\'s own earlier policies unchanged when the trainer passes them', () => {
    const earlier = loadManifests([{ file: 'a', text: DENY }]).policies;
    const changed = np('shop', 'deny-all-ingress', 'podSelector: {}\npolicyTypes: [Ingress, Egress]');
    const out = gradeState(s, { policies: loadManifests([{ file: 'b', text: changed + ALLOW }]).policies, namespaceLabels: new Map([['team', { purpose: 'probes' }]]) }, { step: 2, earlier });
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.result.requirements.find((q) => q.name === 'the deny of step 1 stays')!.failure).toContain('shop/deny-all-ingress (changed)');
  });
});

describe('scores the way the exam gives them', () => {
  it('an empty answer and denying everything score below half; missing one side requirement scores well above missing the goal', () => {
    const empty = grade(s, '', 2);
    const denyAll = grade(s, np('shop', 'x', 'podSelector: {}\npolicyTypes: [Ingress, Egress]') + np('team', 'x', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'), 2);
    const sideMiss = grade(s, DENY + ALLOW.replace('port: http', 'port: 80') + LABEL, 2);
    const goalMiss = grade(s, DENY + LABEL + np('shop', 'web-from-client', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: nobody}}}]\n  ports: [{port: http}]'), 2);
    expect(empty.score).toBeLessThan(0.5);
    expect(denyAll.score).toBeLessThan(0.5);
    expect(sideMiss.score).toBeGreaterThan(goalMiss.score);
    expect(goalMiss.score).toBeGreaterThan(0);
  });
});

describe('gradeState: a console cluster is an answer', () => {
  it('grades the policies and labels a console leaves', () => {
    const policies = loadManifests([{ file: 'c', text: DENY + ALLOW }]).policies;
    const out = gradeState(s, { policies, namespaceLabels: new Map([['team', { 'kubernetes.io/metadata.name': 'team', purpose: 'probes' }]]) }, { step: 2 });
    expect(out.ok && out.result.passed).toBe(true);
    if (out.ok) expect(out.result.notes).toContain('namespace team relabelled');
  });
});

const EGRESS = scenario(
  'sides',
  `kind: write
cluster:
  namespaces: [{name: shop}]
  deployments:
    - {name: web, namespace: shop, image: nginx, expose: 80}
    - {name: client, namespace: shop, image: busybox}
    - {name: batch, namespace: shop, image: busybox}
solutions:
  - answer: |
${(np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]\n  ports: [{port: 80}]') + np('shop', 'batch-out', 'podSelector: {matchLabels: {app: batch}}\npolicyTypes: [Egress]\negress:\n- ports: [{port: 53, protocol: UDP}]')).replace(/^/gm, '      ')}
steps:
  - title: s
    expect:
      - requirement: untouched
        cells: [{from: "*", to: "*", expect: allowed}]
      - requirement: only client reaches web
        cells: [{from: "*", to: shop/web, expect: denied}, {from: shop/client, to: shop/web, port: 80/TCP, expect: allowed}]
      - requirement: batch sends only DNS
        cells:
          - {from: shop/batch, to: "*", expect: denied}
          - {from: shop/batch, to: "*", port: [53/UDP, 53/TCP], expect: any}
          - {from: shop/batch, to: kube-system/coredns, port: 53/UDP, expect: allowed}
        checks: [{from: shop/batch, run: "nslookup kubernetes.default", expect: success}]
`,
);

describe('mistakes named by their cause', () => {
  it('the reference passes', () => {
    expect(grade(EGRESS, np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]\n  ports: [{port: 80}]') + np('shop', 'batch-out', 'podSelector: {matchLabels: {app: batch}}\npolicyTypes: [Egress]\negress:\n- to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]\n  ports: [{port: 53, protocol: UDP}]')).passed).toBe(true);
  });

  const batchOut = np('shop', 'batch-out', 'podSelector: {matchLabels: {app: batch}}\npolicyTypes: [Egress]\negress:\n- ports: [{port: 53, protocol: UDP}]');

  it('an egress policy on the client where web needs ingress: rule on the wrong side, not "DNS is blocked"', () => {
    const r = grade(EGRESS, batchOut + np('shop', 'client-out', 'podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress:\n- to: [{podSelector: {matchLabels: {app: web}}}]\n  ports: [{port: 80}]'));
    const codes = r.mistakes.map((m) => m.code);
    expect(codes).toContain('wrong-side');
    expect(codes).not.toContain('dns-blocked');
  });

  it('an ingress policy the wrong way round (selects client, admits web)', () => {
    const r = grade(EGRESS, batchOut + np('shop', 'web-in', 'podSelector: {matchLabels: {app: client}}\ningress:\n- from: [{podSelector: {matchLabels: {app: web}}}]\n  ports: [{port: 80}]'));
    expect(r.mistakes.find((m) => m.code === 'wrong-side')?.message).toContain('the other way');
  });

  it('an ipBlock on the kube-dns Service IP: the DNAT, not "allow port 53"', () => {
    const viaSvc = np('shop', 'batch-out', 'podSelector: {matchLabels: {app: batch}}\npolicyTypes: [Egress]\negress:\n- to: [{ipBlock: {cidr: 10.96.0.10/32}}]\n  ports: [{port: 53, protocol: UDP}]');
    const r = grade(EGRESS, viaSvc + np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]\n  ports: [{port: 80}]'));
    const codes = r.mistakes.map((m) => m.code);
    expect(codes).toContain('ipblock-service-ip');
    expect(r.mistakes.find((m) => m.code === 'ipblock-service-ip')!.message).toContain("after the Service's DNAT");
    expect(r.mistakes.filter((m) => m.code === 'dns-blocked')).toEqual([]);
  });

  it('policyTypes without Egress where an egress deny was meant', () => {
    const r = grade(EGRESS, np('shop', 'batch-out', 'podSelector: {matchLabels: {app: batch}}\npolicyTypes: [Ingress]') + np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]\n  ports: [{port: 80}]'));
    expect(r.mistakes.map((m) => m.code)).toContain('policytypes-without-egress');
  });

  it('Ingress inferred beside egress rules when policyTypes is left out', () => {
    const r = grade(EGRESS, np('shop', 'batch-out', 'podSelector: {matchLabels: {app: batch}}\negress:\n- ports: [{port: 53, protocol: UDP}]') + np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]\n  ports: [{port: 80}]'));
    expect(r.passed).toBe(false);
    expect(r.mistakes.find((m) => m.code === 'ingress-inferred')?.message).toContain('policyTypes to [Ingress, Egress]');
  });

  it('CoreDNS isolated in kube-system', () => {
    const r = grade(EGRESS, batchOut + np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]\n  ports: [{port: 80}]') + np('kube-system', 'lockdown', 'podSelector: {}\npolicyTypes: [Ingress]'));
    expect(r.mistakes.map((m) => m.code)).toContain('coredns-isolated');
    expect(r.mistakes.map((m) => m.code)).not.toContain('dns-blocked');
  });

  it('groups wrong connections by cause: one line per cause with a count and one example', () => {
    const r = grade(EGRESS, np('shop', 'batch-out', 'podSelector: {matchLabels: {app: batch}}\npolicyTypes: [Ingress]') + np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{podSelector: {matchLabels: {app: client}}}]\n  ports: [{port: 80}]'));
    const text = formatGradeText(r);
    const lines = text.split('\n').filter((l) => /^ {4}\d+ connections expected denied, got allowed/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(text.split('\n').length).toBeLessThan(25);
  });
});

describe('outside addresses the ipBlocks tell apart are graded too', () => {
  const IPS = scenario(
    'ranges',
    `kind: write
cluster:
  namespaces: [{name: shop}]
  deployments:
    - {name: web, namespace: shop, image: nginx}
  externals:
    - {name: office, ip: 192.168.10.20}
solutions:
  - answer: |
${np('shop', 'web-in', 'podSelector: {matchLabels: {app: web}}\ningress:\n- from: [{ipBlock: {cidr: 192.168.10.0/24, except: [192.168.10.128/25]}}]\n  ports: [{port: 80}]').replace(/^/gm, '      ')}
steps:
  - title: s
    expect:
      - requirement: untouched
        cells: [{from: "*", to: "*", expect: allowed}]
      - requirement: only the office reaches web
        cells: [{from: "*", to: shop/web, expect: denied}, {from: office, to: shop/web, port: 80/TCP, expect: allowed}]
      - requirement: named
        policy: {name: web-in, namespace: shop}
`,
  );
  const answer = (peer: string) => np('shop', 'web-in', `podSelector: {matchLabels: {app: web}}\ningress:\n- from: [${peer}]\n  ports: [{port: 80}]`);

  it('passes the same block written as two halves', () => {
    expect(grade(IPS, answer('{ipBlock: {cidr: 192.168.10.0/25}}')).passed).toBe(true);
  });

  it('fails a forgotten except, a block too wide, and an extra range, naming the addresses', () => {
    for (const peer of ['{ipBlock: {cidr: 192.168.10.0/24}}', '{ipBlock: {cidr: 192.168.0.0/16, except: [192.168.10.128/25]}}', '{ipBlock: {cidr: 192.168.10.0/25}}, {ipBlock: {cidr: 100.64.0.0/10}}']) {
      const r = grade(IPS, answer(peer));
      expect(r.passed, peer).toBe(false);
      const m = r.mismatches.find((x) => x.requirement === 'nothing else is opened or closed')!;
      expect(m, peer).toMatchObject({ expected: 'denied', got: 'allowed' });
      expect(m.from, peer).toMatch(/^\d+\.\d+\.\d+\.\d+-\d+\.\d+\.\d+\.\d+$/);
    }
  });

  it('fails an except too wide: office addresses the task lets in are shut out', () => {
    const r = grade(IPS, answer('{ipBlock: {cidr: 192.168.10.0/24, except: [192.168.10.64/26, 192.168.10.128/25]}}'));
    expect(r.passed).toBe(false);
    expect(r.mismatches.some((m) => m.from === '192.168.10.64-192.168.10.127' && m.expected === 'allowed')).toBe(true);
  });
});
