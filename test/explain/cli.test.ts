// The explain command as a shell: arguments, output formats and colour, with a fake
// input loader; then end to end through runCli and the real manifest layer.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { runExplain, type LoadInputs } from '../../src/cli/commands/explain.js';
import { cluster, pod, policy, rule, sel } from './build.js';

function fakeIo(opts: { stdin?: string; env?: NodeJS.ProcessEnv; tty?: boolean; cwd?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk, _enc, cb) {
        into.push(String(chunk));
        cb();
      },
    });
  const stdout = Object.assign(sink(out), { isTTY: opts.tty ?? false });
  const io: Io = { stdout, stderr: sink(err), env: opts.env ?? {}, cwd: opts.cwd ?? process.cwd(), readStdin: async () => opts.stdin ?? '' };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const manifest = 'np.yaml';

const twoPolicies = [
  policy({ name: 'deny-all', namespace: 'app-ns', policyTypes: ['Ingress'] }),
  policy({ name: 'web', namespace: 'app-ns', podSelector: sel({ app: 'web' }), ingress: [rule([{ podSelector: sel({ app: 'frontend' }) }])] }),
];

function loader(result: { cluster?: ReturnType<typeof cluster>; policies?: typeof twoPolicies }, seen?: string[][]): LoadInputs {
  return async (files) => {
    seen?.push(files);
    return { cluster: result.cluster ?? cluster({}, []), policies: result.policies ?? [] };
  };
}

describe('explain command', () => {
  it('--help prints usage', async () => {
    const t = fakeIo();
    expect(await runExplain(['--help'], t.io, loader({}))).toBe(0);
    expect(t.out()).toMatch(/^Usage: netpol-dojo explain -f FILE/);
  });

  it('files go after -f; -o is json or yaml', async () => {
    await expect(runExplain(['np.yaml'], fakeIo().io, loader({}))).rejects.toThrow(UsageError);
    await expect(runExplain(['np.yaml'], fakeIo().io, loader({}))).rejects.toThrow(/files go after -f/);
    await expect(runExplain(['-f', manifest, '--output', 'xml'], fakeIo().io, loader({}))).rejects.toThrow(/-o\/--output must be one of json, yaml/);
  });

  it('passes every -f to the loader, in order', async () => {
    const seen: string[][] = [];
    expect(await runExplain(['-f', 'a.yaml', '--file', '-', '--file=b.yaml'], fakeIo().io, loader({ policies: twoPolicies }, seen))).toBe(0);
    expect(seen).toEqual([['a.yaml', '-', 'b.yaml']]);
  });

  it('text output: one block per policy, no colour when not a TTY', async () => {
    const t = fakeIo();
    expect(await runExplain(['-f', manifest], t.io, loader({ policies: twoPolicies }))).toBe(0);
    const text = t.out();
    expect(text).toContain('NetworkPolicy app-ns/deny-all\n');
    expect(text).toContain('Ingress isolated with no rules: denies all incoming traffic to the selected pods');
    expect(text).toContain('NetworkPolicy app-ns/web\n');
    expect(text).toContain('pods labelled app=frontend in this namespace (app-ns)');
    expect(text).not.toContain('\x1b[');
    // A bare policy file has no pods: no counts, no "selects no pods!".
    expect(text).not.toContain('selects no pods');
  });

  it('colour on a TTY, and never with NO_COLOR', async () => {
    const tty = fakeIo({ tty: true });
    await runExplain(['-f', manifest], tty.io, loader({ policies: twoPolicies }));
    expect(tty.out()).toContain('\x1b[');
    const noColor = fakeIo({ tty: true, env: { NO_COLOR: '1' } });
    await runExplain(['-f', manifest], noColor.io, loader({ policies: twoPolicies }));
    expect(noColor.out()).not.toContain('\x1b[');
  });

  it('json output: an array of explanations', async () => {
    const c = cluster({ 'app-ns': {} }, [pod('app-ns/web-1', { app: 'web' }, '10.244.0.5')]);
    const t = fakeIo();
    expect(await runExplain(['-f', manifest, '-o', 'json'], t.io, loader({ policies: twoPolicies, cluster: c }))).toBe(0);
    const json = JSON.parse(t.out());
    expect(json.map((e: { policy: string }) => e.policy)).toEqual(['app-ns/deny-all', 'app-ns/web']);
    expect(json[1].selects).toEqual({ text: 'pods labelled app=web in namespace app-ns', pods: ['app-ns/web-1'] });
    expect(json[1].ingress[0].peers[0].path).toBe('ingress[0].from[0]');
  });

  it('no policies: says so on stderr, exit 0', async () => {
    const t = fakeIo();
    expect(await runExplain(['-f', manifest], t.io, loader({}))).toBe(0);
    expect(t.err()).toBe('explain: no NetworkPolicy in the input\n');
  });
});

