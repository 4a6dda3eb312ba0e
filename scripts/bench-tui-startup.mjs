// Start-up time of the TUI on a real (pseudo) terminal, beside an Ink hello-world bundled the
// same way (`ink hello`: scripts/build.mjs's esbuild options, dependency patches included) and
// beside the same hello-world with Ink's dependencies as published (`bare ink`): the first
// frame, and time to usable (the Practice list on screen after pressing 1 on Home, with the
// progress summary loaded). The pane is watched by a tmux control-mode client
// (scripts/bench/tmux-control.mjs); the figures of the earlier method (a new tmux process for
// every capture and key) follow for comparison. Also the time to the first result of `grade`
// beside `node -e 0`. Runs the programs in turn and prints medians, min, max and their ratios.
// Usage: node scripts/bench-tui-startup.mjs [runs=7]
import { build } from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleOptions, root } from './bundle-options.mjs';
import { ControlledPane } from './bench/tmux-control.mjs';

const runs = Number(process.argv[2] ?? 7);
const work = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-bench-'));
const socket = `netpol-dojo-bench-${process.pid}`;

const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** new-session, retried: tmux now and then refuses one while the previous session's server exits. */
function newSession(...args) {
  for (let attempt = 1; ; attempt++) {
    try {
      return tmux('new-session', ...args);
    } catch (e) {
      if (attempt === 3) throw e;
      execFileSync('sleep', ['0.2']);
    }
  }
}

// An Ink hello-world, bundled twice: with the options of scripts/build.mjs (`ink hello`: the
// same esbuild settings and the same patches of dependencies as the trainer, such as yoga's
// wasm loaded without fetch), and with those settings but Ink's dependencies as published
// (`bare ink`: what a bare Ink app costs).
writeFileSync(path.join(work, 'hello.tsx'), `
import React from 'react';
import { render, Text } from 'ink';
render(<Text>hello from ink</Text>);
// Stay up until the benchmark closes the pane, as the trainer does: a pane that closes by
// itself could vanish between two captures.
setInterval(() => {}, 1 << 30);
`);

await build({
  ...bundleOptions,
  entryPoints: { hello: path.join(work, 'hello.tsx') },
  outdir: path.join(work, 'dist'),
  nodePaths: [path.join(root, 'node_modules')],
});
await build({
  ...bundleOptions,
  alias: { 'react-devtools-core': bundleOptions.alias['react-devtools-core'] },
  plugins: [],
  entryPoints: { hello: path.join(work, 'hello.tsx') },
  outdir: path.join(work, 'dist-bare'),
  nodePaths: [path.join(root, 'node_modules')],
});

// The trainer as users start it (bin/netpol-dojo.js -> dist/, built by scripts/build.mjs with
// the options above), and the hello-world bundled with those same options.
const targets = {
  trainer: { file: path.join(root, 'bin', 'netpol-dojo.js'), text: 'Quit', ready: (screen) => screen.includes('netpol-dojo') && screen.includes('Quit') },
  'ink hello': { file: path.join(work, 'dist', 'hello.js'), text: 'hello from ink', ready: (screen) => screen.includes('hello from ink') },
  'bare ink': { file: path.join(work, 'dist-bare', 'hello.js'), text: 'hello from ink', ready: (screen) => screen.includes('hello from ink') },
};

