// The tools inside pods answer as busybox (and curl) do, from the engine's verdicts:
// allowed and listening, allowed and nothing listens (refused), dropped (timed out),
// a name that does not resolve, DNS blocked.
import { describe, expect, it } from 'vitest';
import { NGINX_TITLE, newConsole, play, run } from './helpers.js';

const SETUP = `kubectl create ns shop
kubectl create deployment web --image=nginx -n shop
kubectl expose deployment web --port=80 -n shop
kubectl create deployment redis --image=redis -n shop
kubectl expose deployment redis --port=6379 -n shop
kubectl run probe --image=busybox -n shop -- sleep 3600
kubectl create ns other
kubectl run far --image=busybox -n other -- sleep 3600
`;

const DENY_EGRESS = `cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: no-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {run: probe}}
  policyTypes: [Egress]
EOF`;

async function cluster() {
  const c = newConsole();
  await play(c, SETUP);
  return c;
}

const inProbe = (cmd: string) => `kubectl exec -n shop probe -- ${cmd}`;

describe('wget', () => {
  it('prints the page; -q off shows the progress lines busybox writes to stderr', async () => {
    const c = await cluster();
    const q = await run(c, inProbe('wget -qO- --timeout=3 http://web'));
    expect(q.out).toContain(NGINX_TITLE);
    expect(q.lines[0]).toBe('<!DOCTYPE html>');
    const loud = (await run(c, inProbe('wget -O- http://web.shop.svc.cluster.local'))).lines;
    expect(loud[0]).toBe('Connecting to web.shop.svc.cluster.local (10.96.100.10:80)');
    expect(loud[1]).toBe('writing to stdout');
    expect(loud[loud.length - 1]).toBe('written to stdout');
    expect(loud[loud.length - 2]).toMatch(/^- {19} 100% \|\*+\| {3}615  0:00:00 ETA$/);
  });

  it('saves index.html without -O, and will not overwrite it', async () => {
    const c = await cluster();
    expect((await run(c, inProbe('wget -q http://web'))).out).toBe('');
    expect((await run(c, inProbe('cat index.html'))).lines[0]).toBe('<!DOCTYPE html>');
    expect((await run(c, inProbe('wget -q http://web'))).lines).toEqual(["wget: can't open 'index.html': File exists", 'command terminated with exit code 1']);
  });

  it('refused, timed out, bad address, not found, reset', async () => {
    const c = await cluster();
    const web = (await run(c, "kubectl get pods -n shop -l app=web -o jsonpath='{.items[0].status.podIP}'")).out;
    expect((await run(c, inProbe(`wget -qO- -T 2 http://${web}:8080`))).lines).toEqual([`wget: can't connect to remote host (${web}): Connection refused`, 'command terminated with exit code 1']);
    // A Service port nobody defined: the virtual IP answers nothing.
    expect((await run(c, inProbe('wget -qO- --timeout=2 http://web:8080'))).lines[0]).toBe('wget: download timed out');
    expect((await run(c, inProbe('wget -qO- http://web:8080'))).lines[0]).toBe("wget: can't connect to remote host (10.96.100.10): Connection timed out");
    expect((await run(c, inProbe('wget -qO- http://nosuch'))).lines[0]).toBe("wget: bad address 'nosuch'");
    expect((await run(c, inProbe('wget -qO- http://web/missing'))).lines[0]).toBe('wget: server returned error: HTTP/1.1 404 Not Found');
    expect((await run(c, inProbe('wget -qO- http://redis:6379'))).lines[0]).toBe('wget: error getting response: Connection reset by peer');
  });

  it('names resolve through the search path: svc, svc.ns, the FQDN, outside hosts', async () => {
    const c = await cluster();
    for (const url of ['http://web.shop', 'http://web.shop.svc', 'http://web.shop.svc.cluster.local', 'http://web.shop.svc.cluster.local.']) {
      expect((await run(c, `kubectl exec -n other far -- wget -qO- -T 3 ${url}`)).out).toContain(NGINX_TITLE);
    }
    expect((await run(c, 'kubectl exec -n other far -- wget -qO- -T 3 http://web')).lines[0]).toBe("wget: bad address 'web'");
    expect((await run(c, 'kubectl exec -n other far -- wget -qO- -T 3 http://example.com')).out).toContain('<title>example.com</title>');
  });

  it('with DNS blocked a name is a bad address, an IP still connects (and times out when dropped)', async () => {
    const c = await cluster();
    await play(c, DENY_EGRESS);
    expect((await run(c, inProbe('wget -qO- -T 3 http://web'))).lines[0]).toBe("wget: bad address 'web'");
    expect((await run(c, inProbe('wget -qO- -T 3 http://10.96.100.10'))).lines[0]).toBe('wget: download timed out');
  });
});

