// The module's own examples (sections 2.1, 4, 5, 6 and 7.4), applied verbatim through a
// here-document and then tested from busybox pods with wget and nc, as a learner checks
// them. The outcomes are the ones each section states; the words are busybox's:
// "wget: download timed out", nc's "HOST (IP:PORT) open" and "nc: HOST (IP:PORT): Connection
// timed out", "bad address" when the cluster DNS cannot be reached.
import { describe, expect, it } from 'vitest';
import { NGINX_TITLE, newConsole, play, run } from './helpers.js';
import { applying, sectionManifest } from './module/commands.js';
import type { Console } from '../../src/core/console/index.js';

const TIMED_OUT = ['wget: download timed out', 'command terminated with exit code 1'];

/** Section 4's namespace: nginx app=web behind Service web, a busybox client app=client. */
async function defaultNamespace(): Promise<Console> {
  const c = newConsole();
  await play(c, 'kubectl run web --image=nginx -l app=web\nkubectl expose pod web --port=80\nkubectl run client --image=busybox -l app=client -- sleep 3600\n');
  return c;
}

async function apply(c: Console, section: string, created: string[]): Promise<void> {
  const r = await run(c, applying(sectionManifest(section)));
  expect(r.lines).toEqual(created.map((n) => `networkpolicy.networking.k8s.io/${n} created`));
}

const wgetWeb = 'kubectl exec client -- wget -qO- --timeout=2 http://web';

describe('2.1 the full structure', () => {
  it('is a template: its empty ipBlocks are refused by the API server', async () => {
    const r = await run(newConsole(), applying(sectionManifest('2.1')));
    expect(r.lines).toEqual(['The NetworkPolicy "my-policy" is invalid: ', '* spec.ingress[0].from[2].ipBlock.cidr: Required value', '* spec.egress[0].to[2].ipBlock.cidr: Required value']);
    expect(r.code).toBe(1);
  });
});

