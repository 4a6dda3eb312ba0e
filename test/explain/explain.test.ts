// explain against the course module's examples and Kubernetes' documented semantics:
// separate from/to entries are ORed, selectors in one entry are ANDed, policyTypes
// defaults to Ingress (+ Egress when egress rules exist), protocol defaults to TCP.
import { describe, expect, it } from 'vitest';
import { explainPolicy } from '../../src/core/explain/explain.js';
import { formatExplanation } from '../../src/core/explain/format.js';
import { cluster, pod, policy, port, rule, sel } from './build.js';

const frontend = { podSelector: sel({ app: 'frontend' }) };
const production = { namespaceSelector: sel({ env: 'production' }) };

describe('module 3.2 / 3.3: OR across entries, AND inside one entry', () => {
  it('3.2: two entries are joined by OR', () => {
    const e = explainPolicy(policy({ name: 'or', namespace: 'app-ns', ingress: [rule([frontend, production])] }));
    const r = e.ingress[0];
    expect(r.peers.map((p) => [p.path, p.text])).toEqual([
      ['ingress[0].from[0]', 'pods labelled app=frontend in this namespace (app-ns)'],
      ['ingress[0].from[1]', 'every pod in namespaces labelled env=production'],
    ]);
    expect(r.text).toBe(
      'ingress[0] allows traffic from pods labelled app=frontend in this namespace (app-ns) OR every pod in namespaces labelled env=production, AND on any port and protocol',
    );
  });

  it('3.3: both selectors in one entry are joined by AND', () => {
    const e = explainPolicy(policy({ name: 'and', namespace: 'app-ns', ingress: [rule([{ ...frontend, ...production }])] }));
    expect(e.ingress[0].peers).toHaveLength(1);
    expect(e.ingress[0].peers[0].text).toBe('pods labelled app=frontend AND in namespaces labelled env=production');
    expect(e.ingress[0].text).not.toContain(' OR ');
  });

  it('3.3 with a cluster: only frontend pods in production namespaces match', () => {
    const c = cluster({ 'app-ns': {}, prod: { env: 'production' }, staging: { env: 'staging' } }, [
      pod('prod/fe', { app: 'frontend' }, '10.244.1.1'),
      pod('staging/fe', { app: 'frontend' }, '10.244.1.2'),
      pod('prod/random', { app: 'random' }, '10.244.1.3'),
      pod('app-ns/web', { app: 'web' }, '10.244.1.4'),
    ]);
    const e = explainPolicy(policy({ name: 'and', namespace: 'app-ns', ingress: [rule([{ ...frontend, ...production }])] }), c);
    expect(e.ingress[0].peers[0].pods).toEqual(['prod/fe']);
    const or = explainPolicy(policy({ name: 'or', namespace: 'app-ns', ingress: [rule([frontend, production])] }), c);
    // podSelector alone looks only in the policy's namespace, which has no frontend pod.
    expect(or.ingress[0].peers[0].pods).toEqual([]);
    expect(or.ingress[0].peers[1].pods).toEqual(['prod/fe', 'prod/random']);
    expect(or.warnings.map((w) => [w.code, w.path])).toEqual([['peer-matches-no-pods', 'ingress[0].from[0]']]);
  });

  it('rules are joined by OR in the isolation sentence', () => {
    const e = explainPolicy(policy({ name: 'two', ingress: [rule([frontend]), rule([production])] }));
    expect(e.isolates.ingress.text).toBe(
      'Ingress isolated: incoming traffic to the selected pods is allowed only if it matches ingress[0] OR ingress[1] (or a rule of another policy selecting them)',
    );
  });
});

