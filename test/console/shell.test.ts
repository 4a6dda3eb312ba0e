// The prompt's shell: here-documents, continuation, comments, ; && ||, pipes into the text
// filters, redirections, variables, aliases, history and clear; and how a script is split
// into the commands a person would type.
import { describe, expect, it } from 'vitest';
import { splitCommands } from '../../src/core/console/index.js';
import { newConsole, run } from './helpers.js';

describe('splitting a script into commands', () => {
  it('keeps here-documents, continued lines and open quotes together; drops comments and blank lines', () => {
    const script = "# a comment\n\nkubectl get ns\ncat <<EOF | kubectl apply -f -\nkind: X\nEOF\nkubectl create deployment c --image=busybox \\\n  -- sleep 3600\necho 'two\nlines'\nkubectl get pods # trailing comment\n";
    expect(splitCommands(script)).toEqual([
      'kubectl get ns',
      'cat <<EOF | kubectl apply -f -\nkind: X\nEOF',
      'kubectl create deployment c --image=busybox \\\n  -- sleep 3600',
      "echo 'two\nlines'",
      'kubectl get pods # trailing comment',
    ]);
  });

  it('a here-document left open runs to the end of the script', () => {
    expect(splitCommands('cat <<EOF\nabc\n')).toEqual(['cat <<EOF\nabc']);
  });
});

