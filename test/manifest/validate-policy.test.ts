// NetworkPolicy defaulting and validation, rule by rule, against the API server's
// documented behaviour for networking.k8s.io/v1 (Kubernetes 1.35).
import { describe, expect, it } from 'vitest';
import { errors, load, policy, warnings } from './helpers.js';

describe('defaulting', () => {
  it('omitted podSelector means every pod; policyTypes defaults to Ingress', () => {
    const r = load(policy('  ingress:\n  - {}\n'));
    expect(r.findings).toEqual([]);
    const [p] = r.policies;
    expect(p.namespace).toBe('app');
    expect(p.name).toBe('np');
    expect(p.podSelector).toEqual({ matchLabels: {}, matchExpressions: [] });
    expect(p.policyTypes).toEqual(['Ingress']);
    expect(p.policyTypesDefaulted).toBe(true);
    // An empty rule: every peer, every port.
    expect(p.ingress).toHaveLength(1);
    expect(p.ingress[0].peers).toEqual([]);
    expect(p.ingress[0].ports).toEqual([]);
    expect(p.egress).toEqual([]);
  });

  it('policyTypes gets Egress when spec.egress has a rule', () => {
    const [p] = load(policy('  podSelector: {}\n  egress:\n  - {}\n')).policies;
    expect(p.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(p.policyTypesDefaulted).toBe(true);
  });

  it('an empty egress list does not add Egress; an empty policyTypes list is defaulted', () => {
    const [p] = load(policy('  podSelector: {}\n  policyTypes: []\n  egress: []\n')).policies;
    expect(p.policyTypes).toEqual(['Ingress']);
    expect(p.policyTypesDefaulted).toBe(true);
  });

  it('explicit policyTypes are kept as written', () => {
    const [p] = load(policy('  podSelector: {}\n  policyTypes: [Egress]\n')).policies;
    expect(p.policyTypes).toEqual(['Egress']);
    expect(p.policyTypesDefaulted).toBe(false);
  });

  it('port protocol defaults to TCP and remembers it', () => {
    const [p] = load(policy('  ingress:\n  - ports:\n    - port: 80\n    - port: 53\n      protocol: UDP\n')).policies;
    expect(p.ingress[0].ports.map((x) => [x.protocol, x.protocolDefaulted, x.port])).toEqual([
      ['TCP', true, 80],
      ['UDP', false, 53],
    ]);
  });

  it('missing metadata.namespace means default', () => {
    const r = load('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: {}\n');
    expect(r.policies[0].namespace).toBe('default');
    expect(r.cluster.namespaces.map((n) => n.name)).toEqual(['default']);
  });

  it('keeps source positions of policy, rules, peers and ports', () => {
    const [p] = load(
      policy('  ingress:\n  - from:\n    - podSelector: {}\n    ports:\n    - port: 80\n'),
      'np.yaml',
    ).policies;
    expect(p.source).toEqual({ file: 'np.yaml', line: 1, col: 1 });
    expect(p.ingress[0].source).toMatchObject({ line: 6, col: 5 });
    expect(p.ingress[0].peers[0].source).toMatchObject({ line: 7, col: 7 });
    expect(p.ingress[0].ports[0].source).toMatchObject({ line: 9, col: 7 });
  });

  it('podSelector: with no value (null) is an empty selector; a peer with {} selectors is valid', () => {
    const r = load(policy('  podSelector:\n  ingress:\n  - from:\n    - namespaceSelector: {}\n'));
    expect(r.findings).toEqual([]);
    expect(r.policies[0].ingress[0].peers[0].namespaceSelector).toEqual({ matchLabels: {}, matchExpressions: [] });
    expect(r.policies[0].ingress[0].peers[0].podSelector).toBeUndefined();
  });
});

describe('metadata', () => {
  it('name is required', () => {
    expect(errors('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {namespace: a}\nspec: {}\n')).toEqual([
      'test.yaml:3:11: metadata.name: Required value: name or generateName is required',
    ]);
  });

  it('name must be a DNS-1123 subdomain', () => {
    const e = errors(policy('  podSelector: {}\n', 'Allow_Web'));
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^test\.yaml:3:18: metadata\.name: Invalid value: "Allow_Web": a lowercase RFC 1123 subdomain must consist of/);
  });

  it('namespace must be a DNS-1123 label', () => {
    const e = errors('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n  namespace: a.b\nspec: {}\n');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^test\.yaml:5:14: metadata\.namespace: Invalid value: "a\.b": a lowercase RFC 1123 label must/);
  });
});