describe('nc', () => {
  it('open, time-out with -w, refusal silent at one -v and spoken at -vv', async () => {
    const c = await cluster();
    expect(await run(c, inProbe('nc -zv web 80'))).toMatchObject({ out: 'web (10.96.100.10:80) open', code: 0 });
    expect((await run(c, inProbe('nc -zv -w3 web 81'))).lines).toEqual(['nc: web (10.96.100.10:81): Connection timed out', 'command terminated with exit code 1']);
    const web = (await run(c, "kubectl get pods -n shop -l app=web -o jsonpath='{.items[0].status.podIP}'")).out;
    expect((await run(c, inProbe(`nc -zv -w 3 ${web} 81`))).lines).toEqual(['command terminated with exit code 1']);
    expect((await run(c, inProbe(`nc -zvv -w 3 ${web} 81`))).lines).toEqual([`nc: ${web} (${web}:81): Connection refused`, 'sent 0, rcvd 0', 'command terminated with exit code 1']);
    expect((await run(c, inProbe('nc -zv nosuch 80'))).lines[0]).toBe("nc: bad address 'nosuch'");
    expect((await run(c, inProbe('nc -zv web'))).lines[2]).toBe('Usage: nc [OPTIONS] HOST PORT  - connect');
  });
});

describe('nslookup', () => {
  it('answers a Service name through the search list, NXDOMAIN for the other domains', async () => {
    const c = await cluster();
    const r = await run(c, inProbe('nslookup web'));
    expect(r.lines.slice(0, 6)).toEqual(['Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '', 'Name:\tweb.shop.svc.cluster.local', 'Address: 10.96.100.10', '']);
    expect(r.lines).toContain("** server can't find web.svc.cluster.local: NXDOMAIN");
    // busybox exits 1 when any of its queries got NXDOMAIN, as the search list makes it.
    expect(r.code).toBe(1);
    const fq = await run(c, inProbe('nslookup web.shop.svc.cluster.local'));
    expect(fq.code).toBe(0);
    expect(fq.lines).toEqual(['Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '', 'Name:\tweb.shop.svc.cluster.local', 'Address: 10.96.100.10', '', '']);
  });

  it('an unknown name is NXDOMAIN; blocked DNS times out', async () => {
    const c = await cluster();
    expect((await run(c, inProbe('nslookup nosuch.example'))).lines).toEqual([
      'Server:\t\t10.96.0.10',
      'Address:\t10.96.0.10:53',
      '',
      "** server can't find nosuch.example: NXDOMAIN",
      '',
      "** server can't find nosuch.example: NXDOMAIN",
      '',
      'command terminated with exit code 1',
    ]);
    await play(c, DENY_EGRESS);
    expect((await run(c, inProbe('nslookup google.com'))).lines).toEqual([';; connection timed out; no servers could be reached', '', 'command terminated with exit code 1']);
  });

  it('a Service IP resolves back to its name', async () => {
    const c = await cluster();
    expect((await run(c, inProbe('nslookup 10.96.0.10'))).lines[3]).toBe('10.0.96.10.in-addr.arpa\tname = kube-dns.kube-system.svc.cluster.local');
  });
});

describe('curl', () => {
  it('exit codes 0, 7, 28 and 6 with curl\'s messages; -s hides them, -sS shows them', async () => {
    const c = await cluster();
    expect((await run(c, inProbe('curl -s http://web'))).out).toContain(NGINX_TITLE);
    const web = (await run(c, "kubectl get pods -n shop -l app=web -o jsonpath='{.items[0].status.podIP}'")).out;
    expect((await run(c, inProbe(`curl -sS http://${web}:81`))).lines).toEqual([`curl: (7) Failed to connect to ${web} port 81 after 1 ms: Couldn't connect to server`, 'command terminated with exit code 7']);
    expect((await run(c, inProbe('curl -sS --connect-timeout 3 http://web:81'))).lines).toEqual(['curl: (28) Failed to connect to web port 81 after 3002 ms: Timeout was reached', 'command terminated with exit code 28']);
    expect((await run(c, inProbe('curl -sS http://nosuch'))).lines).toEqual(['curl: (6) Could not resolve host: nosuch', 'command terminated with exit code 6']);
    expect((await run(c, inProbe('curl -s http://nosuch'))).lines).toEqual(['command terminated with exit code 6']);
    const meter = (await run(c, inProbe('curl http://web'))).lines;
    expect(meter[0]).toMatch(/^ {2}% Total {4}% Received % Xferd/);
  });
});

describe('the other tools', () => {
  it('resolv.conf, hostname, env, sleep, echo, sh -c', async () => {
    const c = await cluster();
    expect((await run(c, inProbe('cat /etc/resolv.conf'))).lines).toEqual(['search shop.svc.cluster.local svc.cluster.local cluster.local', 'nameserver 10.96.0.10', 'options ndots:5']);
    expect((await run(c, inProbe('hostname'))).out).toBe('probe');
    expect((await run(c, inProbe('env'))).lines).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect((await run(c, inProbe('sleep 1'))).code).toBe(0);
    expect((await run(c, inProbe("sh -c 'echo a; echo b | grep b && echo ok'"))).lines).toEqual(['a', 'b', 'ok']);
    expect((await run(c, inProbe('frobnicate'))).out).toMatch(/exec: "frobnicate": executable file not found in \$PATH: unknown$/);
  });

  it('CoreDNS has no shell: exec into it finds nothing', async () => {
    const c = newConsole();
    expect((await run(c, 'kubectl exec -n kube-system deploy/coredns -- sh')).out).toMatch(/exec: "sh": executable file not found in \$PATH: unknown$/);
  });
});

describe('time-outs', () => {
  it('are reported at once by default and advance the console clock by their length', async () => {
    const c = await cluster();
    await run(c, inProbe('nc -zv -w 3 web 81'));
    const age = (await run(c, 'kubectl get pod probe -n shop --no-headers')).lines[0].split(/\s+/)[4];
    expect(age).toBe('3s');
    await run(c, inProbe('sleep 120'));
    expect((await run(c, 'kubectl get pod probe -n shop --no-headers')).lines[0].split(/\s+/)[4]).toBe('2m3s');
  });
});

describe('nginx logs', () => {
  it('kubectl logs shows one access line per request that reached the pod, none for a dropped one', async () => {
    const c = await cluster();
    const probeIp = (await run(c, "kubectl get pod probe -n shop -o jsonpath='{.status.podIP}'")).out;
    await run(c, inProbe('wget -qO- -T 3 http://web'));
    await run(c, inProbe('curl -s http://web/nope'));
    await play(c, 'cat <<EOF | kubectl apply -f -\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {matchLabels: {app: web}}}\nEOF\n');
    await run(c, inProbe('wget -qO- -T 3 http://web'));
    const access = (await run(c, 'kubectl logs -n shop deploy/web')).lines.filter((l) => l.includes('"GET '));
    expect(access).toEqual([
      `${probeIp} - - [01/Dec/2026:22:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"`,
      `${probeIp} - - [01/Dec/2026:22:00:00 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/8.5.0" "-"`,
    ]);
  });
});

describe('busybox 1.28 (the image the Kubernetes DNS docs use)', () => {
  it('has the old nslookup: libc search path, "Address 1:", can\'t resolve on failure', async () => {
    const c = newConsole();
    await run(c, 'kubectl run old --image=busybox:1.28 -- sleep 3600');
    expect((await run(c, 'kubectl exec old -- nslookup kubernetes.default')).lines).toEqual([
      'Server:    10.96.0.10',
      'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local',
      '',
      'Name:      kubernetes.default',
      'Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local',
    ]);
    expect((await run(c, 'kubectl exec old -- nslookup nosuch')).lines.slice(3)).toEqual(["nslookup: can't resolve 'nosuch'", 'command terminated with exit code 1']);
    await play(c, 'cat <<EOF | kubectl apply -f -\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: d}\nspec: {podSelector: {}, policyTypes: [Egress]}\nEOF\n');
    expect((await run(c, 'kubectl exec old -- nslookup google.com')).lines).toEqual(['Server:    10.96.0.10', 'Address 1: 10.96.0.10', '', "nslookup: can't resolve 'google.com'", 'command terminated with exit code 1']);
  });

  it('while today\'s busybox does not search a dotted name', async () => {
    const c = newConsole();
    await run(c, 'kubectl run new --image=busybox -- sleep 3600');
    expect((await run(c, 'kubectl exec new -- nslookup kubernetes.default')).lines).toContain("** server can't find kubernetes.default: NXDOMAIN");
  });
});
