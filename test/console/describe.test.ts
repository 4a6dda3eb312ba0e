// kubectl describe in describe.go's layout: whole outputs for netpol, ns, svc and pod.
import { describe, expect, it } from 'vitest';
import { newConsole, play, run } from './helpers.js';

const SETUP = `kubectl create ns shop
kubectl create deployment web --image=nginx -n shop
kubectl expose deployment web --port=80 -n shop
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-in
  namespace: shop
  labels: {team: a}
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {tier: frontend}}
      podSelector: {matchLabels: {app: client}}
    - ipBlock: {cidr: 192.168.1.0/24, except: [192.168.1.100/32]}
    ports:
    - port: 80
  - ports:
    - port: 8000
      endPort: 9000
      protocol: UDP
  egress:
  - to:
    - podSelector: {}
EOF
`;

describe('kubectl describe', () => {
  it('netpol: rules, peers, ports, separators and policy types', async () => {
    const c = newConsole();
    await play(c, SETUP);
    expect((await run(c, 'kubectl describe netpol web-in -n shop')).lines).toEqual([
      'Name:         web-in',
      'Namespace:    shop',
      'Created on:   2026-12-01 22:00:00 +0000 UTC',
      'Labels:       team=a',
      'Annotations:  <none>',
      'Spec:',
      '  PodSelector:     app=web',
      '  Allowing ingress traffic:',
      '    To Port: 80/TCP',
      '    From:',
      '      NamespaceSelector: tier=frontend',
      '      PodSelector: app=client',
      '    From:',
      '      IPBlock:',
      '        CIDR: 192.168.1.0/24',
      '        Except: 192.168.1.100/32',
      '    ----------',
      '    To Port Range: 8000-9000/UDP',
      '    From: <any> (traffic not restricted by source)',
      '  Allowing egress traffic:',
      '    To Port: <any> (traffic allowed to all ports)',
      '    To:',
      '      PodSelector: <none>',
      '  Policy Types: Ingress, Egress',
    ]);
  });

  it('a name prefix describes every match; two objects are two blank lines apart', async () => {
    const c = newConsole();
    await play(c, SETUP);
    await play(c, SETUP.split('cat <<EOF')[1].replace(/^.*\n/, 'cat <<EOF | kubectl apply -f -\n').replace('name: web-in', 'name: web-out'));
    const lines = (await run(c, 'kubectl describe netpol web -n shop')).lines;
    expect(lines.filter((l) => l.startsWith('Name:'))).toEqual(['Name:         web-in', 'Name:         web-out']);
    const i = lines.indexOf('Name:         web-out');
    expect(lines.slice(i - 2, i)).toEqual(['', '']);
    expect((await run(c, 'kubectl describe netpol nope -n shop')).out).toBe('Error from server (NotFound): networkpolicies.networking.k8s.io "nope" not found');
  });

  it('ns and svc', async () => {
    const c = newConsole();
    await play(c, SETUP);
    expect((await run(c, 'kubectl describe ns shop')).lines).toEqual([
      'Name:         shop',
      'Labels:       kubernetes.io/metadata.name=shop',
      'Annotations:  <none>',
      'Status:       Active',
      '',
      'No resource quota.',
      '',
      'No LimitRange resource.',
    ]);
    const ip = (await run(c, "kubectl get pods -n shop -o jsonpath='{.items[0].status.podIP}'")).out;
    expect((await run(c, 'kubectl describe svc web -n shop')).lines).toEqual([
      'Name:                     web',
      'Namespace:                shop',
      'Labels:                   app=web',
      'Annotations:              <none>',
      'Selector:                 app=web',
      'Type:                     ClusterIP',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      'IP:                       10.96.100.10',
      'IPs:                      10.96.100.10',
      'Port:                     <unset>  80/TCP',
      'TargetPort:               80/TCP',
      `Endpoints:                ${ip}:80`,
      'Session Affinity:         None',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
    ]);
  });

  it('pod: node, labels, IP, controller, container and conditions', async () => {
    const c = newConsole();
    await play(c, SETUP);
    const [name] = (await run(c, 'kubectl get pods -n shop -o name')).lines;
    const lines = (await run(c, `kubectl describe ${name} -n shop`)).lines;
    expect(lines[0]).toBe(`Name:             ${name.slice(4)}`);
    expect(lines).toContain('Node:             node01/172.30.2.2');
    expect(lines).toContain('Status:           Running');
    expect(lines.some((l) => /^Controlled By:\s+ReplicaSet\/web-[a-z0-9]+$/.test(l))).toBe(true);
    expect(lines).toContain('    Image:          nginx');
    expect(lines).toContain('    State:          Running');
    expect(lines).toContain('    Ready:          True');
    expect(lines).toContain('QoS Class:                   BestEffort');
    expect(lines[lines.length - 1]).toBe('Events:                      <none>');
  });
});