describe('label selectors', () => {
  it('matchLabels keys must be qualified names, values label values', () => {
    const e = errors(policy('  podSelector:\n    matchLabels:\n      app: "-web"\n      "bad key": x\n'));
    expect(e).toHaveLength(2);
    expect(e[1]).toMatch(/^test\.yaml:8:7: spec\.podSelector\.matchLabels: Invalid value: "bad key": name part must consist of/);
    expect(e[0]).toMatch(/^test\.yaml:7:12: spec\.podSelector\.matchLabels\.app: Invalid value: "-web": a valid label must be an empty string/);
  });

  it('a DNS prefix in the key is allowed; a label value over 63 characters is not', () => {
    const long = 'a'.repeat(64);
    const e = errors(policy(`  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: ${long}\n`));
    expect(e).toEqual([
      `test.yaml:7:31: spec.podSelector.matchLabels[app.kubernetes.io/name]: Invalid value: "${long}": must be no more than 63 characters`,
    ]);
  });

  it('In and NotIn need values', () => {
    expect(errors(policy('  podSelector:\n    matchExpressions:\n    - {key: tier, operator: In}\n'))).toEqual([
      "test.yaml:7:7: spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
    expect(errors(policy('  podSelector:\n    matchExpressions:\n    - {key: tier, operator: NotIn, values: []}\n'))).toEqual([
      "test.yaml:7:44: spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
  });

  it('Exists and DoesNotExist forbid values', () => {
    expect(errors(policy('  podSelector:\n    matchExpressions:\n    - key: tier\n      operator: Exists\n      values: [a]\n'))).toEqual([
      "test.yaml:9:15: spec.podSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ]);
  });

  it('an unknown operator is refused', () => {
    expect(errors(policy('  podSelector:\n    matchExpressions:\n    - {key: tier, operator: in, values: [a]}\n'))).toEqual([
      'test.yaml:7:29: spec.podSelector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator',
    ]);
  });

  it('selectors are parsed into the model', () => {
    const [p] = load(
      policy('  podSelector:\n    matchLabels: {app: web}\n    matchExpressions:\n    - {key: tier, operator: NotIn, values: [db]}\n'),
    ).policies;
    expect(p.podSelector).toEqual({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }],
    });
  });
});

describe('ports', () => {
  const port = (body: string) => policy(`  ingress:\n  - ports:\n    - ${body}\n`);

  it('protocol must be TCP, UDP or SCTP', () => {
    expect(errors(port('{port: 80, protocol: HTTP}'))).toEqual([
      'test.yaml:7:28: spec.ingress[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP"',
    ]);
  });

  it('numeric port must be 1..65535', () => {
    expect(errors(port('{port: 0}'))).toEqual([
      'test.yaml:7:14: spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    expect(errors(port('{port: 65536}'))).toEqual([
      'test.yaml:7:14: spec.ingress[0].ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive',
    ]);
  });

  it('named port must be an IANA_SVC_NAME', () => {
    expect(errors(port('{port: http}'))).toEqual([]);
    expect(errors(port('{port: "8080"}'))).toEqual([
      'test.yaml:7:14: spec.ingress[0].ports[0].port: Invalid value: "8080": must contain at least one letter (a-z)',
    ]);
    expect(errors(port('{port: Http}'))).toEqual([
      'test.yaml:7:14: spec.ingress[0].ports[0].port: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ]);
    expect(errors(port('{port: a-very-long-port-name}'))).toEqual([
      'test.yaml:7:14: spec.ingress[0].ports[0].port: Invalid value: "a-very-long-port-name": must be no more than 15 characters',
    ]);
    expect(errors(port('{port: web--x}'))).toEqual([
      'test.yaml:7:14: spec.ingress[0].ports[0].port: Invalid value: "web--x": must not contain consecutive hyphens',
    ]);
    expect(errors(port('{port: -web}'))).toEqual([
      'test.yaml:7:14: spec.ingress[0].ports[0].port: Invalid value: "-web": must not begin or end with a hyphen',
    ]);
  });

  it('endPort needs a port', () => {
    expect(errors(port('{endPort: 90}'))).toEqual([
      'test.yaml:7:17: spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is not specified',
    ]);
  });

  it('endPort needs a numeric port', () => {
    expect(errors(port('{port: http, endPort: 90}'))).toEqual([
      'test.yaml:7:29: spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric',
    ]);
  });

  it('endPort must be >= port and within 1..65535', () => {
    expect(errors(port('{port: 80, endPort: 70}'))).toEqual([
      'test.yaml:7:27: spec.ingress[0].ports[0].endPort: Invalid value: 70: must be greater than or equal to `port`',
    ]);
    expect(errors(port('{port: 80, endPort: 70000}'))).toEqual([
      'test.yaml:7:27: spec.ingress[0].ports[0].endPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    const [p] = load(port('{port: 32000, endPort: 32768}')).policies;
    expect(p.ingress[0].ports[0]).toMatchObject({ port: 32000, endPort: 32768, protocol: 'TCP' });
  });

  it('errors in egress ports carry the egress path', () => {
    expect(errors(policy('  egress:\n  - ports:\n    - port: 80\n      endPort: 79\n'))).toEqual([
      'test.yaml:8:16: spec.egress[0].ports[0].endPort: Invalid value: 79: must be greater than or equal to `port`',
    ]);
  });
});

describe('peers', () => {
  const from = (peer: string) => policy(`  ingress:\n  - from:\n    - ${peer}\n`);

  it('a peer must specify something', () => {
    expect(errors(from('{}'))).toEqual(['test.yaml:7:7: spec.ingress[0].from[0]: Required value: must specify a peer']);
    // null selectors count as absent
    expect(errors(from('{podSelector: null}'))).toEqual(['test.yaml:7:7: spec.ingress[0].from[0]: Required value: must specify a peer']);
  });

  it('ipBlock cannot be combined with selectors', () => {
    expect(errors(from('{ipBlock: {cidr: 10.0.0.0/8}, namespaceSelector: {}}'))).toEqual([
      'test.yaml:7:7: spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
    ]);
  });

  it('podSelector with namespaceSelector is one peer (AND)', () => {
    const r = load(from('{podSelector: {matchLabels: {app: a}}, namespaceSelector: {matchLabels: {team: x}}}'));
    expect(r.findings).toEqual([]);
    const peer = r.policies[0].ingress[0].peers[0];
    expect(peer.podSelector?.matchLabels).toEqual({ app: 'a' });
    expect(peer.namespaceSelector?.matchLabels).toEqual({ team: 'x' });
  });

  it('ipBlock.cidr is required and must be a valid CIDR', () => {
    expect(errors(from('{ipBlock: {except: [10.0.0.0/8]}}'))).toEqual([
      'test.yaml:7:17: spec.ingress[0].from[0].ipBlock.cidr: Required value',
    ]);
    expect(errors(from('{ipBlock: {cidr: 10.0.0.0}}'))).toEqual([
      'test.yaml:7:24: spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
    expect(errors(from('{ipBlock: {cidr: 10.0.0.0/33}}'))).toHaveLength(1);
    expect(errors(from('{ipBlock: {cidr: 10.0.0/8}}'))).toHaveLength(1);
    expect(errors(from('{ipBlock: {cidr: 0x0a.0.0.0/8}}'))).toHaveLength(1);
  });

  // Kubernetes 1.35: IsValidCIDRForLegacyField with StrictIPCIDRValidation off (the gate is
  // alpha and off by default in 1.35, KEP-4858), then GetWarningsForCIDR's warnings.
  it('leading zeros are accepted with a warning and read as decimal (1.35)', () => {
    const text = from('{ipBlock: {cidr: 010.0.0.0/08}}');
    expect(errors(text)).toEqual([]);
    expect(warnings(text)).toEqual([
      'test.yaml:7:24: warning: spec.ingress[0].from[0].ipBlock.cidr: non-standard CIDR value "010.0.0.0/08" will be considered invalid in a future Kubernetes release: use "10.0.0.0/8"',
    ]);
    expect(load(text).policies[0].ingress[0].peers[0].ipBlock?.cidr).toBe('010.0.0.0/08');
  });

  it('an IPv4-mapped IPv6 CIDR is accepted with a warning naming its IPv4 form (1.35)', () => {
    const text = from('{ipBlock: {cidr: "::ffff:10.0.0.0/104"}}');
    expect(errors(text)).toEqual([]);
    expect(warnings(text)).toEqual([
      'test.yaml:7:24: warning: spec.ingress[0].from[0].ipBlock.cidr: non-standard CIDR value "::ffff:10.0.0.0/104" will be considered invalid in a future Kubernetes release: use "10.0.0.0/8"',
    ]);
  });

  it('a non-canonical IPv6 CIDR gets the RFC 5952 warning', () => {
    expect(warnings(from('{ipBlock: {cidr: "FD00:0:0::/64"}}'))).toEqual([
      'test.yaml:7:24: warning: spec.ingress[0].from[0].ipBlock.cidr: IPv6 CIDR value "FD00:0:0::/64" should be in RFC 5952 canonical format ("fd00::/64")',
    ]);
  });

  it('host bits and leading zeros together give both warnings', () => {
    expect(warnings(from('{ipBlock: {cidr: 10.1.2.03/8}}'))).toEqual([
      'test.yaml:7:24: warning: spec.ingress[0].from[0].ipBlock.cidr: CIDR value "10.1.2.03/8" is ambiguous in this context (should be "10.0.0.0/8" or "10.1.2.3/32"?)',
      'test.yaml:7:24: warning: spec.ingress[0].from[0].ipBlock.cidr: non-standard CIDR value "10.1.2.03/8" will be considered invalid in a future Kubernetes release: use "10.0.0.0/8"',
    ]);
  });

  it('host bits in cidr are accepted with a warning (1.35)', () => {
    const text = from('{ipBlock: {cidr: 10.1.2.3/8}}');
    expect(errors(text)).toEqual([]);
    expect(warnings(text)).toEqual([
      'test.yaml:7:24: warning: spec.ingress[0].from[0].ipBlock.cidr: CIDR value "10.1.2.3/8" is ambiguous in this context (should be "10.0.0.0/8" or "10.1.2.3/32"?)',
    ]);
    expect(load(text).policies).toHaveLength(1);
  });

  it('except must be a strict subset of cidr, of the same family', () => {
    expect(errors(from('{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16, 11.0.0.0/16, 10.0.0.0/8, "fd00::/64"]}}'))).toEqual([
      'test.yaml:7:58: spec.ingress[0].from[0].ipBlock.except[1]: Invalid value: "11.0.0.0/16": must be a strict subset of `cidr`',
      'test.yaml:7:71: spec.ingress[0].from[0].ipBlock.except[2]: Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`',
      'test.yaml:7:83: spec.ingress[0].from[0].ipBlock.except[3]: Invalid value: "fd00::/64": must be a strict subset of `cidr`',
    ]);
    expect(errors(from('{ipBlock: {cidr: 10.0.0.0/8, except: [bogus]}}'))).toEqual([
      'test.yaml:7:45: spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "bogus": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
  });

  it('IPv6 ipBlock works', () => {
    const r = load(from('{ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}}'));
    expect(r.findings).toEqual([]);
    expect(r.policies[0].ingress[0].peers[0].ipBlock).toEqual({ cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] });
  });

  it('egress peers use the `to` path', () => {
    expect(errors(policy('  egress:\n  - to:\n    - {}\n'))).toEqual(['test.yaml:7:7: spec.egress[0].to[0]: Required value: must specify a peer']);
  });
});

describe('policyTypes', () => {
  it('only Ingress and Egress', () => {
    expect(errors(policy('  podSelector: {}\n  policyTypes: [Ingress, ingress]\n'))).toEqual([
      'test.yaml:6:26: spec.policyTypes[1]: Unsupported value: "ingress": supported values: "Ingress", "Egress"',
    ]);
  });

  it('at most two', () => {
    expect(errors(policy('  podSelector: {}\n  policyTypes: [Ingress, Egress, Ingress]\n'))).toEqual([
      'test.yaml:6:16: spec.policyTypes: Invalid value: ["Ingress","Egress","Ingress"]: may not specify more than two policyTypes',
    ]);
  });

  it('a duplicate is accepted (as the API server does) with a warning', () => {
    const text = policy('  podSelector: {}\n  policyTypes: [Egress, Egress]\n');
    expect(errors(text)).toEqual([]);
    expect(warnings(text)).toHaveLength(1);
    expect(load(text).policies[0].policyTypes).toEqual(['Egress']);
  });
});

describe('strict decoding', () => {
  it('unknown fields name their path and point at the key', () => {
    expect(errors(policy('  podSelector: {}\n  ingress:\n  - form:\n    - podSelector: {}\n'))).toEqual([
      'test.yaml:7:5: spec.ingress[0].form: unknown field "spec.ingress[0].form"',
    ]);
    expect(errors('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: {}\nextra: 1\n')).toEqual([
      'test.yaml:5:1: extra: unknown field "extra"',
    ]);
    expect(errors('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, label: {a: b}}\nspec: {}\n')).toEqual([
      'test.yaml:3:21: metadata.label: unknown field "metadata.label"',
    ]);
  });

  it('tolerates status: {} but not status content', () => {
    expect(errors(policy('  podSelector: {}\nstatus: {}\n'))).toEqual([]);
    expect(errors(policy('  podSelector: {}\nstatus: {conditions: []}\n'))).toEqual([
      'test.yaml:6:10: status.conditions: unknown field "status.conditions"',
    ]);
  });

  it('accepts the ObjectMeta fields kubectl get -o yaml prints', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: "{}"
  creationTimestamp: "2026-01-01T00:00:00Z"
  generation: 1
  name: x
  namespace: default
  resourceVersion: "123"
  uid: 6b1e2c3d-0000-0000-0000-000000000000
  managedFields:
  - manager: kubectl
    fieldsV1: {f:spec: {}}
spec:
  podSelector: {}
`;
    expect(load(text).findings).toEqual([]);
  });

  it('a YAML 1.1 boolean where a string belongs is a type error', () => {
    expect(errors(policy('  podSelector:\n    matchLabels: {enabled: yes}\n'))).toEqual([
      'test.yaml:6:28: spec.podSelector.matchLabels.enabled: Invalid value: true: must be a string',
    ]);
    expect(errors(policy('  ingress:\n  - ports:\n    - {protocol: on}\n'))).toEqual([
      'test.yaml:7:18: spec.ingress[0].ports[0].protocol: Invalid value: true: must be a string',
    ]);
    expect(errors(policy('  ingress:\n  - ports:\n    - {port: 80.5}\n'))).toEqual([
      'test.yaml:7:14: spec.ingress[0].ports[0].port: Invalid value: 80.5: must be an integer or a string',
    ]);
  });

  it('YAML 1.1 octal: 0755 is the number 493', () => {
    const [p] = load(policy('  ingress:\n  - ports:\n    - port: 0755\n')).policies;
    expect(p.ingress[0].ports[0].port).toBe(493);
  });

  it('wrong container types are errors', () => {
    expect(errors(policy('  ingress: {from: []}\n'))).toEqual([
      'test.yaml:5:12: spec.ingress: Invalid value: {"from":[]}: must be a list',
    ]);
  });
});