describe('netpol-dojo explain, end to end through the manifest layer', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'explain-e2e-'));
  writeFileSync(
    path.join(dir, 'np.yaml'),
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: and-policy
  namespace: app-ns
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: frontend
      namespaceSelector:
        matchLabels:
          env: production
    ports:
    - port: 80
`,
  );
  writeFileSync(
    path.join(dir, 'pods.yaml'),
    `apiVersion: v1
kind: Pod
metadata:
  name: web-1
  namespace: app-ns
  labels: {app: web}
spec:
  containers:
  - name: c
    image: nginx
`,
  );
  const bad = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: x, namespace: app-ns}
spec:
  podSelector: {}
  ingress:
  - from:
    - ipBlock: {cidr: 10.0.0.0/8}
      podSelector: {}
`;

  it('explains a policy file with its source position', async () => {
    const t = fakeIo({ cwd: dir });
    expect(await runCli(['explain', '-f', 'np.yaml'], t.io)).toBe(0);
    expect(t.out()).toContain('NetworkPolicy app-ns/and-policy  (np.yaml:1:1)\n');
    expect(t.out()).toContain('policyTypes not set: the API server infers [Ingress]');
    expect(t.out()).toContain('pods labelled app=frontend AND in namespaces labelled env=production');
    expect(t.out()).toContain('on port 80/TCP (protocol defaulted to TCP)');
  });

  it('with pods: counts and warns', async () => {
    const t = fakeIo({ cwd: dir });
    expect(await runCli(['explain', '-f', 'np.yaml', '-f', 'pods.yaml', '-o', 'json'], t.io)).toBe(0);
    const [e] = JSON.parse(t.out());
    expect(e.selects.pods).toEqual(['app-ns/web-1']);
    expect(e.warnings.map((w: { code: string }) => w.code)).toEqual(['namespace-selector-matches-none']);
  });

  it('unreadable files: one line, exit 2', async () => {
    const t = fakeIo({ cwd: dir });
    expect(await runCli(['explain', '-f', 'nope.yaml'], t.io)).toBe(2);
    expect(t.err()).toBe('nope.yaml: cannot read: no such file\n');
    // A directory is read whole (kubectl's -f DIR); one with no manifests is an error.
    mkdirSync(path.join(dir, 'empty'), { recursive: true });
    const d = fakeIo({ cwd: dir });
    expect(await runCli(['explain', '-f', 'empty'], d.io)).toBe(2);
    expect(d.err()).toBe('empty: no .yaml, .yml or .json files in this directory (-R reads the folders below too)\n');
  });

  it('an invalid policy on stdin: the API server message, exit 2, nothing on stdout', async () => {
    const t = fakeIo({ cwd: dir, stdin: bad });
    expect(await runCli(['explain', '-f', '-'], t.io)).toBe(2);
    expect(t.err()).toContain('<stdin>:8:7: spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer');
    expect(t.out()).toBe('');
  });

  it('no -f is a usage error', async () => {
    const t = fakeIo({ cwd: dir });
    expect(await runCli(['explain'], t.io)).toBe(2);
    expect(t.err()).toMatch(/^netpol-dojo: /);
  });
});
