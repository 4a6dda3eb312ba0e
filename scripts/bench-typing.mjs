// Typing latency in the trainer as a learner meets it: exercise-1's answer editor (with its live
// matrix) holding a 300-line draft, pasted in, beside a bare Ink echo app bundled with the build's
// esbuild options; both in a 100x30 tmux pane, sessions alternating. For each key, two figures:
//   on screen:  from `tmux send-keys` to the first capture of the pane that shows the new
//               character (what the learner sees, including tmux drawing it; captures follow
//               one another, each 2-5 ms);
//   in process: from the key reaching stdin to the first write after it that carries the
//               character (the program's own work, without the terminal's).
// Prints medians, min and max per figure and their ratios (target: editor <= 2x echo).
// Run `npm run build` first (the trainer runs from dist/).
// Usage: node scripts/bench-typing.mjs [sessions=4] [keys=15]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleOptions, root } from './bundle-options.mjs';

const sessions = Number(process.argv[2] ?? 4);
const keys = Number(process.argv[3] ?? 15);
const work = process.env.TYPING_WORK ?? mkdtempSync(path.join(tmpdir(), 'netpol-dojo-typing-'));
const socket = `netpol-dojo-typing-${process.pid}`;
const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
/** The typed character: none in the draft, so its count on screen grows by one per key. */
const CHAR = 'x';
const count = (screen) => screen.split(CHAR).length - 1;

// A 300-line draft: NetworkPolicies as a learner writes them (no CHAR in it).
const policy = (i) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-${i}
  namespace: netpol-test
spec:
  podSelector:
    matchLabels:
      app: web-${i}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: client
    ports:
    - port: 80
---`;
const draft = Array.from({ length: 20 }, (_, i) => policy(i)).join('\n').split('\n').slice(0, 300).join('\n');
if (draft.includes(CHAR)) throw new Error('the draft must not hold the typed character');
writeFileSync(path.join(work, 'draft.yaml'), draft);

writeFileSync(
  path.join(work, 'echo.tsx'),
  `
import React, { useState } from 'react';
import { render, Text, useInput } from 'ink';
function Echo() {
  const [text, setText] = useState('');
  useInput((input) => setText((t) => t + input));
  return <Text>{'echo: ' + text}</Text>;
}
render(<Echo />);
`,
);
await build({ ...bundleOptions, entryPoints: { echo: path.join(work, 'echo.tsx') }, outdir: path.join(work, 'dist'), nodePaths: [path.join(root, 'node_modules')] });

// Inside the process: when stdin has a key, and when the first write after it carries CHAR.
const preload = path.join(work, 'latency.mjs');
writeFileSync(
  preload,
  `
