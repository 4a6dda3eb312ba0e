// The module's 7.1 and 7.2 checklists. Typed verbatim, the <placeholders> are shell
// redirections and syntax errors, as in a real shell; with the placeholders filled in from
// Exercise 1's cluster, each step shows what the checklist says it checks.
import { describe, expect, it } from 'vitest';
import { NGINX_TITLE, moduleScript, newConsole, play, run } from './helpers.js';

const SETUP = `kubectl create namespace netpol-test
kubectl create deployment web --image=nginx -n netpol-test
kubectl expose deployment web --port=80 -n netpol-test
kubectl create deployment client --image=busybox -n netpol-test -- sleep 3600
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all-ingress
  namespace: netpol-test
spec:
  podSelector: {}
  policyTypes:
  - Ingress
EOF
`;

function fill(script: string, values: Record<string, string>): string {
  return script.replace(/<([a-z-]+)>/gi, (m, k: string) => values[k] ?? m);
}

describe('7.2 debugging checklist with its placeholders filled in', () => {
  it('lists, describes, selects, shows labels, finds the CNI and tests connectivity', async () => {
    const c = newConsole();
    await play(c, SETUP);
    const webIp = (await run(c, "kubectl get pods -n netpol-test -l app=web -o jsonpath='{.items[0].status.podIP}'")).out;
    expect(webIp).toMatch(/^10\.244\.\d+\.\d+$/);
    const script = fill(moduleScript('7.2'), {
      namespace: 'netpol-test',
      name: 'deny-all-ingress',
      'selector-from-podSelector': 'app=web',
      'source-namespace': 'netpol-test',
      'target-ip': webIp,
      port: '80',
    });
    const { steps } = await play(c, script);
    const by = (prefix: string) => steps.filter((s) => s.command.startsWith(prefix));
    for (const s of by('kubectl get networkpolicies').concat(by('kubectl get netpol'))) {
      expect(s.lines[0]).toMatch(/^NAME\s+POD-SELECTOR\s+AGE$/);
      expect(s.lines[1]).toMatch(/^deny-all-ingress\s+<none>\s+\d+s$/);
    }
    const described = by('kubectl describe netpol')[0].lines;
    expect(described).toContain('  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)');
    expect(described).toContain('    <none> (Selected pods are isolated for ingress connectivity)');
    expect(by('kubectl get pods -n netpol-test -l app=web')[0].lines[1]).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+/);
    const labels = by('kubectl get pods -n netpol-test --show-labels')[0].lines;
    expect(labels[0]).toMatch(/LABELS$/);
    expect(labels.some((l) => /app=client,pod-template-hash=/.test(l))).toBe(true);
    const ns = by('kubectl get namespaces --show-labels')[0].lines;
    expect(ns.some((l) => /^netpol-test\s+Active\s+\S+\s+kubernetes\.io\/metadata\.name=netpol-test$/.test(l))).toBe(true);
    const cni = by('kubectl get pods -n kube-system | grep')[0].lines;
    expect(cni.length).toBeGreaterThanOrEqual(2);
    expect(cni.every((l) => /^calico-/.test(l))).toBe(true);
    // deny-all-ingress drops the SYN: busybox nc -w3 reports the time-out.
    const nc = by('kubectl run test')[0];
    expect(nc.lines).toEqual([`nc: ${webIp} (${webIp}:80): Connection timed out`, 'pod "test" deleted from default namespace', 'pod default/test terminated (Error)']);
    expect(nc.exitCode).toBe(1);
  });
});

describe('7.1 testing connectivity', () => {
  it('runs the test commands inside the busybox pod opened by kubectl run -it -- sh', async () => {
    const c = newConsole();
    await play(c, SETUP.split('cat <<EOF')[0]);
    const webIp = (await run(c, "kubectl get pod -n netpol-test -l app=web -o jsonpath='{.items[*].status.podIP}'")).out;
    const script = fill(moduleScript('7.1'), { 'target-pod-ip': webIp, port: '80', 'service-name': 'web.netpol-test', service: 'web', 'target-ns': 'netpol-test', namespace: 'netpol-test' });
    // The script opens a shell in pod test; the next commands are typed there, then `exit`.
    const lines = script.split('\n');
    const at = lines.findIndex((l) => l.startsWith('# Test from a specific namespace'));
    const withExit = [...lines.slice(0, at), 'exit', ...lines.slice(at)].join('\n');
    const { steps } = await play(c, withExit);
    expect(steps[0].lines).toEqual(["If you don't see a command prompt, try pressing enter."]);
    expect(steps[1].command).toBe(`nc -zv ${webIp} 80`);
    expect(steps[1].lines).toEqual([`${webIp} (${webIp}:80) open`]);
    expect(steps[2].lines.join('\n')).toContain(NGINX_TITLE);
    expect(steps[3].lines).toEqual(['pod "test" deleted from default namespace']);
    const fromNs = steps[4];
    expect(fromNs.command.split('\n')[0]).toBe('kubectl run test -n netpol-test --image=busybox -it --rm --restart=Never -- \\');
    expect(fromNs.lines[fromNs.lines.length - 1]).toBe('pod "test" deleted from netpol-test namespace');
    expect(fromNs.lines.join('\n')).toContain(NGINX_TITLE);
  });

  it('typed verbatim, placeholders are what a shell makes of them', async () => {
    const c = newConsole();
    const { steps } = await play(c, moduleScript('7.2'));
    expect(steps[0].lines).toEqual(["bash: syntax error near unexpected token `newline'"]);
    const src = steps.find((s) => s.command.includes('<source-namespace>'))!;
    expect(src.lines).toEqual(['bash: source-namespace: No such file or directory']);
    const last = steps[steps.length - 1];
    expect(last.lines).toEqual(["bash: syntax error near unexpected token `<'"]);
  });
});

describe('7.1 typed verbatim into a script, without exit', () => {
  it('the kubectl command after the pod shell runs at the cluster prompt (the pod shell ends first)', async () => {
    const c = newConsole();
    await play(c, 'kubectl create namespace netpol-test\nkubectl create deployment web --image=nginx -n netpol-test\nkubectl expose deployment web --port=80 -n netpol-test\n');
    const script = moduleScript('7.1').replace(/<target-pod-ip>/g, 'web.netpol-test').replace(/<port>/g, '80').replace(/<service-name>/g, 'web.netpol-test').replace(/<namespace>/g, 'netpol-test').replace(/<service>/g, 'web').replace(/<target-ns>/g, 'netpol-test');
    const { steps } = await play(c, script);
    expect(steps.map((s) => s.command.split('\n')[0])).toEqual([
      'kubectl run test --image=busybox -it --rm --restart=Never -- sh',
      'nc -zv web.netpol-test 80',
      'wget -qO- --timeout=3 http://web.netpol-test:80',
      '',
      'kubectl run test -n netpol-test --image=busybox -it --rm --restart=Never -- \\',
    ]);
    expect(steps[1].lines).toEqual(['web.netpol-test (10.96.100.10:80) open']);
    expect(steps[3].lines).toEqual(['pod "test" deleted from default namespace']);
    expect(steps[4].lines.join('\n')).toContain(NGINX_TITLE);
  });
});
