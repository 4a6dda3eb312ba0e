// The library's why() names endpoints as the `why` command does, when a name means one endpoint.
import { describe, expect, it } from 'vitest';
import { buildEngine, loadManifests, why } from '../../src/index.js';

const TEXT = `apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
status: {podIP: 10.244.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: web-2, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
status: {podIP: 10.244.0.11}
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: dev, labels: {app: debug}}
spec: {containers: [{name: c, image: busybox}]}
status: {podIP: 10.244.1.30}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-shop, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {}}]}]
`;

describe('why() in the library', () => {
  const engine = buildEngine(loadManifests([{ file: 'c.yaml', text: TEXT }]));
  const tcp80 = { port: 80, protocol: 'TCP' as const };

  it('takes NAMESPACE/POD, a unique pod name, a pod IP as the CLI does', () => {
    // web-from-shop admits pods of shop only: debug (dev) is denied, web-2 (shop) admitted.
    expect(why(engine, 'dev/debug', 'shop/web-1', tcp80).allowed).toBe(false);
    expect(why(engine, 'debug', 'shop/web-1', tcp80)).toMatchObject({ from: 'dev/debug', to: 'shop/web-1', allowed: false });
    expect(why(engine, '10.244.1.30', '10.244.0.10', tcp80)).toMatchObject({ from: 'dev/debug', to: 'shop/web-1', allowed: false });
    expect(why(engine, 'web-2', 'web-1', tcp80)).toMatchObject({ from: 'shop/web-2', to: 'shop/web-1', allowed: true });
  });

  it('says what a name means when it is several pods or none, instead of an unknown-endpoint RangeError', () => {
    expect(() => why(engine, 'debug', 'svc/web', tcp80)).toThrow(/svc\/web is 2 pods \(shop\/web-1, shop\/web-2\)/);
    expect(() => why(engine, 'nobody', 'web-1', tcp80)).toThrow(/no pod named "nobody"/);
  });

  it("judges a dual-stack pod's IPv6 address as IPv6, as the why command does", () => {
    const dual = `apiVersion: v1
kind: Pod
metadata: {name: db, namespace: a, labels: {app: db}}
spec: {containers: [{name: c, image: x}]}
status: {podIP: 10.0.0.2, podIPs: [{ip: 10.0.0.2}, {ip: "fd00::2"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: a}
spec: {containers: [{name: c, image: x}]}
status: {podIP: 10.0.0.1, podIPs: [{ip: 10.0.0.1}, {ip: "fd00::1"}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: a}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{ipBlock: {cidr: "fd00::1/128"}}]}]
`;
    const e = buildEngine(loadManifests([{ file: 'd.yaml', text: dual }]));
    // The /128 is IPv6: by name (IPv4, the primary family) denied, by the IPv6 address admitted.
    expect(why(e, 'a/client', 'a/db', tcp80).allowed).toBe(false);
    expect(why(e, 'a/client', 'fd00::2', tcp80)).toMatchObject({ from: 'a/client', to: 'a/db', allowed: true });
    expect(why(e, 'fd00::1', 'a/db', tcp80).allowed).toBe(true);
  });
});