import { appendFileSync, existsSync } from 'node:fs';
let keyAt;
const emit = process.stdin.emit;
process.stdin.emit = function (event, ...rest) {
  if ((event === 'readable' || event === 'data') && keyAt === undefined && existsSync(process.env.LATENCY_ARMED)) keyAt = performance.now();
  return emit.call(this, event, ...rest);
};
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const r = write(chunk, ...rest);
  if (keyAt !== undefined && String(chunk).includes(${JSON.stringify(CHAR)})) {
    appendFileSync(process.env.LATENCY_FILE, (performance.now() - keyAt).toFixed(2) + '\\n');
    keyAt = undefined;
  }
  return r;
};
`,
);

const capture = (s) => tmux('capture-pane', '-p', '-t', s);

/** Polls the pane every `pollMs` (0: capture after capture, each about 2-5 ms) until `test` holds. */
async function waitScreen(s, what, test, pollMs = 10) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const screen = capture(s);
    if (test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`no ${what} within 20 s; screen:\n${screen}`);
    if (pollMs > 0) await sleep(pollMs);
  }
}

/** The trainer at exercise-1's answer editor with the draft pasted in, settled. */
async function openTrainerEditor(s) {
  await waitScreen(s, 'home summary', (x) => x.includes('exercises passed'));
  tmux('send-keys', '-t', s, '1');
  await waitScreen(s, 'practice list', (x) => x.includes('/ to filter'));
  tmux('send-keys', '-t', s, '/');
  tmux('send-keys', '-t', s, '-l', 'exercise-1');
  tmux('send-keys', '-t', s, 'Enter');
  await sleep(100);
  tmux('send-keys', '-t', s, 'Enter');
  await waitScreen(s, 'the task', (x) => x.includes('exercise-1 · Step 1/'));
  tmux('send-keys', '-t', s, 'Enter');
  await waitScreen(s, 'the editor', (x) => x.includes('Ln 1, Col 1'));
  tmux('load-buffer', path.join(work, 'draft.yaml'));
  tmux('paste-buffer', '-p', '-t', s);
  await waitScreen(s, 'the pasted draft', (x) => /Ln 300, Col \d+/.test(x) && x.includes('Live:'));
}

async function session(name, index) {
  const out = path.join(work, `lat-${name}-${index}`);
  const armed = path.join(work, `armed-${name}-${index}`);
  const s = `t${index}${name}`;
  const program = name === 'echo' ? path.join(work, 'dist', 'echo.js') : path.join(root, 'bin', 'netpol-dojo.js');
  const scores = path.join(work, `scores-${name}-${index}`);
  const env = `CI=false LATENCY_FILE=${out} LATENCY_ARMED=${armed} NETPOL_DOJO_SCORES=${scores}`;
  newSession('-d', '-x', '100', '-y', '30', '-s', s, 'sh', '-c', `exec env ${env} node ${process.env.TYPING_NODE_FLAGS ?? ''} --import ${preload} ${program}`);
  try {
    if (name === 'echo') await waitScreen(s, 'echo', (x) => x.includes('echo:'));
    else await openTrainerEditor(s);
    // The live matrix and the draft's save settle first.
    await sleep(800);
    writeFileSync(armed, '');
    const screenMs = [];
    for (let k = 0; k < keys; k++) {
      const before = count(capture(s));
      const t0 = performance.now();
      tmux('send-keys', '-t', s, '-l', CHAR);
      await waitScreen(s, `key ${k + 1}`, (x) => count(x) > before, 0);
      screenMs.push(performance.now() - t0);
      await sleep(150);
    }
    await sleep(200);
    const inProcess = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').map(Number) : [];
    return { screenMs, inProcess };
  } finally {
    try {
      tmux('kill-session', '-t', s);
    } catch {
      // gone
    }
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

try {
  const lat = { editor: { screenMs: [], inProcess: [] }, echo: { screenMs: [], inProcess: [] } };
  await session('editor', 'warm');
  await session('echo', 'warm');
  for (let i = 0; i < sessions; i++) {
    for (const name of i % 2 ? ['echo', 'editor'] : ['editor', 'echo']) {
      const r = await session(name, i);
      lat[name].screenMs.push(...r.screenMs);
      lat[name].inProcess.push(...r.inProcess);
    }
  }
  const label = { editor: 'editor, 300-line draft', echo: 'bare Ink echo app' };
  for (const [figure, title] of [
    ['screenMs', 'send-keys to the character on screen (tmux capture)'],
    ['inProcess', 'key on stdin to the first write carrying it (in-process)'],
  ]) {
    console.log(`${title}, ${sessions} sessions x ${keys} keys each, 100x30 (ms):`);
    for (const name of ['editor', 'echo']) {
      const xs = lat[name][figure];
      console.log(`  ${label[name]}`.padEnd(26) + ` median ${median(xs).toFixed(1)}  min ${Math.min(...xs).toFixed(1)}  max ${Math.max(...xs).toFixed(1)}  (${xs.length} keys)`);
    }
    console.log(`  ratio editor / echo: ${(median(lat.editor[figure]) / median(lat.echo[figure])).toFixed(2)} (target <= 2)`);
  }
} finally {
  try {
    tmux('kill-server');
  } catch {
    // none
  }
  if (!process.env.TYPING_WORK) rmSync(work, { recursive: true, force: true });
}
