// The engine as a cluster runs it, beyond the API reference's rules: loopback, hostNetwork
// pods and dual-stack address families. Each case cites the behaviour it follows.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/engine/engine.js';
import { verdictLines } from '../../src/core/engine/reasons.js';
import type { Probe } from '../../src/core/engine/types.js';
import type { Pod } from '../../src/core/model.js';
import { cluster, pod, policy, rule, sel } from './build.js';

const TCP80: Probe = { port: 80, protocol: 'TCP' };

function can(engine: Engine, from: string, to: string, probe: Probe = TCP80): boolean {
  return engine.allowed(engine.indexOf(from), engine.indexOf(to), probe);
}

const denyAll = (ns: string) => policy(`${ns}/deny-all`, sel(), { policyTypes: ['Ingress', 'Egress'] });

describe('a pod always reaches itself', () => {
  // Kubernetes docs, "What you can't do with network policies": pods cannot block localhost
  // access; the upstream e2e probes never expect a pod to be cut off from itself.
  const c = cluster([pod('a/web', '10.0.0.1', { app: 'web' }), pod('a/other', '10.0.0.2')]);

  it('Engine.allowed(i, i) is true under a default deny of both directions', () => {
    const e = new Engine(c, [denyAll('a')]);
    const i = e.indexOf('a/web');
    expect(e.allowed(i, i, TCP80)).toBe(true);
    expect(e.forProbe({ port: 53, protocol: 'UDP' })(i, i)).toBe(true);
    expect(can(e, 'a/other', 'a/web')).toBe(false);
  });

  it('the verdict says loopback, and still lists the isolating policies', () => {
    const e = new Engine(c, [denyAll('a')]);
    const v = e.verdict('a/web', 'a/web', TCP80);
    expect(v.allowed).toBe(true);
    expect(v.loopback).toBe(true);
    expect(v.ingress.isolatedBy).toEqual(['a/deny-all']);
    const text = verdictLines(e, v).join('\n');
    expect(text).toMatch(/^a\/web -> a\/web on 80\/TCP: ALLOWED/);
    expect(text).toMatch(/itself.*loopback/);
  });
});

describe('hostNetwork pods', () => {
  // Kubernetes docs, "NetworkPolicy and hostNetwork pods": behaviour is undefined; the common
  // implementation ignores hostNetwork pods when matching podSelector and namespaceSelector, and
  // treats their traffic as traffic to/from the node IP.
  const host: Pod = { ...pod('kube-system/kube-proxy-x', '172.18.0.2', { app: 'proxy' }), hostNetwork: true };
  const c = cluster([host, pod('kube-system/dns', '10.0.0.10', { app: 'proxy' }), pod('a/web', '10.0.0.1', { app: 'web' })]);

  it('a policy whose podSelector matches its labels does not isolate it', () => {
    const e = new Engine(c, [policy('kube-system/deny', sel({ app: 'proxy' }), { policyTypes: ['Ingress', 'Egress'] })]);
    expect(e.isolation(e.indexOf('kube-system/kube-proxy-x'))).toEqual({ ingress: [], egress: [] });
    expect(e.isolation(e.indexOf('kube-system/dns')).ingress).toEqual(['kube-system/deny']);
    expect(can(e, 'a/web', 'kube-system/kube-proxy-x')).toBe(true);
    expect(e.selectedBy(0)).toEqual([e.indexOf('kube-system/dns')]);
  });

  it('podSelector and namespaceSelector peers never match it; an ipBlock of the node IP does', () => {
    const bySelector = new Engine(c, [
      policy('a/p', sel({ app: 'web' }), {
        ingress: [rule([{ podSelector: sel({ app: 'proxy' }), namespaceSelector: sel() }, { namespaceSelector: sel({ 'kubernetes.io/metadata.name': 'kube-system' }) }])],
      }),
    ]);
    expect(can(bySelector, 'kube-system/dns', 'a/web')).toBe(true);
    expect(can(bySelector, 'kube-system/kube-proxy-x', 'a/web')).toBe(false);
    const byIp = new Engine(c, [policy('a/p', sel({ app: 'web' }), { ingress: [rule([{ ipBlock: { cidr: '172.18.0.0/16', except: [] } }])] })]);
    expect(can(byIp, 'kube-system/kube-proxy-x', 'a/web')).toBe(true);
  });

  it('an empty from still admits it (every source, node traffic included)', () => {
    const e = new Engine(c, [policy('a/p', sel({ app: 'web' }), { ingress: [rule()] })]);
    expect(can(e, 'kube-system/kube-proxy-x', 'a/web')).toBe(true);
  });

  it('why says it is node traffic', () => {
    const e = new Engine(c, [policy('a/p', sel({ app: 'web' }), { ingress: [rule([{ podSelector: sel({ app: 'proxy' }), namespaceSelector: sel() }])] })]);
    const text = verdictLines(e, e.verdict('kube-system/kube-proxy-x', 'a/web', TCP80)).join('\n');
    expect(text).toMatch(/DENIED/);
    expect(text).toMatch(/kube-system\/kube-proxy-x uses hostNetwork/);
    expect(text).toMatch(/node/);
  });
});

