// The course module's examples (sections 1.2, 3, 4, 5, 6 and 7.4), through the whole path:
// YAML as a learner writes it -> manifest layer -> engine. Each stated result is a test.
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../src/core/manifest/load.js';
import { Engine } from '../../src/core/engine/engine.js';
import type { Probe } from '../../src/core/engine/types.js';

function ns(name: string, labels: Record<string, string> = {}): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${JSON.stringify(labels)}}\n`;
}
function pod(id: string, labels: Record<string, string>, ports: [number, string][] = [[80, 'TCP']]): string {
  const [namespace, name] = id.split('/');
  const p = ports.map(([n, proto]) => `{containerPort: ${n}, protocol: ${proto}}`).join(', ');
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${namespace}, labels: ${JSON.stringify(labels)}}\nspec: {containers: [{name: c, image: x, ports: [${p}]}]}\n`;
}

function engineFor(docs: string[], externals: string[] = []): { can: (from: string, to: string, port?: number, protocol?: Probe['protocol']) => boolean } {
  const r = loadManifests([{ file: 'module.yaml', text: docs.join('---\n') }]);
  const errors = r.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new Error(JSON.stringify(errors));
  for (const ip of externals) r.cluster.externals.push({ name: ip, ip, ports: [] });
  const e = new Engine(r.cluster, r.policies);
  return {
    can: (from, to, port = 80, protocol = 'TCP') => {
      const a = e.indexOf(from);
      const b = e.indexOf(to);
      if (a < 0 || b < 0) throw new Error(`unknown ${from} or ${to}`);
      return e.allowed(a, b, { port, protocol });
    },
  };
}

