// kubectl's habits on every command: -o names, -A/-n/-l, -f DIR and -R, help COMMAND,
// version, completion, --no-color, did-you-mean, why --exit-code.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../../src/cli/main.js';
import { parseLabelSelector } from '../../src/cli/label-selector.js';
import { selectorMatches } from '../../src/core/labels.js';
import { useColor } from '../../src/cli/io.js';
import { suggest } from '../../src/cli/suggest.js';
import { captureIo } from './capture-io.js';

const NS = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
`;
const PODS = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web, tier: front}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
status: {podIP: 10.1.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db, tier: back}}
spec: {containers: [{name: c, image: postgres, ports: [{containerPort: 5432}]}]}
status: {podIP: 10.1.0.11}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: ops, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
status: {podIP: 10.1.0.12}
`;
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]
`;

/** A folder of manifests: two at the top, one below, and a file kubectl would not read. */
function tree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-conv-'));
  fs.writeFileSync(path.join(dir, '00-ns.yaml'), NS);
  fs.writeFileSync(path.join(dir, 'pods.yml'), PODS);
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not: [a manifest');
  fs.mkdirSync(path.join(dir, 'policies'));
  fs.writeFileSync(path.join(dir, 'policies', 'db.json'), JSON.stringify(parseYaml(POLICY)));
  return dir;
}

async function run(args: string[], opts: Parameters<typeof captureIo>[0] = {}) {
  const io = captureIo(opts);
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('commands: help, version, did-you-mean', () => {
  it('a mistyped command suggests the near one (matirx -> matrix), exit 2', async () => {
    const r = await run(['matirx', '-f', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('netpol-dojo: unknown command "matirx"; did you mean "matrix"? (try --help)\n');
    expect((await run(['expain'])).err).toContain('did you mean "explain"?');
    expect((await run(['zzzzzz'])).err).toBe('netpol-dojo: unknown command "zzzzzz" (try --help)\n');
    expect(suggest('mat', ['matrix', 'why'])).toEqual(['matrix']);
  });

  it('Object\'s own keys are not commands', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = await run([name]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toMatch(/^netpol-dojo: unknown command/);
    }
  });

  it('help COMMAND prints what COMMAND --help prints', async () => {
    for (const name of ['matrix', 'why', 'explain', 'list', 'completion', 'version']) {
      const a = await run(['help', name]);
      const b = await run([name, '--help']);
      expect(a.code).toBe(0);
      expect(a.out).toBe(b.out);
      expect(a.out).toMatch(/^Usage: netpol-dojo /);
    }
    expect((await run(['help', 'matirx'])).err).toContain('did you mean "matrix"?');
    expect((await run(['help'])).out).toContain('Commands:');
  });

  it('version: netpol-dojo, Node.js and the Kubernetes release modelled; -o json|yaml', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    const text = await run(['version']);
    expect(text.out).toBe(`netpol-dojo ${pkg.version}\nNode.js ${process.version}\nNetworkPolicy semantics of Kubernetes 1.35\n`);
    const json = JSON.parse((await run(['version', '-o', 'json'])).out);
    expect(json).toEqual({ netpolDojo: pkg.version, node: process.version, kubernetes: '1.35' });
    expect(parseYaml((await run(['version', '-o', 'yaml'])).out)).toEqual(json);
  });
});

describe('-o: one set of names', () => {
  it('json and yaml carry the same data on matrix, why and explain', async () => {
    const dir = tree();
    for (const args of [['matrix', '-f', dir, '-R'], ['why', '-f', dir, '-R', 'shop/web', 'shop/db', '5432'], ['explain', '-f', dir, '-R']]) {
      const json = await run([...args, '-o', 'json']);
      const yaml = await run([...args, '-o', 'yaml']);
      expect(json.code, args.join(' ')).toBe(0);
      expect(yaml.code, args.join(' ')).toBe(0);
      expect(parseYaml(yaml.out)).toEqual(JSON.parse(json.out));
    }
  });

  it('a format a command lacks is a usage error naming the ones it has; text/table stay the default', async () => {
    const dir = tree();
    const r = await run(['why', '-f', dir, 'shop/web', 'shop/db', '5432', '-o', 'wide']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('netpol-dojo: -o/--output must be one of json, yaml (or left out for the default), not "wide"\n');
    const plain = await run(['matrix', '-f', dir, '-R']);
    expect((await run(['matrix', '-f', dir, '-R', '-o', 'table'])).out).toBe(plain.out);
    expect((await run(['matrix', '-f', dir, '-R', '-o', 'text'])).out).toBe(plain.out);
  });

  it('matrix -o wide adds each pod\'s IP and labels; list -o name prints only ids', async () => {
    const dir = tree();
    const wide = await run(['matrix', '-f', dir, '-R', '-o', 'wide', '-p', '80']);
    expect(wide.out).toContain('#   NAME       IP          LABELS\n1   shop/web   10.1.0.10   app=web,tier=front\n');
    const names = await run(['list', '-o', 'name'], { env: { NO_COLOR: '1', NETPOL_DOJO_SCORES: fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-conv-s-')) } });
    expect(names.code).toBe(0);
    expect(names.out.split('\n')).toContain('exercise-1');
    expect(names.out).not.toContain(' ');
  });
});

describe('-f DIR, -R, -n, -A, -l', () => {
  it('-f DIR reads its .yaml/.yml/.json files (not others); -R also the folders below', async () => {
    const dir = tree();
    const flat = JSON.parse((await run(['explain', '-f', dir, '-o', 'json'])).out);
    expect(flat).toEqual([]); // the policy is one folder down
    const deep = await run(['explain', '-f', dir, '-R', '-o', 'json']);
    expect(deep.err).toBe('');
    expect(JSON.parse(deep.out).map((e: { policy: string }) => e.policy)).toEqual(['shop/db-from-web']);
    const m = JSON.parse((await run(['matrix', '-f', dir, '-o', 'json'])).out);
    expect(m.pods).toEqual(['shop/web', 'shop/db', 'ops/web']);
  });

  it('matrix: -n keeps one namespace, -A wins over -n, -l keeps matching pods', async () => {
    const dir = tree();
    const pods = async (...extra: string[]) => JSON.parse((await run(['matrix', '-f', dir, '-R', '-o', 'json', ...extra])).out).pods;
    expect(await pods('-n', 'shop')).toEqual(['shop/web', 'shop/db']);
    expect(await pods('-n', 'shop', '-A')).toEqual(['shop/web', 'shop/db', 'ops/web']);
    expect(await pods('-l', 'app=web')).toEqual(['shop/web', 'ops/web']);
    expect(await pods('-l', 'tier!=back')).toEqual(['shop/web', 'ops/web']);
    expect(await pods('--selector', 'app in (web,db),tier')).toEqual(['shop/web', 'shop/db']);
    expect(await pods('-l', 'app=web', '-n', 'ops')).toEqual(['ops/web']);
  });

  it('explain: -n and -l (policies selecting a matching pod)', async () => {
    const dir = tree();
    const names = async (...extra: string[]) => JSON.parse((await run(['explain', '-f', dir, '-R', '-o', 'json', ...extra])).out).map((e: { policy: string }) => e.policy);
    expect(await names('-n', 'ops')).toEqual([]);
    expect(await names('-l', 'tier=back')).toEqual(['shop/db-from-web']);
    expect(await names('-l', 'app=web')).toEqual([]);
  });

  it('why -n: bare names are looked up in that namespace first', async () => {
    const dir = tree();
    const ambiguous = await run(['why', '-f', dir, '-R', 'web', 'db', '5432']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain('"web" is ambiguous');
    const r = await run(['why', '-f', dir, '-R', '-n', 'ops', 'web', 'shop/db', '5432']);
    expect(r.out.split('\n')[0]).toBe('ops/web -> shop/db on 5432/TCP: DENIED');
  });

  it('label selectors parse as kubectl parses them, and bad ones are usage errors', async () => {
    const s = parseLabelSelector('app=web, tier!=db,env in (a, b),!legacy,team');
    expect(selectorMatches(s, { app: 'web', env: 'a', team: 'x' })).toBe(true);
    expect(selectorMatches(s, { app: 'web', env: 'a', team: 'x', tier: 'db' })).toBe(false);
    expect(selectorMatches(s, { app: 'web', env: 'c', team: 'x' })).toBe(false);
    expect(selectorMatches(s, { app: 'web', env: 'a', team: 'x', legacy: '' })).toBe(false);
    expect(selectorMatches(parseLabelSelector('app==web'), { app: 'web' })).toBe(true);
    expect(selectorMatches(parseLabelSelector('app=web,app=db'), { app: 'web' })).toBe(false);
    const bad = await run(['matrix', '-f', tree(), '-l', 'app=(web']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^netpol-dojo: -l "app=\(web": cannot parse/);
    expect((await run(['matrix', '-f', tree(), '-l', 'a b=c'])).code).toBe(2);
  });
});

describe('why --exit-code', () => {
  it('exit 1 when denied, 0 when allowed; without the flag always 0', async () => {
    const dir = tree();
    expect((await run(['why', '-f', dir, '-R', 'shop/web', 'shop/db', '5432', '--exit-code'])).code).toBe(0);
    expect((await run(['why', '-f', dir, '-R', 'ops/web', 'shop/db', '5432', '--exit-code'])).code).toBe(1);
    expect((await run(['why', '-f', dir, '-R', 'ops/web', 'shop/db', '5432', '--exit-code', '-o', 'json'])).code).toBe(1);
    expect((await run(['why', '-f', dir, '-R', 'ops/web', 'shop/db', '5432'])).code).toBe(0);
  });
});

describe('colour', () => {
  it('--no-color turns colour off even on a terminal with FORCE_COLOR set', async () => {
    const dir = tree();
    const coloured = await run(['matrix', '-f', dir, '-R', '-p', '5432'], { tty: true, env: { FORCE_COLOR: '1' } });
    expect(coloured.out).toContain('\x1b[');
    const plain = await run(['--no-color', 'matrix', '-f', dir, '-R', '-p', '5432'], { tty: true, env: { FORCE_COLOR: '1' } });
    expect(plain.out).not.toContain('\x1b[');
    const after = await run(['matrix', '-f', dir, '-R', '-p', '5432', '--no-color'], { tty: true, env: {} });
    expect(after.out).not.toContain('\x1b[');
    expect(after.code).toBe(0);
  });

  it('FORCE_COLOR=false and FORCE_COLOR=0 never force colour into a pipe (or a terminal)', () => {
    const io = (env: NodeJS.ProcessEnv, tty: boolean) => captureIo({ env, tty });
    expect(useColor(io({ FORCE_COLOR: 'false' }, false))).toBe(false);
    expect(useColor(io({ FORCE_COLOR: 'false' }, true))).toBe(false);
    expect(useColor(io({ FORCE_COLOR: '0' }, true))).toBe(false);
    expect(useColor(io({ FORCE_COLOR: '1' }, false))).toBe(true);
    expect(useColor(io({ FORCE_COLOR: '' }, false))).toBe(true); // supports-color: empty forces level 1
    expect(useColor(io({}, true))).toBe(true);
    expect(useColor(io({ NO_COLOR: '1', FORCE_COLOR: '1' }, true))).toBe(false);
  });
});

describe('completion', () => {
  const hasBash = spawnSync('bash', ['--version'], { stdio: 'ignore' }).status === 0;

  /** Runs the bash completion function as bash would for the words typed so far. */
  function complete(script: string, words: string[]): string[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-comp-'));
    fs.writeFileSync(path.join(dir, 'c.bash'), script);
    const arr = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
    // The script asks `netpol-dojo list -o name` for exercise ids: the one of this checkout.
    const self = `netpol-dojo() { ${JSON.stringify(process.execPath)} ${JSON.stringify(path.resolve(__dirname, '../../bin/netpol-dojo.js'))} "$@"; }`;
    const driver = `${self}; source ${dir}/c.bash; COMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; _netpol_dojo; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', driver], { encoding: 'utf8', cwd: dir });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean).sort();
  }

  it.skipIf(!hasBash)('bash: commands, each command\'s flags, -o values, shells', async () => {
    const r = await run(['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(complete(r.out, ['netpol-dojo', 'ma'])).toEqual(['matrix']);
    expect(complete(r.out, ['netpol-dojo', 'compl'])).toEqual(['completion']);
    expect(complete(r.out, ['netpol-dojo', 'export', ''])).toContain('exercise-1');
    expect(complete(r.out, ['netpol-dojo', 'matrix', '-o', ''])).toEqual(['json', 'wide', 'yaml']);
    expect(complete(r.out, ['netpol-dojo', 'why', '-o', ''])).toEqual(['json', 'yaml']);
    expect(complete(r.out, ['netpol-dojo', 'why', '--e'])).toEqual(['--exit-code']);
    expect(complete(r.out, ['netpol-dojo', 'matrix', '--sel'])).toEqual(['--selector']);
    expect(complete(r.out, ['netpol-dojo', 'completion', ''])).toEqual(['bash', 'fish', 'zsh']);
    expect(complete(r.out, ['netpol-dojo', 'help', 'expl'])).toEqual(['explain']);
  });

  it('zsh reuses the bash function through bashcompinit; fish gets native complete lines', async () => {
    const zsh = await run(['completion', 'zsh']);
    expect(zsh.out).toMatch(/^#compdef netpol-dojo\n/);
    expect(zsh.out).toContain('bashcompinit');
    expect(zsh.out).toContain('complete -F _netpol_dojo netpol-dojo');
    const fish = (await run(['completion', 'fish'])).out;
    expect(fish).toContain(`complete -c netpol-dojo -n "__fish_seen_subcommand_from matrix" -s o -l output -x -a 'json yaml wide'`);
    expect(fish).toContain(`complete -c netpol-dojo -n "__fish_seen_subcommand_from matrix" -s f -l file -r -F`);
    expect(fish).toContain(`-a matrix -d 'reachability matrix of the pods in manifests'`);
    expect((await run(['completion', 'tcsh'])).err).toBe('netpol-dojo: completion: unsupported shell "tcsh" (bash, zsh or fish)\n');
  });
});