describe('4. default deny policies', () => {
  it('4.1 deny-all-ingress: nothing reaches web; 4.5 allow-all-ingress undoes it', async () => {
    const c = await defaultNamespace();
    expect((await run(c, wgetWeb)).out).toContain(NGINX_TITLE);
    await apply(c, '4.1', ['deny-all-ingress']);
    expect((await run(c, wgetWeb)).lines).toEqual(TIMED_OUT);
    await apply(c, '4.5', ['allow-all-ingress']);
    expect((await run(c, wgetWeb)).out).toContain(NGINX_TITLE);
  });

  it('4.2 deny-all-egress blocks DNS too: names no longer resolve', async () => {
    const c = await defaultNamespace();
    await apply(c, '4.2', ['deny-all-egress']);
    expect((await run(c, 'kubectl exec client -- nslookup web')).lines).toEqual([';; connection timed out; no servers could be reached', '', 'command terminated with exit code 1']);
    expect((await run(c, wgetWeb)).lines).toEqual(["wget: bad address 'web'", 'command terminated with exit code 1']);
  });

  it('4.3 deny-all: neither in nor out, even by IP', async () => {
    const c = await defaultNamespace();
    const ip = (await run(c, "kubectl get pod web -o jsonpath='{.status.podIP}'")).out;
    await apply(c, '4.3', ['deny-all']);
    expect((await run(c, `kubectl exec client -- nc -zv -w 2 ${ip} 80`)).lines).toEqual([`nc: ${ip} (${ip}:80): Connection timed out`, 'command terminated with exit code 1']);
  });

  it('4.4 deny-egress-allow-dns: names resolve, connections still fail', async () => {
    const c = await defaultNamespace();
    await apply(c, '4.4', ['deny-egress-allow-dns']);
    const dns = await run(c, 'kubectl exec client -- nslookup web');
    expect(dns.lines.slice(0, 5)).toEqual(['Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '', 'Name:\tweb.default.svc.cluster.local', 'Address: 10.96.100.10']);
    expect((await run(c, wgetWeb)).lines).toEqual(TIMED_OUT);
  });
});

/** app-ns: backend app=backend listening on 8080 and 9090 (busybox nc), and three clients. */
async function appNamespace(): Promise<{ c: Console; backend: string; nc: (from: string, port: number, ns?: string) => Promise<string[]> }> {
  const c = newConsole();
  await play(
    c,
    [
      'kubectl create namespace app-ns',
      'kubectl run backend --image=busybox -l app=backend -n app-ns -- sh -c "nc -lk -p 8080 & nc -lk -p 9090 & nc -lk -p 3306"',
      ...['frontend', 'monitoring', 'random'].map((n) => `kubectl run ${n} --image=busybox -l app=${n} -n app-ns -- sleep 3600`),
    ].join('\n') + '\n',
  );
  const backend = (await run(c, "kubectl get pod backend -n app-ns -o jsonpath='{.status.podIP}'")).out;
  const nc = async (from: string, port: number, ns = 'app-ns') => (await run(c, `kubectl exec -n ${ns} ${from} -- nc -zv -w 2 ${backend} ${port}`)).lines;
  return { c, backend, nc };
}

const open = (ip: string, port: number) => [`${ip} (${ip}:${port}) open`];
const dropped = (ip: string, port: number) => [`nc: ${ip} (${ip}:${port}): Connection timed out`, 'command terminated with exit code 1'];

describe('5. combining policies', () => {
  it('5.2 layered: the union of the allowing policies, per source and port', async () => {
    const { c, backend, nc } = await appNamespace();
    await apply(c, '5.2', ['deny-all-ingress', 'allow-frontend-to-backend', 'allow-monitoring-to-backend']);
    expect(await nc('frontend', 8080)).toEqual(open(backend, 8080));
    expect(await nc('monitoring', 9090)).toEqual(open(backend, 9090));
    expect(await nc('frontend', 9090)).toEqual(dropped(backend, 9090));
    expect(await nc('random', 8080)).toEqual(dropped(backend, 8080));
  });

  it('5.3 cross-namespace: prometheus in the labelled monitoring namespace, AND its pod label', async () => {
    const { c, backend, nc } = await appNamespace();
    await play(c, 'kubectl create namespace monitoring\nkubectl run prometheus --image=busybox -l app=prometheus -n monitoring -- sleep 3600\nkubectl run grafana --image=busybox -l app=grafana -n monitoring -- sleep 3600\n');
    await apply(c, '5.3', ['allow-from-monitoring-ns']);
    // Before the namespace label (the section's first command) nothing matches.
    expect(await nc('prometheus', 9090, 'monitoring')).toEqual(dropped(backend, 9090));
    expect((await run(c, 'kubectl label namespace monitoring team=monitoring')).out).toBe('namespace/monitoring labeled');
    expect(await nc('prometheus', 9090, 'monitoring')).toEqual(open(backend, 9090));
    expect(await nc('grafana', 9090, 'monitoring')).toEqual(dropped(backend, 9090));
    expect(await nc('prometheus', 8080, 'monitoring')).toEqual(dropped(backend, 8080));
    // app=prometheus in app-ns itself is not in a team=monitoring namespace.
    await play(c, 'kubectl run prometheus --image=busybox -l app=prometheus -n app-ns -- sleep 3600\n');
    expect(await nc('prometheus', 9090)).toEqual(dropped(backend, 9090));
  });
});

describe('6. common patterns', () => {
  it('6.1 allow-same-namespace: every pod of app-ns, no pod of another namespace', async () => {
    const { c, backend, nc } = await appNamespace();
    await play(c, 'kubectl run outsider --image=busybox -- sleep 3600\n');
    await apply(c, '6.1', ['allow-same-namespace']);
    expect(await nc('random', 8080)).toEqual(open(backend, 8080));
    expect(await nc('outsider', 8080, 'default')).toEqual(dropped(backend, 8080));
  });

  it('6.2 db-access: only app=backend reaches the database on 3306', async () => {
    const c = newConsole();
    await play(c, 'kubectl create namespace app-ns\nkubectl run database --image=busybox -l app=database -n app-ns -- nc -lk -p 3306\nkubectl run backend --image=busybox -l app=backend -n app-ns -- sleep 3600\nkubectl run frontend --image=busybox -l app=frontend -n app-ns -- sleep 3600\n');
    const db = (await run(c, "kubectl get pod database -n app-ns -o jsonpath='{.status.podIP}'")).out;
    await apply(c, '6.2', ['db-access']);
    expect((await run(c, `kubectl exec -n app-ns backend -- nc -zv -w 2 ${db} 3306`)).lines).toEqual(open(db, 3306));
    expect((await run(c, `kubectl exec -n app-ns frontend -- nc -zv -w 2 ${db} 3306`)).lines).toEqual(dropped(db, 3306));
  });

  it('6.3 allow-external-api: DNS over UDP works, the web outside the range does not', async () => {
    const c = newConsole();
    await play(c, 'kubectl create namespace app-ns\nkubectl run worker --image=busybox -l app=worker -n app-ns -- sleep 3600\n');
    await apply(c, '6.3', ['allow-external-api']);
    const dns = await run(c, 'kubectl exec -n app-ns worker -- nslookup google.com');
    expect(dns.lines).toContain('Name:\tgoogle.com');
    expect(dns.code).toBe(0);
    expect((await run(c, 'kubectl exec -n app-ns worker -- wget -qO- --timeout=2 http://google.com')).lines).toEqual(TIMED_OUT);
  });
});

describe('7.4 allow all pods in all namespaces', () => {
  const policy = (from: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: open\n  namespace: app-ns\nspec:\n  podSelector:\n    matchLabels:\n      app: backend\n  ingress:\n${from.trimEnd().split('\n').map((l) => `  ${l}`).join('\n')}\n`;

  it('podSelector: {} alone admits the same namespace only; namespaceSelector: {} every namespace', async () => {
    const { c, backend, nc } = await appNamespace();
    await play(c, 'kubectl run outsider --image=busybox -- sleep 3600\n');
    expect((await run(c, applying(policy('- from:\n  - podSelector: {}\n')))).out).toBe('networkpolicy.networking.k8s.io/open created');
    expect(await nc('random', 8080)).toEqual(open(backend, 8080));
    expect(await nc('outsider', 8080, 'default')).toEqual(dropped(backend, 8080));
    expect((await run(c, applying(policy('- from:\n  - namespaceSelector: {}\n    podSelector: {}\n')))).out).toBe('networkpolicy.networking.k8s.io/open configured');
    expect(await nc('outsider', 8080, 'default')).toEqual(open(backend, 8080));
    expect((await run(c, applying(policy('- from:\n  - namespaceSelector: {}        # all namespaces, all pods\n')))).out).toBe('networkpolicy.networking.k8s.io/open configured');
    expect(await nc('outsider', 8080, 'default')).toEqual(open(backend, 8080));
  });
});
