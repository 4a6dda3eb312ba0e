// Start-up time of the TUI: from process start to the first frame on a real (pseudo) terminal,
// for the trainer and for a bare Ink hello-world bundled the same way (same esbuild options as
// scripts/build.mjs). Runs both alternately in tmux and prints medians and their ratio.
// Usage: node scripts/bench-tui-startup.mjs [runs=7]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const runs = Number(process.argv[2] ?? 7);
const work = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-bench-'));
const socket = `netpol-dojo-bench-${process.pid}`;

const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

// The trainer's entry as bin/netpol-dojo.js reaches it with no command, and a hello-world.
writeFileSync(path.join(work, 'app.ts'), `
import { tuiCommand } from ${JSON.stringify(path.join(root, 'src/tui/main.tsx'))};
process.exitCode = await tuiCommand([], { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), readStdin: async () => '' });
`);
writeFileSync(path.join(work, 'hello.tsx'), `
import React from 'react';
import { render, Text } from 'ink';
render(<Text>hello from ink</Text>);
`);

await build({
  absWorkingDir: root,
  entryPoints: { app: path.join(work, 'app.ts'), hello: path.join(work, 'hello.tsx') },
  outdir: path.join(work, 'dist'),
  nodePaths: [path.join(root, 'node_modules')],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { 'react-devtools-core': path.join(root, 'scripts', 'empty-module.cjs') },
  banner: { js: "import { createRequire as __netpolRequire } from 'node:module'; const require = __netpolRequire(import.meta.url);" },
});

const targets = {
  trainer: { file: path.join(work, 'dist', 'app.js'), ready: (screen) => screen.includes('netpol-dojo') && screen.includes('Quit') },
  'ink hello': { file: path.join(work, 'dist', 'hello.js'), ready: (screen) => screen.includes('hello from ink') },
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds from the shell's exec of node to the first capture showing the ready frame. */
async function measure(name, index) {
  const { file, ready } = targets[name];
  const t0File = path.join(work, `t0-${index}`);
  const session = `s${index}`;
  // The shell records the start time, then execs node in place (same process start).
  const command = `date +%s%N > ${t0File}; exec env CI=false node ${file}`;
  tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', session, 'sh', '-c', command);
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', session);
      if (ready(screen) && existsSync(t0File)) {
        const wallNowMs = Date.now();
        const t0Ms = Number(BigInt(readFileSync(t0File, 'utf8').trim()) / 1_000_000n);
        return wallNowMs - t0Ms;
      }
      if (Date.now() > deadline) throw new Error(`${name}: no first frame within 10 s; screen:\n${screen}`);
      await sleep(2);
    }
  } finally {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      // Already gone.
    }
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

try {
  // Warm the file cache once for each.
  await measure('trainer', 'warm-a');
  await measure('ink hello', 'warm-b');
  const times = { trainer: [], 'ink hello': [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['trainer', 'ink hello'] : ['ink hello', 'trainer'];
    for (const name of order) times[name].push(await measure(name, `${name.replace(' ', '-')}-${i}`));
  }
  const a = median(times.trainer);
  const b = median(times['ink hello']);
  console.log(`first frame in a 100x30 tmux pane, ${runs} runs each, alternating (ms, includes ~2-5 ms polling):`);
  console.log(`  trainer    median ${a.toFixed(0).padStart(5)}   runs ${times.trainer.join(' ')}`);
  console.log(`  ink hello  median ${b.toFixed(0).padStart(5)}   runs ${times['ink hello'].join(' ')}`);
  console.log(`  ratio trainer / hello: ${(a / b).toFixed(2)}`);
} finally {
  try {
    tmux('kill-server');
  } catch {
    // No server left.
  }
  rmSync(work, { recursive: true, force: true });
}