// A preload that notes, inside the process, when the first frame is written: the program's own
// start-up time, without the terminal's drawing (which grows with the size of the frame).
const preload = path.join(work, 'first-frame.mjs');
writeFileSync(preload, `
import { writeFileSync } from 'node:fs';
const write = process.stdout.write.bind(process.stdout);
let seen = false;
process.stdout.write = (chunk, ...rest) => {
  if (!seen && String(chunk).includes(process.env.FIRST_FRAME_TEXT)) {
    seen = true;
    writeFileSync(process.env.FIRST_FRAME_FILE, performance.now().toFixed(1));
  }
  return write(chunk, ...rest);
};
`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds from the shell's exec of node to the first capture showing the ready frame. */
async function measure(name, index) {
  const { file, ready } = targets[name];
  const t0File = path.join(work, `t0-${index}`);
  const session = `s${index}`;
  // The shell records the start time, then execs node in place (same process start).
  const scores = path.join(work, 'scores');
  const command = `date +%s%N > ${t0File}; exec env CI=false NETPOL_DOJO_SCORES=${scores} node ${file}`;
  newSession('-d', '-x', '100', '-y', '30', '-s', session, 'sh', '-c', command);
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

/**
 * Milliseconds from the shell's exec of node to the trainer's Practice list on screen: the
 * key 1 is sent as soon as Home shows its progress summary (the bank and store loaded).
 */
async function measureUsable(index) {
  const t0File = path.join(work, `u0-${index}`);
  const session = `u${index}`;
  const command = `date +%s%N > ${t0File}; exec env CI=false NETPOL_DOJO_SCORES=${path.join(work, 'scores')} node ${targets.trainer.file}`;
  newSession('-d', '-x', '100', '-y', '30', '-s', session, 'sh', '-c', command);
  try {
    const deadline = Date.now() + 10_000;
    let sent = false;
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', session);
      if (!sent && /exercises passed/.test(screen)) {
        tmux('send-keys', '-t', session, '1');
        sent = true;
      }
      if (sent && /\d+ exercises · /.test(screen) && /write|predict|fix|pick/.test(screen) && existsSync(t0File)) {
        const t0Ms = Number(BigInt(readFileSync(t0File, 'utf8').trim()) / 1_000_000n);
        return Date.now() - t0Ms;
      }
      if (Date.now() > deadline) throw new Error(`trainer: no Practice list within 10 s; screen:\n${screen}`);
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

/**
 * The same two measures through one tmux control-mode client (scripts/bench/tmux-control.mjs):
 * the pane is captured the moment the program writes to it, and the key travels over the
 * client's socket, so neither waits for a tmux process to start. `usable`: the trainer's
 * Practice list after 1 on Home; otherwise the first frame.
 */
async function measureControlled(name, index, { usable = false } = {}) {
  const { file, ready } = targets[name];
  const t0File = path.join(work, `c0-${index}`);
  const command = `date +%s%N > ${t0File}; exec env CI=false NETPOL_DOJO_SCORES=${path.join(work, 'scores')} node ${file}`;
  const pane = new ControlledPane(`${socket}-c${index}`, `c${index}`, command);
  try {
    let seen;
    if (usable) {
      await pane.waitFor((screen) => /exercises passed/.test(screen));
      await pane.sendKeys('1');
      seen = await pane.waitFor((screen) => /\d+ exercises · /.test(screen) && /write|predict|fix|pick/.test(screen));
    } else seen = await pane.waitFor(ready);
    const t0Ms = Number(BigInt(readFileSync(t0File, 'utf8').trim()) / 1_000_000n);
    return seen - t0Ms;
  } finally {
    await pane.close();
  }
}

/** Milliseconds from spawning a command to its first byte on stdout (or its exit when it prints nothing). */
function firstOutput(argv) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first;
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NETPOL_DOJO_SCORES: path.join(work, 'scores') } });
    child.stdout.on('data', () => (first ??= performance.now() - t0));
    child.on('error', reject);
    child.on('close', (code) => (code !== null && code <= 1 ? resolve(first ?? performance.now() - t0) : reject(new Error(`${argv.join(' ')}: exit ${code}`))));
  });
}