describe('module 4: default deny and allow-all', () => {
  it('4.1 deny all ingress', () => {
    const e = explainPolicy(policy({ name: 'deny-all-ingress', policyTypes: ['Ingress'] }));
    expect(e.selects.text).toBe('all pods in namespace default');
    expect(e.isolates.policyTypesText).toBe('policyTypes: [Ingress]');
    expect(e.isolates.ingress).toEqual({
      isolated: true,
      text: 'Ingress isolated with no rules: denies all incoming traffic to the selected pods, unless another policy selecting them allows it',
    });
    expect(e.isolates.egress.isolated).toBe(false);
    expect(e.warnings).toEqual([]);
  });

  it('4.2 deny all egress warns that DNS is blocked too', () => {
    const e = explainPolicy(policy({ name: 'deny-all-egress', policyTypes: ['Egress'] }));
    expect(e.isolates.ingress.isolated).toBe(false);
    expect(e.isolates.egress.text).toBe(
      'Egress isolated with no rules: denies all outgoing traffic from the selected pods (DNS included), unless another policy selecting them allows it',
    );
    expect(e.warnings.map((w) => w.code)).toEqual(['no-dns-egress']);
  });

  it('4.3 deny all both directions', () => {
    const e = explainPolicy(policy({ name: 'deny-all', policyTypes: ['Ingress', 'Egress'] }));
    expect(e.isolates.ingress.text).toMatch(/^Ingress isolated with no rules: denies all incoming/);
    expect(e.isolates.egress.text).toMatch(/^Egress isolated with no rules: denies all outgoing/);
  });

  it('4.4 deny egress but allow DNS to anywhere', () => {
    const e = explainPolicy(
      policy({ name: 'deny-egress-allow-dns', policyTypes: ['Egress'], egress: [rule([], [port(53, 'UDP'), port(53, 'TCP')])] }),
    );
    const r = e.egress[0];
    expect(r.anyPeer).toBe(true);
    expect(r.text).toBe(
      'egress[0] allows traffic to anywhere (every pod, every namespace, and outside the cluster), AND on port 53/UDP OR port 53/TCP',
    );
    expect(e.warnings).toEqual([]);
  });

  it('4.5 allow all ingress: the empty rule', () => {
    const e = explainPolicy(policy({ name: 'allow-all-ingress', policyTypes: ['Ingress'], ingress: [rule()] }));
    expect(e.ingress[0].text).toBe(
      'ingress[0] allows traffic from anywhere (every pod, every namespace, and outside the cluster), AND on any port and protocol',
    );
  });
});

describe('module 6.3: egress to an external API only', () => {
  const p = policy({
    name: 'allow-external-api',
    namespace: 'app-ns',
    podSelector: sel({ app: 'worker' }),
    policyTypes: ['Egress'],
    egress: [rule([{ ipBlock: { cidr: '203.0.113.0/24', except: [] } }], [port(443, 'TCP')]), rule([], [port(53, 'UDP')])],
  });

  it('reads the two egress rules as OR', () => {
    const e = explainPolicy(p);
    expect(e.selects.text).toBe('pods labelled app=worker in namespace app-ns');
    expect(e.isolates.egress.text).toContain('allowed only if it matches egress[0] OR egress[1]');
    expect(e.egress[0].text).toBe('egress[0] allows traffic to IPs in 203.0.113.0/24, AND on port 443/TCP');
    expect(e.egress[1].text).toContain('to anywhere');
    expect(e.warnings).toEqual([]);
  });

  it('an ipBlock outside the pod network is no CNI trap', () => {
    const c = cluster({ 'app-ns': {} }, [pod('app-ns/worker', { app: 'worker' }, '10.244.0.9')]);
    const e = explainPolicy(p, c);
    expect(e.selects.pods).toEqual(['app-ns/worker']);
    expect(e.warnings).toEqual([]);
  });
});

describe('module 7.4: podSelector {} versus namespaceSelector {}', () => {
  const explainPeer = (peer: object): string =>
    explainPolicy(policy({ name: 'p', namespace: 'app-ns', ingress: [rule([peer])] })).ingress[0].peers[0].text;

  it('podSelector: {} alone is every pod of this namespace only', () => {
    expect(explainPeer({ podSelector: sel() })).toBe('every pod in namespace app-ns');
  });
  it('namespaceSelector: {} with or without podSelector: {} is every pod everywhere', () => {
    expect(explainPeer({ namespaceSelector: sel(), podSelector: sel() })).toBe('every pod in every namespace');
    expect(explainPeer({ namespaceSelector: sel() })).toBe('every pod in every namespace');
  });
  it('namespaceSelector only, and podSelector with an empty namespaceSelector', () => {
    expect(explainPeer({ namespaceSelector: sel({ team: 'monitoring' }) })).toBe('every pod in namespaces labelled team=monitoring');
    expect(explainPeer({ namespaceSelector: sel(), podSelector: sel({ app: 'prom' }) })).toBe('pods labelled app=prom in every namespace');
  });
  it('a namespace picked by its kubernetes.io/metadata.name label is named', () => {
    expect(explainPeer({ namespaceSelector: sel({ 'kubernetes.io/metadata.name': 'prod' }) })).toBe(
      'every pod in namespace prod (kubernetes.io/metadata.name=prod)',
    );
  });
});