describe('1.2 what network policies do', () => {
  it('allow ingress to B from A only: A->B allowed, C->B denied, B->anywhere allowed', () => {
    const { can } = engineFor([
      pod('default/a', { app: 'a' }),
      pod('default/b', { app: 'b' }),
      pod('default/c', { app: 'c' }),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b-from-a}
spec:
  podSelector: {matchLabels: {app: b}}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: a}}
`,
    ]);
    expect(can('default/a', 'default/b')).toBe(true);
    expect(can('default/c', 'default/b')).toBe(false);
    expect(can('default/b', 'default/a')).toBe(true);
    expect(can('default/b', 'default/c')).toBe(true);
  });
});

const ANDOR_CLUSTER = [
  ns('app', { env: 'production' }),
  ns('production', { env: 'production' }),
  ns('staging', { env: 'staging' }),
  pod('app/target', { app: 'target' }),
  pod('app/frontend', { app: 'frontend' }),
  pod('production/frontend', { app: 'frontend' }),
  pod('production/random', { app: 'random' }),
  pod('staging/frontend', { app: 'frontend' }),
  pod('staging/random', { app: 'random' }),
];

describe('3 AND vs OR', () => {
  it('3.2 OR (two dashes): frontend pods of the policy namespace, or any pod in env=production namespaces', () => {
    const { can } = engineFor([
      ...ANDOR_CLUSTER.slice(0, 1).map(() => ns('app')), // app is NOT production here
      ...ANDOR_CLUSTER.slice(1),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: or, namespace: app}
spec:
  podSelector: {matchLabels: {app: target}}
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: frontend
    - namespaceSelector:
        matchLabels:
          env: production
`,
    ]);
    expect(can('app/frontend', 'app/target')).toBe(true);
    expect(can('production/random', 'app/target')).toBe(true);
    expect(can('production/frontend', 'app/target')).toBe(true);
    // The module says "frontend pods (any namespace)"; Kubernetes says a podSelector alone means
    // the policy's own namespace, so staging's frontend is denied.
    expect(can('staging/frontend', 'app/target')).toBe(false);
    expect(can('staging/random', 'app/target')).toBe(false);
  });

  it('3.3 AND (one dash): frontend in production allowed, frontend in staging denied, random in production denied', () => {
    const { can } = engineFor([
      ...ANDOR_CLUSTER,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: and, namespace: app}
spec:
  podSelector: {matchLabels: {app: target}}
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: frontend
      namespaceSelector:
        matchLabels:
          env: production
`,
    ]);
    expect(can('production/frontend', 'app/target')).toBe(true);
    expect(can('staging/frontend', 'app/target')).toBe(false);
    expect(can('production/random', 'app/target')).toBe(false);
    expect(can('app/frontend', 'app/target')).toBe(true); // app carries env=production too
  });
});

const DEFAULT_NS = [pod('default/alpha', { app: 'alpha' }, [[80, 'TCP'], [53, 'UDP'], [53, 'TCP']]), pod('default/beta', { app: 'beta' }, [[80, 'TCP'], [53, 'UDP'], [53, 'TCP']]), pod('other/gamma', { app: 'gamma' }, [[80, 'TCP'], [53, 'UDP']])];

describe('4 default deny', () => {
  it('4.1 deny all ingress: no pod of the namespace receives, sending is untouched', () => {
    const { can } = engineFor([...DEFAULT_NS, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all-ingress, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n']);
    expect(can('default/alpha', 'default/beta')).toBe(false);
    expect(can('other/gamma', 'default/beta')).toBe(false);
    expect(can('default/alpha', 'other/gamma')).toBe(true);
  });

  it('4.2 deny all egress: nothing leaves the namespace, DNS included', () => {
    const { can } = engineFor([...DEFAULT_NS, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all-egress, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes:\n  - Egress\n']);
    expect(can('default/alpha', 'other/gamma', 53, 'UDP')).toBe(false);
    expect(can('default/alpha', 'default/beta')).toBe(false);
    expect(can('other/gamma', 'default/alpha')).toBe(true);
  });

  it('4.3 deny all both ways', () => {
    const { can } = engineFor([...DEFAULT_NS, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\n']);
    expect(can('default/alpha', 'other/gamma')).toBe(false);
    expect(can('other/gamma', 'default/alpha')).toBe(false);
  });

  it('4.4 deny egress but allow DNS on 53 UDP and TCP to anywhere (to: [])', () => {
    const { can } = engineFor(
      [
        ...DEFAULT_NS,
        `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress-allow-dns, namespace: default}
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - to: []
    ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
`,
      ],
      ['8.8.8.8'],
    );
    expect(can('default/alpha', 'other/gamma', 53, 'UDP')).toBe(true);
    expect(can('default/alpha', '8.8.8.8', 53, 'UDP')).toBe(true);
    expect(can('default/alpha', 'default/beta', 53, 'TCP')).toBe(true);
    expect(can('default/alpha', 'other/gamma', 80)).toBe(false);
    expect(can('default/alpha', '8.8.8.8', 443)).toBe(false);
  });

  it('4.5 allow all ingress (ingress: - {}) undoes a default deny, from inside and outside', () => {
    const { can } = engineFor(
      [
        ...DEFAULT_NS,
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all-ingress, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-all-ingress, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  ingress:\n  - {}\n',
      ],
      ['1.2.3.4'],
    );
    expect(can('other/gamma', 'default/alpha', 9999)).toBe(true);
    expect(can('1.2.3.4', 'default/alpha', 443)).toBe(true);
  });
});

const APP_NS = [
  ns('app-ns'),
  ns('monitoring', { team: 'monitoring' }),
  pod('app-ns/frontend', { app: 'frontend' }, [[80, 'TCP']]),
  pod('app-ns/backend', { app: 'backend' }, [[8080, 'TCP'], [9090, 'TCP'], [80, 'TCP']]),
  pod('app-ns/monitoring', { app: 'monitoring' }),
  pod('app-ns/database', { app: 'database' }, [[3306, 'TCP']]),
  pod('app-ns/worker', { app: 'worker' }),
  pod('app-ns/random', { app: 'random' }),
  pod('monitoring/prometheus', { app: 'prometheus' }),
  pod('monitoring/grafana', { app: 'grafana' }),
  pod('other/prometheus', { app: 'prometheus' }),
];

describe('5 combining policies', () => {
  const layered = [
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all-ingress, namespace: app-ns}\nspec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-frontend-to-backend, namespace: app-ns}\nspec:\n  podSelector: {matchLabels: {app: backend}}\n  policyTypes: [Ingress]\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: frontend}}}]\n    ports: [{port: 8080, protocol: TCP}]\n',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-monitoring-to-backend, namespace: app-ns}\nspec:\n  podSelector: {matchLabels: {app: backend}}\n  policyTypes: [Ingress]\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: monitoring}}}]\n    ports: [{port: 9090, protocol: TCP}]\n',
  ];

  it('5.1/5.2 union: frontend:8080 and monitoring:9090 allowed; frontend:9090 and random denied', () => {
    const { can } = engineFor([...APP_NS, ...layered]);
    expect(can('app-ns/frontend', 'app-ns/backend', 8080)).toBe(true);
    expect(can('app-ns/monitoring', 'app-ns/backend', 9090)).toBe(true);
    expect(can('app-ns/frontend', 'app-ns/backend', 9090)).toBe(false);
    expect(can('app-ns/random', 'app-ns/backend', 8080)).toBe(false);
    expect(can('app-ns/random', 'app-ns/backend', 9090)).toBe(false);
  });

  it('5.3 cross-namespace AND: prometheus in the team=monitoring namespace only, on 9090', () => {
    const { can } = engineFor([
      ...APP_NS,
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-from-monitoring-ns, namespace: app-ns}\nspec:\n  podSelector: {matchLabels: {app: backend}}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: monitoring\n      podSelector:\n        matchLabels:\n          app: prometheus\n    ports:\n    - port: 9090\n',
    ]);
    expect(can('monitoring/prometheus', 'app-ns/backend', 9090)).toBe(true);
    expect(can('monitoring/prometheus', 'app-ns/backend', 8080)).toBe(false);
    expect(can('monitoring/grafana', 'app-ns/backend', 9090)).toBe(false);
    expect(can('other/prometheus', 'app-ns/backend', 9090)).toBe(false);
  });
});

describe('6 common patterns', () => {
  it('6.1 same-namespace only', () => {
    const { can } = engineFor([...APP_NS, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-same-namespace, namespace: app-ns}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - podSelector: {}\n']);
    expect(can('app-ns/random', 'app-ns/backend', 8080)).toBe(true);
    expect(can('monitoring/prometheus', 'app-ns/backend', 8080)).toBe(false);
  });

  it('6.2 database only from backend on 3306', () => {
    const { can } = engineFor([...APP_NS, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: db-access, namespace: app-ns}\nspec:\n  podSelector: {matchLabels: {app: database}}\n  policyTypes: [Ingress]\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: backend}}}]\n    ports: [{port: 3306, protocol: TCP}]\n']);
    expect(can('app-ns/backend', 'app-ns/database', 3306)).toBe(true);
    expect(can('app-ns/frontend', 'app-ns/database', 3306)).toBe(false);
    expect(can('app-ns/backend', 'app-ns/database', 3307)).toBe(false);
  });

  it('6.3 egress to an external API range on 443, plus DNS anywhere on UDP 53', () => {
    const { can } = engineFor(
      [
        ...APP_NS,
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-external-api, namespace: app-ns}\nspec:\n  podSelector: {matchLabels: {app: worker}}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 203.0.113.0/24\n    ports:\n    - port: 443\n      protocol: TCP\n  - to: []\n    ports:\n    - port: 53\n      protocol: UDP\n',
      ],
      ['203.0.113.10', '198.51.100.7'],
    );
    expect(can('app-ns/worker', '203.0.113.10', 443)).toBe(true);
    expect(can('app-ns/worker', '203.0.113.10', 80)).toBe(false);
    expect(can('app-ns/worker', '198.51.100.7', 443)).toBe(false);
    expect(can('app-ns/worker', 'monitoring/grafana', 53, 'UDP')).toBe(true);
    expect(can('app-ns/worker', 'monitoring/grafana', 53, 'TCP')).toBe(false);
    expect(can('app-ns/worker', 'app-ns/backend', 8080)).toBe(false);
  });

  it('6.4 microsegmentation: outside -> frontend, frontend -> backend:80, backend -> database:3306 only', () => {
    const pol = (name: string, app: string, from: string, port: number) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: app-ns}\nspec:\n  podSelector: {matchLabels: {app: ${app}}}\n  policyTypes: [Ingress]\n  ingress:\n  - from: [${from}]\n    ports: [{port: ${port}}]\n`;
    const { can } = engineFor(
      [
        ...APP_NS,
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all-ingress, namespace: app-ns}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: frontend, namespace: app-ns}\nspec:\n  podSelector: {matchLabels: {app: frontend}}\n  policyTypes: [Ingress]\n  ingress:\n  - ports: [{port: 80}]\n',
        pol('backend', 'backend', '{podSelector: {matchLabels: {app: frontend}}}', 80),
        pol('database', 'database', '{podSelector: {matchLabels: {app: backend}}}', 3306),
      ],
      ['198.51.100.7'],
    );
    expect(can('198.51.100.7', 'app-ns/frontend', 80)).toBe(true);
    expect(can('198.51.100.7', 'app-ns/backend', 80)).toBe(false);
    expect(can('app-ns/frontend', 'app-ns/backend', 80)).toBe(true);
    expect(can('app-ns/frontend', 'app-ns/database', 3306)).toBe(false);
    expect(can('app-ns/backend', 'app-ns/database', 3306)).toBe(true);
  });
});

describe('7.4 all pods in all namespaces', () => {
  const target = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: app-ns}\nspec:\n  podSelector: {matchLabels: {app: backend}}\n  ingress:\n';
  it('podSelector {} alone: same namespace only', () => {
    const { can } = engineFor([...APP_NS, target + '  - from:\n    - podSelector: {}\n']);
    expect(can('app-ns/random', 'app-ns/backend')).toBe(true);
    expect(can('monitoring/grafana', 'app-ns/backend')).toBe(false);
  });
  it('namespaceSelector {} with podSelector {}, or namespaceSelector {} alone: every namespace', () => {
    for (const from of ['  - from:\n    - namespaceSelector: {}\n      podSelector: {}\n', '  - from:\n    - namespaceSelector: {}\n']) {
      const { can } = engineFor([...APP_NS, target + from], ['1.2.3.4']);
      expect(can('monitoring/grafana', 'app-ns/backend')).toBe(true);
      expect(can('other/prometheus', 'app-ns/backend')).toBe(true);
      expect(can('1.2.3.4', 'app-ns/backend')).toBe(false); // pods only, not outside hosts
    }
  });
});