describe('dual-stack: an ipBlock matches per address family', () => {
  // A connection has one family: modelled as the destination's primary one (status.podIPs[0]).
  // An IPv4 block never admits an IPv6 connection, even from a pod that also has an IPv4 address.
  const dual = (id: string, v4: string, v6: string, labels: Record<string, string> = {}, v6first = false): Pod => ({
    ...pod(id, v4, labels),
    ips: v6first ? [v6, v4] : [v4, v6],
  });
  const c = cluster([
    dual('a/client', '10.0.0.1', 'fd00::1', { app: 'client' }),
    dual('a/web4', '10.0.0.2', 'fd00::2', { app: 'web' }),
    dual('a/web6', '10.0.0.3', 'fd00::3', { app: 'web' }, true),
    pod('a/only6', 'fd00::9', { app: 'web' }),
  ]);
  const ingressFrom = (cidr: string) => new Engine(c, [policy('a/p', sel({ app: 'web' }), { ingress: [rule([{ ipBlock: { cidr, except: [] } }])] })]);

  it('ingress: an IPv4 block admits the client to an IPv4-primary pod only', () => {
    const e = ingressFrom('10.0.0.0/24');
    expect(can(e, 'a/client', 'a/web4')).toBe(true);
    expect(can(e, 'a/client', 'a/web6')).toBe(false);
    expect(can(e, 'a/client', 'a/only6')).toBe(false);
    expect(e.verdict('a/client', 'a/web6', TCP80).ingress.considered[0].peerIndex).toBe(-1);
  });

  it('ingress: an IPv6 block admits it to IPv6-primary pods only', () => {
    const e = ingressFrom('fd00::/64');
    expect(can(e, 'a/client', 'a/web4')).toBe(false);
    expect(can(e, 'a/client', 'a/web6')).toBe(true);
    expect(can(e, 'a/client', 'a/only6')).toBe(true);
  });

  it('egress: the destination is matched by its address of the connection family', () => {
    const egressTo = (cidr: string) =>
      new Engine(c, [policy('a/p', sel({ app: 'client' }), { policyTypes: ['Egress'], egress: [rule([{ ipBlock: { cidr, except: [] } }])] })]);
    const v4 = egressTo('10.0.0.0/24');
    expect(can(v4, 'a/client', 'a/web4')).toBe(true);
    expect(can(v4, 'a/client', 'a/web6')).toBe(false);
    expect(v4.verdict('a/client', 'a/web6', TCP80).allowed).toBe(false);
    const v6 = egressTo('fd00::/64');
    expect(can(v6, 'a/client', 'a/web4')).toBe(false);
    expect(can(v6, 'a/client', 'a/web6')).toBe(true);
    expect(v6.verdict('a/client', 'a/web6', TCP80).allowed).toBe(true);
  });

  it('an except of one family leaves the other family alone', () => {
    const e = new Engine(c, [
      policy('a/p', sel({ app: 'web' }), {
        ingress: [rule([{ ipBlock: { cidr: '10.0.0.0/24', except: ['10.0.0.1/32'] } }, { ipBlock: { cidr: 'fd00::/64', except: [] } }])],
      }),
    ]);
    expect(can(e, 'a/client', 'a/web4')).toBe(false);
    expect(can(e, 'a/client', 'a/web6')).toBe(true);
  });

  it('an outside host connects in the family of its IP', () => {
    const withHosts = cluster(c.pods, {}, [
      { name: '192.0.2.7', ip: '192.0.2.7', ports: [] },
      { name: '2001:db8::7', ip: '2001:db8::7', ports: [] },
    ]);
    const e = new Engine(withHosts, [
      policy('a/p', sel({ app: 'client' }), { policyTypes: ['Egress'], egress: [rule([{ ipBlock: { cidr: '0.0.0.0/0', except: [] } }])] }),
    ]);
    expect(can(e, 'a/client', '192.0.2.7')).toBe(true);
    expect(can(e, 'a/client', '2001:db8::7')).toBe(false);
  });
});

describe('why on dual-stack pods', () => {
  it('names the connection family and the address an ipBlock sees, only when an ipBlock is in play', () => {
    const client: Pod = { ...pod('a/client', '10.0.0.1', { app: 'client' }), ips: ['10.0.0.1', 'fd00::1'] };
    const web6: Pod = { ...pod('a/web6', 'fd00::6', { app: 'web' }), ips: ['fd00::6', '10.0.0.6'] };
    const c = cluster([client, web6]);
    const byIp = new Engine(c, [policy('a/p', sel({ app: 'web' }), { ingress: [rule([{ ipBlock: { cidr: '10.0.0.0/8', except: [] } }])] })]);
    const text = verdictLines(byIp, byIp.verdict('a/client', 'a/web6', TCP80)).join('\n');
    expect(text).toMatch(/DENIED/);
    expect(text).toMatch(/note: the connection is IPv6 \(a\/web6's primary IP is fd00::6\), so ipBlocks match it by IPv6 addresses only: a\/client's is fd00::1$/m);
    const bySelector = new Engine(c, [policy('a/p', sel({ app: 'web' }), { ingress: [rule([{ podSelector: sel({ app: 'client' }) }])] })]);
    expect(verdictLines(bySelector, bySelector.verdict('a/client', 'a/web6', TCP80)).join('\n')).not.toMatch(/IPv6/);
  });
});