describe('selectors, ipBlocks and ports in words', () => {
  it('matchExpressions', () => {
    const e = explainPolicy(
      policy({
        name: 'x',
        namespace: 'app-ns',
        podSelector: sel({ app: 'web' }, [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'zone', operator: 'NotIn', values: ['c'] },
          { key: 'x', operator: 'Exists', values: [] },
          { key: 'y', operator: 'DoesNotExist', values: [] },
        ]),
      }),
    );
    expect(e.selects.text).toBe(
      'pods labelled app=web and whose tier is one of a, b and whose zone is not one of c (or that have no zone label) and with label x and without label y in namespace app-ns',
    );
  });

  it('ipBlock with except', () => {
    const e = explainPolicy(policy({ name: 'x', ingress: [rule([{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.5.0/24'] } }])] }));
    expect(e.ingress[0].peers[0].text).toBe('IPs in 10.0.0.0/16 except 10.0.5.0/24');
  });

  it('ports: defaulted protocol, named, range, protocol only', () => {
    const e = explainPolicy(
      policy({ name: 'x', ingress: [rule([], [port(80), port('http'), port(8000, 'TCP', 9000), port(undefined, 'UDP'), port('dns', 'UDP')])] }),
    );
    expect(e.ingress[0].ports.map((p) => [p.path, p.text])).toEqual([
      ['ingress[0].ports[0]', 'port 80/TCP (protocol defaulted to TCP)'],
      ['ingress[0].ports[1]', 'the port named http (protocol defaulted to TCP; resolved on each destination pod)'],
      ['ingress[0].ports[2]', 'ports 8000-9000/TCP'],
      ['ingress[0].ports[3]', 'any UDP port'],
      ['ingress[0].ports[4]', 'the port named dns/UDP (resolved on each destination pod)'],
    ]);
  });
});

describe('policyTypes defaults and ignored rules', () => {
  it('missing policyTypes without egress rules: Ingress only', () => {
    const e = explainPolicy(policy({ name: 'x', ingress: [rule([frontend])] }));
    expect(e.isolates.inferred).toBe(true);
    expect(e.isolates.policyTypes).toEqual(['Ingress']);
    expect(e.isolates.policyTypesText).toMatch(/^policyTypes not set: the API server infers \[Ingress\]/);
    expect(e.isolates.egress.isolated).toBe(false);
  });

  it('missing policyTypes with egress rules: Ingress and Egress, so ingress is denied', () => {
    const e = explainPolicy(policy({ name: 'x', egress: [rule([], [port(53, 'UDP')])] }));
    expect(e.isolates.policyTypesText).toBe(
      'policyTypes not set: the API server infers [Ingress, Egress] because the policy has egress rules',
    );
    expect(e.isolates.ingress.text).toMatch(/^Ingress isolated with no rules: denies all incoming traffic/);
  });

  it('egress rules with policyTypes [Ingress] are ignored', () => {
    const e = explainPolicy(policy({ name: 'x', policyTypes: ['Ingress'], egress: [rule([frontend])] }));
    expect(e.egress[0].ignored).toBe(true);
    expect(e.isolates.egress.isolated).toBe(false);
    expect(e.warnings).toEqual([
      { code: 'rules-ignored', path: 'egress', message: 'the egress rules are ignored: policyTypes [Ingress] does not include Egress' },
    ]);
  });

  it('ingress rules with policyTypes [Egress] are ignored', () => {
    const e = explainPolicy(policy({ name: 'x', policyTypes: ['Egress'], ingress: [rule()], egress: [rule()] }));
    expect(e.ingress[0].ignored).toBe(true);
    expect(e.warnings.map((w) => w.code)).toEqual(['rules-ignored']);
  });
});

describe('warnings that need a cluster', () => {
  const c = cluster({ 'app-ns': {}, monitoring: {} }, [
    pod('app-ns/web-1', { app: 'web' }, '10.244.1.5', [{ name: 'http', port: 8080, protocol: 'TCP' }]),
    pod('app-ns/web-2', { app: 'web' }, '10.244.1.6', [{ name: 'http', port: 8080, protocol: 'TCP' }]),
    pod('app-ns/db', { app: 'db' }, '10.244.1.7', [{ name: 'sql', port: 5432, protocol: 'TCP' }]),
    pod('monitoring/prom', { app: 'prom' }, '10.244.2.2'),
  ]);

  it('says how many pods the policy selects, and which', () => {
    const e = explainPolicy(policy({ name: 'web', namespace: 'app-ns', podSelector: sel({ app: 'web' }), policyTypes: ['Ingress'] }), c);
    expect(e.selects.pods).toEqual(['app-ns/web-1', 'app-ns/web-2']);
    expect(formatExplanation(e)).toContain(
      'Selects pods labelled app=web in namespace app-ns (2 pods: app-ns/web-1, app-ns/web-2)',
    );
  });

  it('a podSelector that selects nothing', () => {
    const e = explainPolicy(policy({ name: 'typo', namespace: 'app-ns', podSelector: sel({ app: 'wbe' }), policyTypes: ['Ingress'] }), c);
    expect(e.selects.pods).toEqual([]);
    expect(e.warnings.map((w) => [w.code, w.path])).toEqual([['selects-no-pods', 'podSelector']]);
    expect(formatExplanation(e)).toContain('(selects no pods!)');
  });

  it('a namespaceSelector whose label no namespace carries', () => {
    const e = explainPolicy(
      policy({ name: 'x', namespace: 'app-ns', ingress: [rule([{ namespaceSelector: sel({ team: 'monitoring' }) }])] }),
      c,
    );
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).toMatchObject({ code: 'namespace-selector-matches-none', path: 'ingress[0].from[0]' });
    expect(e.warnings[0].message).toContain('kubectl label ns <name> team=monitoring');
  });

  it('an ipBlock over pod IPs (CNIs differ)', () => {
    const e = explainPolicy(
      policy({ name: 'x', namespace: 'app-ns', ingress: [rule([{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }])] }),
      c,
    );
    expect(e.ingress[0].peers[0].pods).toEqual(['monitoring/prom']);
    expect(e.warnings.map((w) => w.code)).toEqual(['ipblock-covers-pods']);
    expect(e.warnings[0].message).toContain('Cilium');
  });

  it('no ipBlock warning when except removes every pod IP', () => {
    const e = explainPolicy(
      policy({ name: 'x', namespace: 'app-ns', ingress: [rule([{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.0.0/17'] } }])] }),
      c,
    );
    expect(e.warnings).toEqual([]);
  });

  it('ingress named port: resolved on the pods the policy selects', () => {
    const ok = explainPolicy(policy({ name: 'a', namespace: 'app-ns', podSelector: sel({ app: 'web' }), ingress: [rule([], [port('http')])] }), c);
    expect(ok.warnings).toEqual([]);
    // The db pod declares "sql", not "http"; web pods declaring http do not help.
    const bad = explainPolicy(policy({ name: 'b', namespace: 'app-ns', podSelector: sel({ app: 'db' }), ingress: [rule([], [port('http')])] }), c);
    expect(bad.warnings.map((w) => [w.code, w.path])).toEqual([['named-port-unresolved', 'ingress[0].ports[0]']]);
    // Named ports match name and protocol.
    const udp = explainPolicy(policy({ name: 'c', namespace: 'app-ns', podSelector: sel({ app: 'web' }), ingress: [rule([], [port('http', 'UDP')])] }), c);
    expect(udp.warnings.map((w) => w.code)).toEqual(['named-port-unresolved']);
  });

  it("egress named port: resolved on the pods the rule's peers match", () => {
    const toDb = { podSelector: sel({ app: 'db' }) };
    const ok = explainPolicy(
      policy({ name: 'a', namespace: 'app-ns', podSelector: sel({ app: 'web' }), policyTypes: ['Egress'], egress: [rule([toDb], [port('sql')]), rule([], [port(53, 'UDP')])] }),
      c,
    );
    expect(ok.warnings).toEqual([]);
    const bad = explainPolicy(
      policy({ name: 'b', namespace: 'app-ns', podSelector: sel({ app: 'web' }), policyTypes: ['Egress'], egress: [rule([toDb], [port('http')]), rule([], [port(53, 'UDP')])] }),
      c,
    );
    expect(bad.warnings.map((w) => [w.code, w.path])).toEqual([['named-port-unresolved', 'egress[0].ports[0]']]);
  });

  it('ignored rules raise no cluster warnings', () => {
    const e = explainPolicy(
      policy({ name: 'x', namespace: 'app-ns', policyTypes: ['Ingress'], ingress: [rule()], egress: [rule([{ namespaceSelector: sel({ nope: 'x' }) }])] }),
      c,
    );
    expect(e.warnings.map((w) => w.code)).toEqual(['rules-ignored']);
  });
});

describe('JSON shape', () => {
  it('has stable top-level keys', () => {
    const e = explainPolicy(policy({ name: 'x', namespace: 'app-ns', ingress: [rule([frontend])] }));
    expect(Object.keys(JSON.parse(JSON.stringify(e)))).toEqual(['policy', 'selects', 'isolates', 'ingress', 'egress', 'warnings']);
    expect(e.policy).toBe('app-ns/x');
    expect(e.selects.pods).toBeUndefined();
  });
});