/** Milliseconds from node's start to the write of the first frame, noted by the process itself. */
async function measureInProcess(name, index) {
  const { file, text } = targets[name];
  const out = path.join(work, `ff-${index}`);
  const session = `p${index}`;
  const command = `exec env CI=false NETPOL_DOJO_SCORES=${path.join(work, 'scores')} FIRST_FRAME_TEXT='${text}' FIRST_FRAME_FILE=${out} node --import ${preload} ${file}`;
  newSession('-d', '-x', '100', '-y', '30', '-s', session, 'sh', '-c', command);
  try {
    const deadline = Date.now() + 10_000;
    while (!existsSync(out) || readFileSync(out, 'utf8') === '') {
      if (Date.now() > deadline) throw new Error(`${name}: no first frame within 10 s`);
      await sleep(5);
    }
    return Number(readFileSync(out, 'utf8'));
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

/** A reference answer to grade: the solution `show --solution` prints. */
function gradeArgs() {
  const id = 'exercise-1';
  const shown = JSON.parse(execFileSync('node', [targets.trainer.file, 'show', id, '--solution', '--output', 'json'], { encoding: 'utf8', env: { ...process.env, NETPOL_DOJO_SCORES: path.join(work, 'scores') } }));
  const answer = path.join(work, 'answer.yaml');
  writeFileSync(answer, shown.solution);
  return ['node', targets.trainer.file, 'grade', id, answer, '--no-save'];
}

try {
  // Warm the file cache once for each.
  await measure('trainer', 'warm-a');
  await measure('ink hello', 'warm-b');
  await measure('bare ink', 'warm-c');
  await measureUsable('warm-d');
  const grade = gradeArgs();
  const names = Object.keys(targets);
  const series = () => Object.fromEntries(names.map((n) => [n, []]));
  const inProcess = series();
  const visible = series();
  const polled = series();
  const usable = { trainer: [] };
  const polledUsable = { trainer: [] };
  const cli = { grade: [], 'node -e 0': [] };
  const slug = (name) => name.replace(' ', '-');
  for (let i = 0; i < runs; i++) {
    // Each measure runs the programs one after the other, in an order that turns each run.
    const order = names.map((_, k) => names[(i + k) % names.length]);
    for (const name of order) inProcess[name].push(await measureInProcess(name, `${slug(name)}-${i}`));
    for (const name of order) visible[name].push(await measureControlled(name, `f-${slug(name)}-${i}`));
    usable.trainer.push(await measureControlled('trainer', `u-${i}`, { usable: true }));
    for (const name of order) polled[name].push(await measure(name, `${slug(name)}-${i}`));
    polledUsable.trainer.push(await measureUsable(i));
    const cliOrder = i % 2 === 0 ? ['grade', 'node -e 0'] : ['node -e 0', 'grade'];
    for (const name of cliOrder) cli[name].push(await firstOutput(name === 'grade' ? grade : ['node', '-e', '0']));
  }
  const stats = (xs) => `median ${median(xs).toFixed(0).padStart(5)}  min ${Math.min(...xs).toFixed(0).padStart(5)}  max ${Math.max(...xs).toFixed(0).padStart(5)}`;
  const ratio = (xs, ys) => {
    const per = xs.map((x, i) => x / ys[i]);
    return `${(median(xs) / median(ys)).toFixed(2)} (per run: min ${Math.min(...per).toFixed(2)}, max ${Math.max(...per).toFixed(2)})`;
  };
  /** The series of `a` beside each peer, with the ratio of medians and the per-run ratios. */
  const report = (title, rows, a, peers) => {
    console.log(title);
    for (const [name, xs] of Object.entries(rows)) console.log(`  ${name.padEnd(15)} ${stats(xs)}`);
    for (const [peer, ys] of Object.entries(peers)) console.log(`  ratio ${a} / ${peer}: ${ratio(rows[a], ys)}`);
  };
  const peersOf = (t) => ({ 'ink hello': t['ink hello'], 'bare ink': t['bare ink'] });
  report(`first frame written, from node's start (in-process; trainer via bin/netpol-dojo.js), ${runs} runs each (ms):`, inProcess, 'trainer', peersOf(inProcess));
  report(`first frame visible in a 100x30 tmux pane, seen by a tmux control-mode client, ${runs} runs each (ms):`, visible, 'trainer', peersOf(visible));
  report(
    `time to usable: the trainer's Practice list visible after 1 on Home (its progress summary shown), against the hello-worlds' first frame visible; control-mode client, ${runs} runs each (ms):`,
    { 'trainer usable': usable.trainer, ...peersOf(visible) },
    'trainer usable',
    peersOf(visible),
  );
  report(
    `the same two measures with capture-pane and send-keys run as new tmux processes, polled every 2 ms (the method before the control-mode client: each observation lags by a process start), ${runs} runs each (ms):`,
    { 'trainer usable': polledUsable.trainer, ...peersOf(polled) },
    'trainer usable',
    peersOf(polled),
  );
  report(`grade ${grade[3]}: spawn to first byte of the result, against node -e 0 to exit, ${runs} runs each (ms):`, cli, 'grade', { 'node -e 0': cli['node -e 0'] });
} finally {
  try {
    tmux('kill-server');
  } catch {
    // No server left.
  }
  rmSync(work, { recursive: true, force: true });
}
