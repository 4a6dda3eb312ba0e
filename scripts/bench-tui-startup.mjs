// Start-up time of the TUI on a real (pseudo) terminal, beside a bare Ink hello-world bundled
// the same way (same esbuild options as scripts/build.mjs): the first frame, and time to usable
// (the Practice list on screen after pressing 1 on Home, with the progress summary loaded).
// Also the time to the first result of `grade` beside `node -e 0`. Runs the programs
// alternately and prints medians, min, max and their ratios.
// Usage: node scripts/bench-tui-startup.mjs [runs=7]
import { build } from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleOptions, root } from './bundle-options.mjs';

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

// A bare Ink hello-world, bundled with the options of scripts/build.mjs.
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

// The trainer as users start it (bin/netpol-dojo.js -> dist/, built by scripts/build.mjs with
// the options above), and the hello-world bundled with those same options.
const targets = {
  trainer: { file: path.join(root, 'bin', 'netpol-dojo.js'), text: 'Quit', ready: (screen) => screen.includes('netpol-dojo') && screen.includes('Quit') },
  'ink hello': { file: path.join(work, 'dist', 'hello.js'), text: 'hello from ink', ready: (screen) => screen.includes('hello from ink') },
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
  await measureUsable('warm-c');
  const grade = gradeArgs();
  const times = { trainer: [], 'ink hello': [] };
  const inProcess = { trainer: [], 'ink hello': [] };
  const usable = { trainer: [], 'ink hello': [] };
  const cli = { grade: [], 'node -e 0': [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['trainer', 'ink hello'] : ['ink hello', 'trainer'];
    for (const name of order) times[name].push(await measure(name, `${name.replace(' ', '-')}-${i}`));
    for (const name of order) inProcess[name].push(await measureInProcess(name, `${name.replace(' ', '-')}-${i}`));
    // Time to usable: the trainer's Practice list against the hello-world's first frame.
    for (const name of order) usable[name].push(name === 'trainer' ? await measureUsable(i) : await measure(name, `uh-${i}`));
    const cliOrder = i % 2 === 0 ? ['grade', 'node -e 0'] : ['node -e 0', 'grade'];
    for (const name of cliOrder) cli[name].push(await firstOutput(name === 'grade' ? grade : ['node', '-e', '0']));
  }
  const stats = (xs) => `median ${median(xs).toFixed(0).padStart(5)}  min ${Math.min(...xs).toFixed(0).padStart(5)}  max ${Math.max(...xs).toFixed(0).padStart(5)}`;
  const report = (title, t, [a, b] = ['trainer', 'ink hello']) => {
    console.log(title);
    console.log(`  ${a.padEnd(10)} ${stats(t[a])}`);
    console.log(`  ${b.padEnd(10)} ${stats(t[b])}`);
    const ratios = t[a].map((x, i) => x / t[b][i]);
    console.log(`  ratio ${a} / ${b}: ${(median(t[a]) / median(t[b])).toFixed(2)} (per run: min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})`);
  };
  report(`first frame written, from node's start (in-process; trainer via bin/netpol-dojo.js), ${runs} runs each (ms):`, inProcess);
  report(`first frame visible in a 100x30 tmux pane (includes tmux drawing the frame and ~2-5 ms polling), ${runs} runs each (ms):`, times);
  report(`time to usable: trainer's Practice list visible after 1 on Home, against hello's first frame visible, ${runs} runs each (ms):`, usable);
  report(`grade ${grade[3]}: spawn to first byte of the result, against node -e 0 to exit, ${runs} runs each (ms):`, cli, ['grade', 'node -e 0']);
} finally {
  try {
    tmux('kill-server');
  } catch {
    // No server left.
  }
  rmSync(work, { recursive: true, force: true });
}
