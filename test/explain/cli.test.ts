// The explain command as a shell: arguments, file errors, findings and exit codes,
// with a fake manifest loader (the real one is tested in test/manifest).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import type { Io } from '../../src/cli/io.js';
import { runExplain, type LoadManifests } from '../../src/cli/commands/explain.js';
import type { Finding } from '../../src/core/findings.js';
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

const dir = mkdtempSync(path.join(tmpdir(), 'explain-cli-'));
const manifest = path.join(dir, 'np.yaml');
writeFileSync(manifest, 'kind: NetworkPolicy\n');

const twoPolicies = [
  policy({ name: 'deny-all', namespace: 'app-ns', policyTypes: ['Ingress'] }),
  policy({ name: 'web', namespace: 'app-ns', podSelector: sel({ app: 'web' }), ingress: [rule([{ podSelector: sel({ app: 'frontend' }) }])] }),
];

function loader(result: Partial<ReturnType<LoadManifests>>, seen?: { file: string; text: string }[][]) {
  const load: LoadManifests = (inputs) => {
    seen?.push(inputs);
    return { cluster: cluster({}, []), policies: [], findings: [], ...result };
  };
  return async () => load;
}

describe('explain command', () => {
  it('--help prints usage', async () => {
    const t = fakeIo();
    expect(await runExplain(['--help'], t.io, loader({}))).toBe(0);
    expect(t.out()).toMatch(/^Usage: netpol-dojo explain -f FILE/);
  });

  it('needs -f', async () => {
    await expect(runExplain([], fakeIo().io, loader({}))).rejects.toThrow(UsageError);
    await expect(runExplain(['np.yaml'], fakeIo().io, loader({}))).rejects.toThrow(/files go after -f/);
    await expect(runExplain(['-f', manifest, '--output', 'yaml'], fakeIo().io, loader({}))).rejects.toThrow(/--output must be one of text, json/);
  });

  it('a missing file or a directory: one line each, exit 2, nothing loaded', async () => {
    const t = fakeIo({ cwd: dir });
    const seen: { file: string; text: string }[][] = [];
    expect(await runExplain(['-f', 'nope.yaml', '-f', '.'], t.io, loader({}, seen))).toBe(2);
    expect(t.err()).toBe('nope.yaml: cannot read: no such file\n.: cannot read: is a directory\n');
    expect(seen).toEqual([]);
  });

  it('reads files relative to cwd and stdin for -', async () => {
    const t = fakeIo({ stdin: 'kind: Pod\n', cwd: dir });
    const seen: { file: string; text: string }[][] = [];
    expect(await runExplain(['-f', 'np.yaml', '-f', '-'], t.io, loader({ policies: twoPolicies }, seen))).toBe(0);
    expect(seen).toEqual([[{ file: 'np.yaml', text: 'kind: NetworkPolicy\n' }, { file: '<stdin>', text: 'kind: Pod\n' }]]);
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

  it('error findings: printed to stderr, exit 2, nothing explained', async () => {
    const error: Finding = { severity: 'error', file: 'np.yaml', line: 3, col: 5, path: 'spec.podSelector', message: 'Required value' };
    const warning: Finding = { severity: 'warning', file: 'np.yaml', line: 9, col: 7, path: 'spec.ingress[0].from[0].ipBlock.cidr', message: 'host bits set' };
    const t = fakeIo();
    expect(await runExplain(['-f', manifest], t.io, loader({ policies: twoPolicies, findings: [error, warning] }))).toBe(2);
    expect(t.err()).toContain('np.yaml:3:5: spec.podSelector: Required value\n');
    expect(t.out()).toBe('');
  });

  it('warning findings: printed to stderr, explanation continues', async () => {
    const warning: Finding = { severity: 'warning', file: 'np.yaml', line: 9, col: 7, path: 'spec.x', message: 'odd' };
    const t = fakeIo();
    expect(await runExplain(['-f', manifest], t.io, loader({ policies: twoPolicies, findings: [warning] }))).toBe(0);
    expect(t.err()).toBe('np.yaml:9:7: warning: spec.x: odd\n');
    expect(t.out()).toContain('NetworkPolicy app-ns/web');
  });

  it('no policies: says so on stderr, exit 0', async () => {
    const t = fakeIo();
    expect(await runExplain(['-f', manifest], t.io, loader({}))).toBe(0);
    expect(t.err()).toContain('no NetworkPolicy found');
  });
});