describe('the shell', () => {
  it('here-documents expand variables unless the delimiter is quoted; <<- strips tabs', async () => {
    const c = newConsole();
    await run(c, 'export NAME=web');
    expect((await run(c, 'cat <<EOF\nname: $NAME\nEOF')).out).toBe('name: web');
    expect((await run(c, "cat <<'EOF'\nname: $NAME\nEOF")).out).toBe('name: $NAME');
    expect((await run(c, 'cat <<-END\n\tindented\n\tEND')).out).toBe('indented');
  });

  it('pipes into grep -E/-i/-v/-c, head -n, tail, wc -l, sort, awk', async () => {
    const c = newConsole();
    const pods = 'kubectl get pods -n kube-system';
    expect((await run(c, `${pods} | grep -E "calico|cilium" | wc -l`)).out).toBe('3');
    expect((await run(c, `${pods} | grep -c -i COREDNS`)).out).toBe('2');
    expect((await run(c, `${pods} | grep -v Running`)).lines[0]).toMatch(/^NAME\s+READY/);
    expect((await run(c, `${pods} | head -n 2`)).lines).toHaveLength(2);
    expect((await run(c, `${pods} | head -3 | tail -1`)).lines[0]).toMatch(/^calico-node-/);
    expect((await run(c, `${pods} | awk '{print $1}' | grep proxy | sort -r`)).lines.every((l) => l.startsWith('kube-proxy-'))).toBe(true);
    expect(await run(c, `${pods} | grep cilium`)).toMatchObject({ out: '', code: 1 });
    expect((await run(c, 'echo a | grep "a\\|b"')).out).toBe('a');
  });

  it('grep -A/-B/-C print context as GNU grep does: "-" on context lines, "--" between groups', async () => {
    const c = newConsole();
    await run(c, "printf 'a\\nFrom 1\\nb\\nc\\nd\\ne\\nFrom 2\\nf\\n' > x.txt");
    expect((await run(c, 'grep -A1 From x.txt')).lines).toEqual(['From 1', 'b', '--', 'From 2', 'f']);
    expect((await run(c, 'grep -B 1 -n From x.txt')).lines).toEqual(['1-a', '2:From 1', '--', '6-e', '7:From 2']);
    expect((await run(c, "grep -C1 'From 2' x.txt")).lines).toEqual(['e', 'From 2', 'f']);
    // Context that reaches the next match joins the groups.
    expect((await run(c, 'grep -A4 From x.txt')).lines).toEqual(['From 1', 'b', 'c', 'd', 'e', 'From 2', 'f']);
    expect((await run(c, "grep --after-context=2 'From 1' x.txt")).lines).toEqual(['From 1', 'b', 'c']);
    expect(await run(c, 'grep -A x From x.txt 2>&1')).toMatchObject({ code: 2, out: 'grep: x: invalid context length argument' });
    expect((await run(c, 'kubectl describe ns kube-system | grep -A1 Labels')).lines).toEqual([expect.stringMatching(/^Labels:\s+kubernetes.io\/metadata.name=kube-system$/), expect.stringMatching(/^Annotations:/)]);
  });

  it('; && || and $? as bash runs them', async () => {
    const c = newConsole();
    expect((await run(c, 'false && echo no; echo $?')).out).toBe('1');
    expect((await run(c, 'false || echo yes')).out).toBe('yes');
    expect((await run(c, 'kubectl get ns nope; echo "status $?"')).lines).toEqual(['Error from server (NotFound): namespaces "nope" not found', 'status 1']);
  });

  it('redirections write and read files; 2>&1 joins stderr into a pipe', async () => {
    const c = newConsole();
    await run(c, 'echo hello > f.txt');
    await run(c, 'echo again >> f.txt');
    expect((await run(c, 'cat f.txt')).lines).toEqual(['hello', 'again']);
    expect((await run(c, 'grep again < f.txt')).out).toBe('again');
    expect((await run(c, 'kubectl get ns nope 2>&1 | grep -c NotFound')).out).toBe('1');
    expect((await run(c, 'kubectl get ns nope 2>/dev/null')).out).toBe('');
    expect((await run(c, 'cat < missing.txt')).out).toBe('bash: missing.txt: No such file or directory');
  });

  it('syntax errors, unknown commands, unterminated input', async () => {
    const c = newConsole();
    expect(await run(c, 'kubectl get pods -n <namespace>')).toMatchObject({ out: "bash: syntax error near unexpected token `newline'", code: 2 });
    expect(await run(c, 'kubctl get pods')).toMatchObject({ out: 'bash: kubctl: command not found', code: 127 });
    expect(c.needsMore('cat <<EOF\nabc')).toBe(true);
    expect(c.needsMore("echo 'open")).toBe(true);
    expect(c.needsMore('kubectl get \\')).toBe(true);
    expect(c.needsMore('kubectl get pods |')).toBe(true);
    expect(c.needsMore('kubectl get pods')).toBe(false);
  });

  it('alias k=kubectl style aliases, history, clear, exit', async () => {
    const c = newConsole();
    await run(c, 'alias kgp="kubectl get pods"');
    expect((await run(c, 'kgp -n kube-system | grep -c coredns')).out).toBe('2');
    expect((await run(c, 'history')).lines).toEqual(['    1  alias kgp="kubectl get pods"', '    2  kgp -n kube-system | grep -c coredns', '    3  history']);
    expect(c.history).toHaveLength(3);
    const cleared = await c.runLine('clear');
    expect(cleared.clear).toBe(true);
    expect((await c.runLine('exit')).exit).toBe(true);
  });
});

describe('completion', () => {
  it('completes commands, subcommands, resource types, names and namespaces', async () => {
    const c = newConsole();
    await run(c, 'kubectl create ns shop');
    await run(c, 'kubectl create deployment web --image=nginx -n shop');
    expect(c.complete('kub').candidates).toEqual(['kubectl']);
    expect(c.complete('kubectl desc').candidates).toEqual(['describe']);
    expect(c.complete('kubectl get net').candidates).toEqual(['netpol', 'networkpolicies', 'networkpolicy']);
    expect(c.complete('kubectl get deploy -n sh').candidates).toEqual(['shop']);
    expect(c.complete('kubectl get deploy -n shop w').candidates).toEqual(['web']);
    expect(c.complete('k exec -n shop deploy/').candidates).toEqual(['deploy/web']);
    expect(c.complete('kubectl get pods -o ya').candidates).toEqual(['yaml']);
    expect(c.complete('kubectl get pods --show-l').candidates).toEqual(['--show-labels']);
    // get also offers the kinds it derives; describe does not.
    expect(c.complete('kubectl get daemon').candidates).toEqual(['daemonsets']);
    expect(c.complete('kubectl describe daemon').candidates).toEqual([]);
    expect(c.complete('kubectl get pods -o custom').candidates).toEqual(['custom-columns=']);
  });
});

