// The package as a user gets it: `npm pack`, installed into an empty folder with --omit=dev
// (no esbuild, no TypeScript), then run and imported from there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadManifests } from '../../src/core/manifest/load.js';
import { Engine, defaultProbes } from '../../src/core/engine/engine.js';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
// npm and the launcher's `#!/usr/bin/env node` must use the Node running this suite (CI runs it on 22 and 24 too).
const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
// npm's "new version available" notice is not ours to assert on.
const NPM_ENV = { ...process.env, PATH, npm_config_update_notifier: 'false' };

let work = '';
let app = '';
let home = '';

const SAMPLE = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
status: {podIP: 10.1.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop, labels: {app: client}}
spec: {containers: [{name: c, image: busybox}]}
status: {podIP: 10.1.0.11}
---
apiVersion: v1
kind: Pod
metadata: {name: stranger, namespace: shop}
spec: {containers: [{name: c, image: busybox}]}
status: {podIP: 10.1.0.12}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-client, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]
`;

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...NPM_ENV, HOME: home, NO_COLOR: '1' };
  delete e.NETPOL_DOJO_SCORES;
  delete e.XDG_STATE_HOME;
  delete e.NODE_ENV;
  return { ...e, ...extra };
}

function run(args: string[], extra: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['--no-install', 'netpol-dojo', ...args], { cwd: app, env: env(extra), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the packed package, installed with --omit=dev', () => {
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-pack-'));
    app = path.join(work, 'app');
    home = path.join(work, 'home');
    mkdirSync(app);
    mkdirSync(home);
    // dist/ is built from the sources before any test file runs (test/global-build.ts), as
    // `prepare` builds it for `npm pack`; packing it as it stands spares a second build of the
    // whole package (and a rebuild under the other files' running trainers).
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: root,
      env: NPM_ENV,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const tarball = path.join(work, (JSON.parse(out.slice(out.indexOf('['))) as { filename: string }[])[0].filename);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(path.join(app, 'cluster.yaml'), SAMPLE);
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
      cwd: app,
      env: NPM_ENV,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("ships the program and the exercises, not the tests, the sources or anyone's scores", { timeout: 180_000 }, () => {
    const installed = path.join(app, 'node_modules', 'netpol-dojo');
    for (const f of [
      'bin/netpol-dojo.js',
      'dist/cli.js',
      'dist/index.js',
      'dist/types/index.d.ts',
      'dist/bank/index.json',
      'exercises/exercise-1.yaml',
      'README.md',
      'LICENSE',
    ]) {
      expect(existsSync(path.join(installed, f)), f).toBe(true);
    }
    for (const f of ['test', 'src', 'scores', 'scripts', 'dist/bench.js']) expect(existsSync(path.join(installed, f)), f).toBe(false);
    // Dev tools stay out: the launcher must not need them.
    expect(existsSync(path.join(app, 'node_modules', 'esbuild'))).toBe(false);
    expect(existsSync(path.join(app, 'node_modules', 'typescript'))).toBe(false);
  });

  it("npx netpol-dojo --help and --version work; the version is package.json's", { timeout: 180_000 }, () => {
    const help = run(['--help']);
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage:');
    expect(help.stdout).toContain('matrix');
    const version = run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toContain(pkg.version);
    // Read at run time from the installed package.json, never a string baked into the code.
    const manifest = path.join(app, 'node_modules', 'netpol-dojo', 'package.json');
    const original = readFileSync(manifest, 'utf8');
    try {
      writeFileSync(manifest, original.replace(`"version": "${pkg.version}"`, '"version": "9.8.7-test"'));
      expect(run(['--version']).stdout).toContain('9.8.7-test');
    } finally {
      writeFileSync(manifest, original);
    }
  });

  it('matrix on a sample gives the same results as the engine in the sources', { timeout: 180_000 }, () => {
    const r = run(['matrix', '-f', 'cluster.yaml', '-o', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got = JSON.parse(r.stdout) as { results: { from: string; to: string; allowed: boolean }[] };
    const loaded = loadManifests([{ file: 'cluster.yaml', text: SAMPLE }]);
    const engine = new Engine(loaded.cluster, loaded.policies);
    const [probe] = defaultProbes(loaded.cluster);
    const want = got.results.map((x) => ({ ...x, allowed: engine.allowed(engine.indexOf(x.from), engine.indexOf(x.to), probe) }));
    expect(got.results).toEqual(want);
    expect(got.results.find((x) => x.from === 'shop/stranger' && x.to === 'shop/web')?.allowed).toBe(false);
    expect(got.results.find((x) => x.from === 'shop/client' && x.to === 'shop/web')?.allowed).toBe(true);
  });

  it('keeps progress in the XDG state directory, not inside node_modules', { timeout: 180_000 }, () => {
    const r = run(['stats']);
    expect(r.status).toBe(0);
    expect(existsSync(path.join(home, '.local', 'state', 'netpol-dojo'))).toBe(true);
    expect(existsSync(path.join(app, 'node_modules', 'netpol-dojo', 'scores'))).toBe(false);
    const xdg = path.join(work, 'xdg');
    expect(run(['stats'], { XDG_STATE_HOME: xdg }).status).toBe(0);
    expect(readdirSync(xdg)).toEqual(['netpol-dojo']);
  });

  it('imports as a library (ESM) with its type declarations', { timeout: 180_000 }, () => {
    const script = `
      import { loadManifests, hasErrors, buildEngine, matrix, why, explain, connections, connectionText } from 'netpol-dojo';
      import { readFileSync } from 'node:fs';
      const loaded = loadManifests([{ file: 'cluster.yaml', text: readFileSync('cluster.yaml', 'utf8') }]);
      if (hasErrors(loaded.findings)) throw new Error('findings');
      const engine = buildEngine(loaded);
      const m = matrix(engine);
      const v = why(engine, 'shop/stranger', 'shop/web', { port: 80, protocol: 'TCP' });
      const e = explain(loaded);
      const c = connectionText(connections(engine, engine.indexOf('shop/client'), engine.indexOf('shop/web')));
      console.log(JSON.stringify({ pods: m.pods, results: m.results.length, allowed: v.allowed, head: v.lines[0], policy: e[0].policy, client: c }));
    `;
    writeFileSync(path.join(app, 'use.mjs'), script);
    const out = execFileSync(process.execPath, ['use.mjs'], { cwd: app, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      pods: ['shop/web', 'shop/client', 'shop/stranger'],
      results: 6,
      allowed: false,
      head: 'shop/stranger -> shop/web on 80/TCP: DENIED',
      policy: 'shop/web-from-client',
      client: 'all',
    });
    // The same code as TypeScript type-checks against the shipped .d.ts (with the repository's tsc).
    writeFileSync(
      path.join(app, 'use.ts'),
      script.replace('(JSON.stringify', '(JSON.stringify').replace('const v =', 'const v: { allowed: boolean; lines: string[] } =') +
        '\nconst bad: number = matrix(engine).pods;\n',
    );
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [
      tsc,
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
      '--typeRoots',
      path.join(root, 'node_modules', '@types'),
      'use.ts',
    ];
    const checked = spawnSync(process.execPath, args, { cwd: app, encoding: 'utf8' });
    // Exactly the one planted mistake: the declarations resolve and carry real types.
    expect(checked.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/use\.ts\(\d+,\d+\): error TS2322: Type 'string\[\]' is not assignable to type 'number'/),
    ]);
  });

  it.skipIf(!hasTmux)('opens the trainer: the first frame in a real terminal', { timeout: 180_000 }, async () => {
    const socket = `netpol-dojo-pack-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const scores = path.join(work, 'tui-scores');
    const command = `cd ${JSON.stringify(app)} && env PATH=${JSON.stringify(PATH)} CI=false NO_COLOR=1 NETPOL_DOJO_SCORES=${JSON.stringify(scores)} npx --no-install netpol-dojo; echo "exit status $?"; exec sleep 600`;
    try {
      tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', 'pack', 'sh', '-c', command);
      let screen = '';
      // Wait on the frame itself; the bound only turns a hang into a readable failure.
      for (let i = 0; i < 600 && !/\d+\/\d+ exercises passed/.test(screen); i++) {
        await new Promise((r) => setTimeout(r, 100));
        screen = tmux('capture-pane', '-p', '-t', 'pack');
      }
      expect(screen).toMatch(/\d+\/\d+ exercises passed/);
      expect(screen).toContain('1. Practice');
      tmux('send-keys', '-t', 'pack', 'q');
      for (let i = 0; i < 300 && !screen.includes('exit status'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        screen = tmux('capture-pane', '-p', '-t', 'pack');
      }
      expect(screen).toContain('exit status 0');
    } finally {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    }
  });
});
