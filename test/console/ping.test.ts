// busybox 1.37 ping (networking/ping.c) against the policy engine. NetworkPolicy ports name
// TCP, UDP or SCTP, so ICMP passes only rules that list no ports; an isolated pod that no
// such rule admits drops the echo. Words and exit codes from ping.c: "PING %s (%s): %d data
// bytes", "%d bytes from %s: seq=%u ttl=%d time=...", print_stats_and_exit's statistics
// and exit(nrecv == 0 || (deadline && nrecv < count)).
import { describe, expect, it } from 'vitest';
import { newConsole, play, run } from './helpers.js';

const SETUP = `kubectl create namespace netpol-test
kubectl create deployment web --image=nginx -n netpol-test
kubectl expose deployment web --port=80 -n netpol-test
kubectl create deployment client --image=busybox -n netpol-test -- sleep 3600
`;

const policy = (name: string, body: string) => `cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: netpol-test
spec:
${body}EOF
`;

async function cluster() {
  const c = newConsole();
  await play(c, SETUP);
  const ip = (await run(c, "kubectl get pods -n netpol-test -l app=web -o jsonpath='{.items[0].status.podIP}'")).out;
  return { c, ip, ping: (args: string) => run(c, `kubectl exec -n netpol-test deploy/client -- ping ${args}`) };
}

function lost(ip: string, host = ip, n = 2): string[] {
  return [`PING ${host} (${ip}): 56 data bytes`, '', `--- ${host} ping statistics ---`, `${n} packets transmitted, 0 packets received, 100% packet loss`, 'command terminated with exit code 1'];
}

describe('busybox ping', () => {
  it('answers between pods no policy isolates: one echo a second, TTL 63 through the node, the statistics', async () => {
    const { ip, ping } = await cluster();
    const r = await ping(`-c 3 ${ip}`);
    expect(r.lines[0]).toBe(`PING ${ip} (${ip}): 56 data bytes`);
    expect(r.lines.slice(1, 4).map((l) => l.replace(/time=\d+\.\d{3} ms$/, 'time=T ms'))).toEqual([0, 1, 2].map((s) => `64 bytes from ${ip}: seq=${s} ttl=63 time=T ms`));
    expect(r.lines.slice(4, 7)).toEqual(['', `--- ${ip} ping statistics ---`, '3 packets transmitted, 3 packets received, 0% packet loss']);
    expect(r.lines[7]).toMatch(/^round-trip min\/avg\/max = \d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3} ms$/);
    expect(r.lines).toHaveLength(8);
    expect(r.code).toBe(0);
  });

  it('loses every echo to a pod isolated for ingress (deny-all-ingress): 100% loss, exit 1', async () => {
    const { c, ip, ping } = await cluster();
    await play(c, policy('deny-all-ingress', '  podSelector: {}\n  policyTypes:\n  - Ingress\n'));
    const r = await ping(`-c 2 ${ip}`);
    expect(r.lines).toEqual(lost(ip));
    expect(r.code).toBe(1);
  });

  it('a rule with ports admits TCP, not ICMP: wget works, ping is lost', async () => {
    const { c, ip, ping } = await cluster();
    await play(c, policy('allow-client-to-web', '  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: client\n    ports:\n    - port: 80\n      protocol: TCP\n'));
    expect((await run(c, 'kubectl exec -n netpol-test deploy/client -- wget -qO- --timeout=3 http://web')).code).toBe(0);
    expect((await ping(`-c 2 ${ip}`)).lines).toEqual(lost(ip));
  });

  it('a rule without ports admits every protocol, ICMP too', async () => {
    const { c, ip, ping } = await cluster();
    await play(c, policy('allow-client', '  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Ingress\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: client\n'));
    const r = await ping(`-c 1 ${ip}`);
    expect(r.lines[1]).toMatch(new RegExp(`^64 bytes from ${ip.replace(/\./g, '\\.')}: seq=0 ttl=63 time=`));
    expect(r.code).toBe(0);
  });

  it('an egress deny drops the echo at the sender', async () => {
    const { c, ip, ping } = await cluster();
    await play(c, policy('deny-all-egress', '  podSelector: {}\n  policyTypes:\n  - Egress\n'));
    expect((await ping(`-c 2 ${ip}`)).lines).toEqual(lost(ip));
  });

  it('a Service name resolves, but its ClusterIP answers no echo (kube-proxy forwards only the Service ports)', async () => {
    const { ping } = await cluster();
    expect((await ping('-c 2 web')).lines).toEqual(lost('10.96.100.10', 'web'));
  });

  it('a name that does not resolve: bad address; with DNS egress denied too', async () => {
    const { c, ping } = await cluster();
    expect((await ping('-c 1 nope')).lines).toEqual(["ping: bad address 'nope'", 'command terminated with exit code 1']);
    await play(c, policy('deny-all-egress', '  podSelector: {}\n  policyTypes:\n  - Egress\n'));
    expect((await ping('-c 1 web')).lines).toEqual(["ping: bad address 'web'", 'command terminated with exit code 1']);
  });

  it('-q prints only the first line and the statistics; -s sets the data size', async () => {
    const { ip, ping } = await cluster();
    const q = await ping(`-q -c 2 ${ip}`);
    expect(q.lines.slice(0, 4)).toEqual([`PING ${ip} (${ip}): 56 data bytes`, '', `--- ${ip} ping statistics ---`, '2 packets transmitted, 2 packets received, 0% packet loss']);
    const s = await ping(`-c 1 -s 100 ${ip}`);
    expect(s.lines[0]).toBe(`PING ${ip} (${ip}): 100 data bytes`);
    expect(s.lines[1]).toMatch(new RegExp(`^108 bytes from ${ip.replace(/\./g, '\\.')}: seq=0 `));
  });

  it('without -c or -w it runs until Ctrl+C, which the console presses after four echoes', async () => {
    const { ip, ping } = await cluster();
    const r = await ping(ip);
    expect(r.lines.filter((l) => l.startsWith('64 bytes from'))).toHaveLength(4);
    expect(r.lines.slice(5, 8)).toEqual(['^C', `--- ${ip} ping statistics ---`, '4 packets transmitted, 4 packets received, 0% packet loss']);
    expect(r.code).toBe(0);
  });

  it('usage and bad numbers as busybox says them', async () => {
    const { ping } = await cluster();
    const u = await ping('');
    expect(u.lines.slice(0, 3)).toEqual(['BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.', '', 'Usage: ping [OPTIONS] HOST']);
    expect(u.code).toBe(1);
    expect((await ping('-c x web')).lines).toEqual(["ping: invalid number 'x'", 'command terminated with exit code 1']);
  });

  it('is a program of the busybox pod shell', async () => {
    const { c, ip } = await cluster();
    await run(c, 'kubectl exec -it -n netpol-test deploy/client -- sh');
    const r = await run(c, `ping -c 1 ${ip}`);
    expect(r.lines[0]).toBe(`PING ${ip} (${ip}): 56 data bytes`);
    expect(r.code).toBe(0);
  });
});
