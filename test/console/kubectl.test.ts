// kubectl's subcommands against the simulated API server: the words, columns and exit
// codes kubectl has, command by command.
import { describe, expect, it } from 'vitest';
import { newConsole, run, play } from './helpers.js';

const DENY = `cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes:
  - Ingress
EOF`;

async function shop() {
  const c = newConsole();
  await play(c, 'kubectl create namespace shop\nkubectl create deployment web --image=nginx -n shop\nkubectl expose deployment web --port=80 -n shop\n');
  return c;
}

describe('kubectl create and expose', () => {
  it('creates namespaces with the automatic label, refuses duplicates', async () => {
    const c = newConsole();
    expect(await run(c, 'kubectl create namespace shop')).toMatchObject({ out: 'namespace/shop created', code: 0 });
    expect(await run(c, 'kubectl create ns shop')).toMatchObject({ out: 'Error from server (AlreadyExists): namespaces "shop" already exists', code: 1 });
    expect((await run(c, 'kubectl get ns shop --show-labels')).lines[1]).toMatch(/^shop\s+Active\s+0s\s+kubernetes\.io\/metadata\.name=shop$/);
    expect((await run(c, 'kubectl create namespace Shop')).out).toMatch(/^The Namespace "Shop" is invalid: metadata\.name: Invalid value: "Shop": a lowercase RFC 1123 label must consist of/);
  });

  it('creates a deployment whose pods are named and labelled like a ReplicaSet\'s', async () => {
    const c = newConsole();
    await run(c, 'kubectl create ns shop');
    expect((await run(c, 'kubectl create deployment web --image=nginx --replicas=2 -n shop')).out).toBe('deployment.apps/web created');
    const rs = (await run(c, 'kubectl get rs -n shop -o name')).lines;
    expect(rs).toHaveLength(1);
    const hash = rs[0].replace('replicaset.apps/web-', '');
    const pods = (await run(c, 'kubectl get pods -n shop --show-labels --no-headers')).lines;
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}\\s+1/1\\s+Running\\s+0\\s+0s\\s+app=web,pod-template-hash=${hash}$`));
    expect((await run(c, 'kubectl create deployment web --image=nginx -n shop')).out).toBe('error: failed to create deployment: deployments.apps "web" already exists');
    expect((await run(c, 'kubectl create deployment x --image=nginx -n nowhere')).out).toBe('error: failed to create deployment: namespaces "nowhere" not found');
    expect((await run(c, 'kubectl create deployment x -n shop')).out).toBe('error: required flag(s) "image" not set');
  });

  it('exposes a deployment on its selector; without --port it needs a container port', async () => {
    const c = newConsole();
    await play(c, 'kubectl create ns shop\nkubectl create deployment web --image=nginx -n shop\nkubectl create deployment api --image=nginx --port=8080 -n shop\n');
    expect((await run(c, 'kubectl expose deployment web -n shop')).out).toBe("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples");
    expect((await run(c, 'kubectl expose deploy/api -n shop')).out).toBe('service/api exposed');
    expect((await run(c, 'kubectl expose deployment web --port=80 --target-port=8080 --name=front -n shop')).out).toBe('service/front exposed');
    expect((await run(c, 'kubectl get svc -n shop -o wide')).lines).toEqual([
      'NAME    TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE   SELECTOR',
      'api     ClusterIP   10.96.100.10   <none>        8080/TCP   0s    app=api',
      'front   ClusterIP   10.96.100.11   <none>        80/TCP     0s    app=web',
    ]);
    expect((await run(c, 'kubectl expose deployment web --port=80 --name=front -n shop')).out).toBe('Error from server (AlreadyExists): services "front" already exists');
  });
});

describe('kubectl get', () => {
  it('prints aligned columns for each kind, -A adds NAMESPACE, empty lists say so', async () => {
    const c = await shop();
    await play(c, DENY);
    expect((await run(c, 'kubectl get netpol -n shop')).lines).toEqual(['NAME   POD-SELECTOR   AGE', 'deny   <none>         0s']);
    expect((await run(c, 'kubectl get networkpolicies.networking.k8s.io -A')).lines).toEqual(['NAMESPACE   NAME   POD-SELECTOR   AGE', 'shop        deny   <none>         0s']);
    expect((await run(c, 'kubectl get deploy -n shop')).lines).toEqual(['NAME   READY   UP-TO-DATE   AVAILABLE   AGE', 'web    1/1     1            1           0s']);
    expect(await run(c, 'kubectl get netpol')).toMatchObject({ out: 'No resources found in default namespace.', code: 0 });
    expect(await run(c, 'kubectl get pods -A -l app=nothing')).toMatchObject({ out: 'No resources found', code: 0 });
    expect(await run(c, 'kubectl get netpol nope -n shop')).toMatchObject({ out: 'Error from server (NotFound): networkpolicies.networking.k8s.io "nope" not found', code: 1 });
    expect(await run(c, 'kubectl get widgets')).toMatchObject({ out: 'error: the server doesn\'t have a resource type "widgets"', code: 1 });
  });

  it('filters with -l (=, !=, in, notin, exists, !key)', async () => {
    const c = newConsole();
    await play(c, 'kubectl create ns x\nkubectl run a --image=nginx -n x --labels=tier=web,env=prod\nkubectl run b --image=nginx -n x --labels=tier=db\nkubectl run c --image=nginx -n x --labels=env=dev\n');
    const names = async (sel: string) => (await run(c, `kubectl get pods -n x -l '${sel}' -o name`)).lines;
    expect(await names('tier=web')).toEqual(['pod/a']);
    expect(await names('tier!=web')).toEqual(['pod/b', 'pod/c']);
    expect(await names('env in (prod,dev)')).toEqual(['pod/a', 'pod/c']);
    expect(await names('env notin (prod)')).toEqual(['pod/b', 'pod/c']);
    expect(await names('tier')).toEqual(['pod/a', 'pod/b']);
    expect(await names('!tier')).toEqual(['pod/c']);
    expect(await names('tier=web,env=prod')).toEqual(['pod/a']);
  });

  it('-o yaml, -o json and -o name; several kinds get kind/ prefixes and a blank line between', async () => {
    const c = await shop();
    await play(c, DENY);
    const yaml = (await run(c, 'kubectl get netpol deny -n shop -o yaml')).lines;
    expect(yaml.slice(0, 2)).toEqual(['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy']);
    expect(yaml.slice(-4)).toEqual(['spec:', '  podSelector: {}', '  policyTypes:', '  - Ingress']);
    expect(yaml).toContain('  namespace: shop');
    const json = JSON.parse((await run(c, 'kubectl get netpol -n shop -o json')).out);
    expect(json.kind).toBe('List');
    expect(json.items[0].spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect((await run(c, 'kubectl get netpol,svc -n shop -o name')).lines).toEqual(['networkpolicy.networking.k8s.io/deny', 'service/web']);
    const both = (await run(c, 'kubectl get deploy,svc -n shop')).lines;
    expect(both[0]).toMatch(/^NAME\s+READY/);
    expect(both[1]).toMatch(/^deployment\.apps\/web\s+1\/1/);
    expect(both[2]).toBe('');
    expect(both[4]).toMatch(/^service\/web\s+ClusterIP/);
  });

  it('-o jsonpath with range and literals', async () => {
    const c = await shop();
    const ip = (await run(c, "kubectl get svc web -n shop -o jsonpath='{.spec.clusterIP}'")).out;
    expect(ip).toBe('10.96.100.10');
    const out = (await run(c, `kubectl get ns -o jsonpath='{range .items[*]}{.metadata.name}{"\\n"}{end}'`)).lines;
    expect(out).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'shop']);
    expect((await run(c, 'kubectl get pods -o yml')).out).toMatch(/^error: unable to match a printer suitable for the output format "yml"/);
  });
});

describe('kubectl apply, create -f, delete', () => {
  it('says created, unchanged, configured; create -f refuses what exists', async () => {
    const c = await shop();
    expect((await run(c, DENY)).out).toBe('networkpolicy.networking.k8s.io/deny created');
    expect((await run(c, DENY)).out).toBe('networkpolicy.networking.k8s.io/deny unchanged');
    expect((await run(c, DENY.replace('  - Ingress', '  - Ingress\n  - Egress'))).out).toBe('networkpolicy.networking.k8s.io/deny configured');
    expect((await run(c, DENY.replace('kubectl apply', 'kubectl create'))).out).toBe('Error from server (AlreadyExists): error when creating "STDIN": networkpolicies.networking.k8s.io "deny" already exists');
  });

  it('applies to the -n namespace when the manifest has none, and refuses a mismatch', async () => {
    const c = await shop();
    const doc = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n';
    expect((await run(c, `kubectl apply -n shop -f - <<EOF\n${doc}EOF`)).out).toBe('networkpolicy.networking.k8s.io/p created');
    expect((await run(c, 'kubectl get netpol -n shop -o name')).lines).toContain('networkpolicy.networking.k8s.io/p');
    expect((await run(c, `kubectl apply -n default -f - <<EOF\n${doc.replace('name: p', 'name: q\n  namespace: shop')}EOF`)).out).toBe(
      'error: the namespace from the provided object "shop" does not match the namespace "default". You must pass \'--namespace=shop\' to perform this operation.',
    );
    expect((await run(c, `kubectl apply -f - <<EOF\n${doc.replace('name: p', 'name: q\n  namespace: ghost')}EOF`)).out).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "ghost" not found');
  });

  it('validates NetworkPolicies as the API server does', async () => {
    const c = await shop();
    const bad = (spec: string) => `kubectl apply -f - <<EOF\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: bad\n  namespace: shop\nspec:\n${spec}\nEOF`;
    expect(await run(c, bad('  podSelector: {}\n  ingress:\n  - ports:\n    - port: 80\n      endPort: 70'))).toMatchObject({
      out: 'The NetworkPolicy "bad" is invalid: spec.ingress[0].ports[0].endPort: Invalid value: 70: must be greater than or equal to `port`',
      code: 1,
    });
    expect((await run(c, bad('  podSelector: {}\n  ingress:\n  - form:\n    - podSelector: {}'))).out).toBe(
      'Error from server (BadRequest): error when creating "STDIN": NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.ingress[0].form"',
    );
    const two = (await run(c, bad('  podSelector: {}\n  policyTypes: [Sideways]\n  ingress:\n  - ports:\n    - protocol: ICMP'))).lines;
    expect(two[0]).toBe('The NetworkPolicy "bad" is invalid: ');
    expect(two.slice(1).every((l) => l.startsWith('* spec.'))).toBe(true);
    expect(two.length).toBe(3);
    expect((await run(c, 'kubectl get netpol bad -n shop')).code).toBe(1);
  });

  it('reads files written at the prompt, and deletes what a file names', async () => {
    const c = await shop();
    await run(c, DENY.replace('cat <<EOF | kubectl apply -f -', 'cat > deny.yaml <<EOF'));
    expect((await run(c, 'ls')).out).toBe('deny.yaml');
    expect((await run(c, 'kubectl apply -f deny.yaml')).out).toBe('networkpolicy.networking.k8s.io/deny created');
    expect((await run(c, 'kubectl delete -f deny.yaml')).out).toBe('networkpolicy.networking.k8s.io "deny" deleted from shop namespace');
    expect((await run(c, 'kubectl delete -f deny.yaml')).out).toBe('Error from server (NotFound): error when deleting "deny.yaml": networkpolicies.networking.k8s.io "deny" not found');
    expect((await run(c, 'kubectl apply -f nope.yaml')).out).toBe('error: the path "nope.yaml" does not exist');
  });

  it('deletes by name, refuses the system namespaces, deletes a namespace with its objects', async () => {
    const c = await shop();
    await play(c, DENY);
    expect((await run(c, 'kubectl delete netpol deny -n shop')).out).toBe('networkpolicy.networking.k8s.io "deny" deleted from shop namespace');
    expect(await run(c, 'kubectl delete netpol deny -n shop')).toMatchObject({ out: 'Error from server (NotFound): networkpolicies.networking.k8s.io "deny" not found', code: 1 });
    expect((await run(c, 'kubectl delete netpol')).out).toBe('error: resource(s) were provided, but no name was specified');
    expect((await run(c, 'kubectl delete ns default')).out).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
    expect((await run(c, 'kubectl delete ns shop')).out).toBe('namespace "shop" deleted');
    expect((await run(c, 'kubectl get all -n shop')).out).toBe('No resources found in shop namespace.');
  });

  it('--all deletes every object of the type in the namespace; with -A (or --all-namespaces) in every namespace', async () => {
    const c = await shop();
    await play(c, 'kubectl create namespace bar\n');
    const policy = (name: string, ns: string) =>
      `cat <<EOF | kubectl apply -f -\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  podSelector: {}\nEOF\n`;
    const three = () => play(c, policy('deny', 'shop') + policy('allow-web', 'shop') + policy('deny', 'bar'));
    await three();
    // One line per object, namespaces in order, names in order; the -n namespace is ignored.
    const all = await c.runLine('kubectl delete netpol --all -A -n shop');
    expect(all.chunks.every((ch) => ch.fd === 1)).toBe(true);
    expect(all.lines).toEqual([
      'networkpolicy.networking.k8s.io "deny" deleted from bar namespace',
      'networkpolicy.networking.k8s.io "allow-web" deleted from shop namespace',
      'networkpolicy.networking.k8s.io "deny" deleted from shop namespace',
    ]);
    expect((await run(c, 'kubectl get netpol -A')).out).toBe('No resources found');
    await three();
    expect((await run(c, 'kubectl delete networkpolicy --all --all-namespaces')).lines).toHaveLength(3);
    await three();
    expect((await run(c, 'kubectl delete networkpolicy --all -n shop')).lines).toEqual([
      'networkpolicy.networking.k8s.io "allow-web" deleted from shop namespace',
      'networkpolicy.networking.k8s.io "deny" deleted from shop namespace',
    ]);
    expect((await run(c, 'kubectl get netpol -A -o name')).out).toBe('networkpolicy.networking.k8s.io/deny');
    // Nothing left: kubectl delete says so on stdout, and it is no error.
    const none = await c.runLine('kubectl delete netpol --all -n shop');
    expect([none.lines, none.chunks.map((ch) => ch.fd), none.exitCode]).toEqual([['No resources found'], [1], 0]);
    // -l across namespaces too; kubectl's refusals.
    await run(c, 'kubectl label netpol deny -n bar team=x');
    expect((await run(c, 'kubectl delete netpol -l team=x -A')).out).toBe('networkpolicy.networking.k8s.io "deny" deleted from bar namespace');
    expect(await run(c, 'kubectl delete netpol deny -A')).toMatchObject({ out: 'error: a resource cannot be retrieved by name across all namespaces', code: 1 });
    expect((await run(c, 'kubectl delete netpol -A')).out).toBe('error: resource(s) were provided, but no name was specified');
    expect((await run(c, 'kubectl delete netpol --all -l team=x')).out).toBe('error: cannot set --all and --selector at the same time');
  });

  it('get and describe refuse a name with -A, as kubectl does; a cluster-scoped name is still found', async () => {
    const c = await shop();
    const refusal = { out: 'error: a resource cannot be retrieved by name across all namespaces', code: 1 };
    for (const line of [
      'kubectl get svc web -A',
      'kubectl get svc/web --all-namespaces',
      'kubectl get deploy,svc web -A -o yaml',
      'kubectl get ep web -A',
      'kubectl describe svc web -A',
      'kubectl describe deploy/web -A -n shop',
    ])
      expect(await run(c, line), line).toMatchObject(refusal);
    // Without a name, -A lists; with one namespace, the name is found.
    expect((await run(c, 'kubectl get svc -A')).out).toMatch(/^NAMESPACE +NAME/);
    expect((await run(c, 'kubectl get svc web -n shop -o name')).out).toBe('service/web');
    expect((await run(c, 'kubectl describe svc web -n shop')).code).toBe(0);
    // A namespace has no namespace: kubectl finds it by name even with -A.
    expect((await run(c, 'kubectl get ns shop -A -o name')).out).toBe('namespace/shop');
    expect((await run(c, 'kubectl describe ns shop -A')).code).toBe(0);
    await run(c, 'kubectl create namespace tmp');
    expect((await run(c, 'kubectl delete ns tmp -A')).code).toBe(0);
  });

  it('a deleted pod of a deployment is replaced under a new name', async () => {
    const c = await shop();
    const [before] = (await run(c, 'kubectl get pods -n shop -o name')).lines;
    expect((await run(c, `kubectl delete ${before} -n shop`)).out).toBe(`pod "${before.slice(4)}" deleted from shop namespace`);
    const [after] = (await run(c, 'kubectl get pods -n shop -o name')).lines;
    expect(after).not.toBe(before);
    expect(after.slice(0, -5)).toBe(before.slice(0, -5));
  });
});

describe('kubectl label', () => {
  it('labels, refuses to overwrite without --overwrite, removes with key-', async () => {
    const c = await shop();
    expect((await run(c, 'kubectl label namespace shop team=a')).out).toBe('namespace/shop labeled');
    expect(await run(c, 'kubectl label ns shop team=b')).toMatchObject({ out: "error: 'team' already has a value (a), and --overwrite is false", code: 1 });
    expect((await run(c, 'kubectl label ns shop team=b --overwrite')).out).toBe('namespace/shop labeled');
    expect((await run(c, 'kubectl label ns shop team=b')).out).toBe('namespace/shop not labeled');
    expect((await run(c, 'kubectl label ns shop team-')).out).toBe('namespace/shop unlabeled');
    expect((await run(c, 'kubectl label ns shop team-')).lines).toEqual(['label "team" not found.', 'namespace/shop not labeled']);
    expect((await run(c, 'kubectl label ns shop')).out).toBe('error: at least one label update is required');
    expect((await run(c, 'kubectl label ns nope a=b')).out).toBe('Error from server (NotFound): namespaces "nope" not found');
    expect((await run(c, 'kubectl label ns shop a=b=c')).out).toBe('error: invalid label spec: a=b=c');
    expect((await run(c, 'kubectl label ns shop a=-x')).out).toMatch(/^error: invalid label value: "a=-x": a valid label must be an empty string or consist of/);
  });

  it('a pod relabelled out of its ReplicaSet is let go and replaced', async () => {
    const c = await shop();
    const [pod] = (await run(c, 'kubectl get pods -n shop -o name')).lines;
    expect((await run(c, `kubectl label ${pod} -n shop app=debug --overwrite`)).out).toBe(`${pod} labeled`);
    expect((await run(c, 'kubectl get pods -n shop -l app=web -o name')).lines).toHaveLength(1);
    expect((await run(c, 'kubectl get pods -n shop -o name')).lines).toHaveLength(2);
  });
});

describe('kubectl run and exec', () => {
  it('run creates a pod labelled run=NAME; --rm -it runs the command and deletes it', async () => {
    const c = await shop();
    expect((await run(c, 'kubectl run probe --image=busybox -n shop -- sleep 3600')).out).toBe('pod/probe created');
    expect((await run(c, 'kubectl get pod probe -n shop --show-labels')).lines[1]).toMatch(/run=probe$/);
    const r = await run(c, 'kubectl run t --image=busybox --rm -it --restart=Never -n shop -- wget -qO- --timeout=3 http://web');
    expect(r.lines[r.lines.length - 1]).toBe('pod "t" deleted from shop namespace');
    expect(r.code).toBe(0);
    expect((await run(c, 'kubectl get pod t -n shop')).code).toBe(1);
    expect((await run(c, 'kubectl run x --image=busybox --rm -- true')).out).toBe('error: --rm should only be used for attached containers');
    expect((await run(c, 'kubectl run x')).out).toBe('error: required flag(s) "image" not set');
  });

  it('exec runs busybox tools; a failing command adds "command terminated with exit code N"', async () => {
    const c = await shop();
    await run(c, 'kubectl run probe --image=busybox -n shop -- sleep 3600');
    expect(await run(c, 'kubectl exec -n shop probe -- nc -zv -w 2 web 81')).toMatchObject({ lines: ['nc: web (10.96.100.10:81): Connection timed out', 'command terminated with exit code 1'], code: 1 });
    expect(await run(c, 'kubectl exec probe -n shop -- sh -c "exit 3"')).toMatchObject({ out: 'command terminated with exit code 3', code: 3 });
    expect((await run(c, 'kubectl exec -n shop probe wget web')).lines[0]).toBe('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    expect((await run(c, 'kubectl exec -n shop nope -- true')).out).toBe('Error from server (NotFound): pods "nope" not found');
    expect((await run(c, 'kubectl exec -n shop deploy/nope -- true')).out).toBe('Error from server (NotFound): deployments.apps "nope" not found');
    expect((await run(c, 'kubectl exec -n shop probe -- bash')).out).toMatch(/exec: "bash": executable file not found in \$PATH: unknown$/);
    expect((await run(c, 'kubectl exec -n shop probe')).lines[0]).toBe('error: you must specify at least one command for the container');
  });

  it('exec -it -- sh opens a shell in the pod until exit', async () => {
    const c = await shop();
    await run(c, 'kubectl run probe --image=busybox -n shop -- sleep 3600');
    expect((await run(c, 'kubectl exec -it -n shop probe -- sh')).out).toBe('');
    expect(c.prompt()).toBe('/ # ');
    expect((await run(c, 'hostname')).out).toBe('probe');
    expect((await run(c, 'kubectl get pods')).lines[0]).toBe('sh: kubectl: not found');
    expect((await run(c, 'exit')).out).toBe('');
    expect(c.prompt()).toBe('controlplane:~$ ');
  });

  it('a busybox deployment without a command crash-loops, and exec says so', async () => {
    const c = await shop();
    await run(c, 'kubectl create deployment bare --image=busybox -n shop');
    expect((await run(c, 'kubectl get pods -n shop -l app=bare')).lines[1]).toMatch(/0\/1\s+CrashLoopBackOff\s+3 \(/);
    expect((await run(c, 'kubectl exec -n shop deploy/bare -- true')).out).toBe('error: Internal error occurred: unable to upgrade connection: container not found ("busybox")');
  });
});

describe('kubectl edit, explain, config, scale', () => {
  it('edit opens the object in the editor and replaces it with what was saved', async () => {
    const edits: string[] = [];
    const c = newConsole({
      editor: async (text) => {
        edits.push(text);
        return text.replace('  policyTypes:\n  - Ingress', '  policyTypes:\n  - Ingress\n  - Egress');
      },
    });
    await play(c, 'kubectl create ns shop\n' + DENY);
    expect((await run(c, 'kubectl edit netpol deny -n shop')).out).toBe('networkpolicy.networking.k8s.io/deny edited');
    expect(edits[0].split('\n')[0]).toBe("# Please edit the object below. Lines beginning with a '#' will be ignored,");
    expect((await run(c, 'kubectl describe netpol deny -n shop')).lines).toContain('  Policy Types: Ingress, Egress');
    const same = newConsole({ editor: async (t) => t });
    await play(same, 'kubectl create ns shop\n' + DENY);
    expect((await run(same, 'kubectl edit netpol/deny -n shop')).out).toBe('Edit cancelled, no changes made.');
  });

  it('edit: a save the API server rejects reopens the file with the causes in its header; a fix is then saved', async () => {
    const shown: string[] = [];
    const saves = [
      (t: string) => t.replace('  policyTypes:\n  - Ingress', '  policyTypes:\n  - Ingress\n  ingress:\n  - ports:\n    - port: 80\n      endPort: 70'),
      (t: string) => t.replace('endPort: 70', 'endPort: 90'),
    ];
    const c = newConsole({ editor: async (text) => (shown.push(text), saves[shown.length - 1](text)) });
    await play(c, 'kubectl create ns shop\n' + DENY);
    const r = await c.runLine('kubectl edit netpol deny -n shop');
    expect(r.chunks).toEqual([
      { fd: 2, text: 'error: networkpolicies.networking.k8s.io "deny" is invalid\n' },
      { fd: 1, text: 'networkpolicy.networking.k8s.io/deny edited\n' },
    ]);
    expect(r.exitCode).toBe(0);
    // The second opening: kubectl's header, the reasons, then the learner's text without comments.
    const again = shown[1].split('\n');
    expect(again.slice(3, 7)).toEqual([
      '#',
      '# networkpolicies.networking.k8s.io "deny" was not valid:',
      '# * spec.ingress[0].ports[0].endPort: Invalid value: 70: must be greater than or equal to `port`',
      '#',
    ]);
    expect(again[7]).toBe('apiVersion: networking.k8s.io/v1');
    expect((await run(c, 'kubectl get netpol deny -n shop -o jsonpath={.spec.ingress[0].ports[0].endPort}')).out).toBe('90');
  });

  it('edit: saved unchanged after a rejection gives up, keeping a copy; the cluster is untouched', async () => {
    let opened = 0;
    // The learner's change, then saved again as it is.
    const c = newConsole({ editor: async (text) => (++opened === 1 ? text.replace(/policyTypes:\n {2}- Ingress/, 'policyTypes: [Sideways]') : text) });
    await play(c, 'kubectl create ns shop\n' + DENY);
    const r = await run(c, 'kubectl edit netpol deny -n shop');
    expect(opened).toBe(2);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toBe('error: networkpolicies.networking.k8s.io "deny" is invalid');
    expect(r.lines[1]).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-[0-9a-f]+\.yaml"$/);
    expect(r.lines[2]).toBe('error: Edit cancelled, no valid changes were saved.');
    const copy = /"(.*)"/.exec(r.lines[1])![1];
    expect((await run(c, `grep '^  policyTypes' ${copy}`)).out).toBe('  policyTypes: [Sideways]');
    expect((await run(c, 'kubectl get netpol deny -n shop -o jsonpath={.spec.policyTypes}')).out).toBe('["Ingress"]');
  });

  it('edit: a syntax error reopens the file with it; an empty file, a failing editor, an unknown field, as kubectl says them', async () => {
    const shown: string[] = [];
    const syntax = newConsole({ editor: async (text) => (shown.push(text), shown.length === 1 ? text.replace('spec:', 'spec: [') : text) });
    await play(syntax, 'kubectl create ns shop\n' + DENY);
    const r = await run(syntax, 'kubectl edit netpol deny -n shop');
    expect(shown[1].split('\n')[4]).toMatch(/^# The edited file had a syntax error: error converting YAML to JSON: yaml: line \d+: /);
    expect(r.lines.slice(-1)).toEqual(['error: Edit cancelled, no valid changes were saved.']);

    const empty = newConsole({ editor: async (text) => text.split('\n').filter((l) => l.startsWith('#')).join('\n') });
    await play(empty, 'kubectl create ns shop\n' + DENY);
    expect(await run(empty, 'kubectl edit netpol deny -n shop')).toMatchObject({ out: 'Edit cancelled, saved file was empty.', code: 0 });

    const broken = newConsole({ editor: async () => null, editorName: () => 'nano' });
    await play(broken, 'kubectl create ns shop\n' + DENY);
    expect(await run(broken, 'kubectl edit netpol deny -n shop')).toMatchObject({ out: 'error: there was a problem with the editor "nano"', code: 1 });

    const unknown = newConsole({ editor: async (text) => text.replace('  podSelector: {}', '  podSelector: {}\n  ingres: []') });
    await play(unknown, 'kubectl create ns shop\n' + DENY);
    const u = await run(unknown, 'kubectl edit netpol deny -n shop');
    expect(u.code).toBe(1);
    expect(u.lines.slice(1)).toEqual([
      'error: networkpolicies.networking.k8s.io "deny" could not be patched: NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.ingres"',
      expect.stringMatching(/^You can run `kubectl replace -f \/tmp\/kubectl-edit-[0-9a-f]+\.yaml` to try this update again\.$/),
    ]);
    // Only the layout changed: nothing to save.
    const layout = newConsole({ editor: async (text) => text.replace('  podSelector: {}', '  podSelector:   {}  # all pods') });
    await play(layout, 'kubectl create ns shop\n' + DENY);
    expect((await run(layout, 'kubectl edit netpol deny -n shop')).out).toBe('Edit cancelled, no changes made.');
  });

  it('explain walks the NetworkPolicy fields', async () => {
    const c = newConsole();
    const r = (await run(c, 'kubectl explain networkpolicy.spec')).lines;
    expect(r.slice(0, 3)).toEqual(['GROUP:      networking.k8s.io', 'KIND:       NetworkPolicy', 'VERSION:    v1']);
    expect(r).toContain('FIELD: spec <NetworkPolicySpec>');
    expect(r.filter((l) => /^ {2}\w/.test(l)).map((l) => l.trim().split(/\s+/)[0])).toEqual(['egress', 'ingress', 'podSelector', 'policyTypes']);
    expect((await run(c, 'kubectl explain netpol.spec.ingress.frm')).out).toBe('error: field "frm" does not exist');
  });

  it('config set-context --current --namespace changes the default namespace', async () => {
    const c = await shop();
    expect((await run(c, 'kubectl config set-context --current --namespace=shop')).out).toBe('Context "kubernetes-admin@kubernetes" modified.');
    expect((await run(c, 'kubectl get svc -o name')).out).toBe('service/web');
  });

  it('scale changes the number of pods', async () => {
    const c = await shop();
    expect((await run(c, 'kubectl scale deployment web --replicas=3 -n shop')).out).toBe('deployment.apps/web scaled');
    expect((await run(c, 'kubectl get pods -n shop --no-headers')).lines).toHaveLength(3);
  });

  it('unknown subcommands and flags are errors as kubectl words them', async () => {
    const c = newConsole();
    expect((await run(c, 'kubectl gte pods')).lines[0]).toBe('error: unknown command "gte" for "kubectl"');
    expect((await run(c, 'kubectl get pods --colour')).lines).toEqual(['error: unknown flag: --colour', "See 'kubectl get --help' for usage."]);
    expect((await run(c, 'k get pods -x')).lines[0]).toBe("error: unknown shorthand flag: 'x' in -x");
  });
});

describe('round trips and other kinds', () => {
  it('get -o yaml > file; delete; apply -f file recreates it, a second apply is unchanged', async () => {
    const c = newConsole();
    await play(c, 'kubectl create ns a\ncat <<EOF | kubectl apply -f -\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {}}]\nEOF\n');
    await run(c, 'kubectl get netpol p -n a -o yaml > p.yaml');
    await run(c, 'kubectl delete netpol p -n a');
    expect((await run(c, 'kubectl apply -f p.yaml')).out).toBe('networkpolicy.networking.k8s.io/p created');
    expect((await run(c, 'kubectl apply -f p.yaml')).out).toBe('networkpolicy.networking.k8s.io/p unchanged');
  });

  it('apply of an object made by create warns about the annotation and says configured', async () => {
    const c = newConsole();
    await run(c, 'kubectl create ns a');
    await run(c, 'kubectl get ns a -o yaml > ns.yaml');
    const r = await run(c, 'kubectl apply -f ns.yaml');
    expect(r.lines[0]).toMatch(/^Warning: resource namespaces\/a is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation/);
    expect(r.lines[1]).toBe('namespace/a configured');
    expect((await run(c, 'kubectl apply -f ns.yaml')).out).toBe('namespace/a unchanged');
  });

  it('Deployments and Services from YAML, a named targetPort, a selector that does not match', async () => {
    const c = newConsole();
    await run(c, 'kubectl create ns a');
    const doc = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: a}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n      - {name: api, image: httpd, ports: [{containerPort: 80, name: http}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: a}\nspec:\n  selector: {app: api}\n  ports: [{port: 8080, targetPort: http}]\n';
    expect((await run(c, `kubectl apply -f - <<EOF\n${doc}EOF`)).lines).toEqual(['deployment.apps/api created', 'service/api created']);
    expect((await run(c, 'kubectl run t -n a --image=busybox --rm -it --restart=Never -- wget -qO- -T 1 http://api:8080')).lines[0]).toBe('<html><body><h1>It works!</h1></body></html>');
    const bad = doc.split('---')[0].replace('name: api, namespace', 'name: bad, namespace').replace('labels: {app: api}', 'labels: {app: other}');
    expect((await run(c, `kubectl apply -f - <<EOF\n${bad}EOF`)).out).toBe(
      'The Deployment "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
    expect((await run(c, 'kubectl get ep api -n a')).lines.slice(1)).toEqual([expect.stringMatching(/^NAME\s+ENDPOINTS\s+AGE$/), expect.stringMatching(/^api\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\s+0s$/)]);
  });

  it('a here-document of 5,000 lines is one command', async () => {
    const labels = Array.from({ length: 5000 }, (_, i) => `    k${i}: v${i}`).join('\n');
    const c = newConsole();
    const { steps } = await play(c, `cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: big\n  labels:\n${labels}\nEOF\nkubectl get ns big -o jsonpath='{.metadata.labels.k4999}'\n`);
    expect(steps.map((s) => s.lines)).toEqual([['namespace/big created'], ['v4999']]);
  });
});