describe('command substitution and assignments', () => {
  it('POD=$(kubectl get ...) then kubectl exec $POD, and backquotes', async () => {
    const c = newConsole();
    await run(c, 'kubectl create ns a');
    await run(c, 'kubectl create deployment web --image=nginx -n a');
    await run(c, 'kubectl run probe --image=busybox -n a -- sleep 3600');
    await run(c, "POD=$(kubectl get pod -n a -l run=probe -o jsonpath='{.items[0].metadata.name}')");
    expect((await run(c, 'echo $POD')).out).toBe('probe');
    const ip = (await run(c, "echo `kubectl get pod -n a -l app=web -o jsonpath='{.items[0].status.podIP}'`")).out;
    expect(ip).toMatch(/^10\.244\./);
    expect((await run(c, `kubectl exec -n a $POD -- nc -zv -w 1 $(kubectl get pod -n a -l app=web -o jsonpath='{.items[0].status.podIP}') 80`)).out).toBe(`${ip} (${ip}:80) open`);
    expect((await run(c, 'X="a b"; echo "$X" | wc -w')).out).toBe('2');
  });
});

describe('PromptSession (what a terminal or a pane drives)', () => {
  it('collects a here-document line by line with "> ", then runs it; the transcript holds prompts and output', async () => {
    const { PromptSession } = await import('../../src/core/console/index.js');
    const s = new PromptSession(newConsole());
    expect(s.prompt()).toBe('controlplane:~$ ');
    expect((await s.enter('cat <<EOF | kubectl apply -f -')).result).toBeNull();
    expect(s.prompt()).toBe('> ');
    for (const l of ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: deny}', 'spec: {podSelector: {}}']) expect((await s.enter(l)).result).toBeNull();
    const done = await s.enter('EOF');
    expect(done.lines).toBe(6);
    expect(done.result?.lines).toEqual(['networkpolicy.networking.k8s.io/deny created']);
    expect(s.transcript[0]).toBe('controlplane:~$ cat <<EOF | kubectl apply -f -');
    expect(s.transcript[1]).toBe('> apiVersion: networking.k8s.io/v1');
    expect(s.transcript[s.transcript.length - 1]).toBe('networkpolicy.networking.k8s.io/deny created');
    await s.enter('echo "open');
    s.cancel();
    expect(s.continuing).toBe(false);
    expect((await s.enter('clear')).result?.clear).toBe(true);
    expect(s.transcript).toEqual([]);
  });
});

describe('more of bash', () => {
  it('printf, an unterminated here-document at end of input, get -o yaml of a missing object', async () => {
    const c = newConsole();
    expect((await run(c, "printf 'apiVersion: v1\\nkind: Namespace\\nmetadata: {name: %s}\\n' shop | kubectl apply -f -")).out).toBe('namespace/shop created');
    expect((await run(c, 'printf "%s-%d\\n" a 1 b 2')).lines).toEqual(['a-1', 'b-2']);
    expect((await run(c, 'cat <<EOF\nno end')).lines).toEqual(["bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')", 'no end']);
    expect((await run(c, 'kubectl get pod nope -o yaml')).lines).toEqual(['Error from server (NotFound): pods "nope" not found']);
  });

  it('the API server puts the kubernetes Service back when it is deleted', async () => {
    const c = newConsole();
    expect((await run(c, 'kubectl delete svc kubernetes')).out).toBe('service "kubernetes" deleted from default namespace');
    expect((await run(c, "kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}'")).out).toBe('10.96.0.1');
  });
});
