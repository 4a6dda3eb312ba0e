// Typing latency: from a key reaching the process to the frame that shows it being written,
// in the trainer's YAML editor holding a 300-line draft, beside a bare Ink echo app, both
// bundled with the build's esbuild options and run alternately in a 100x30 tmux pane.
// Prints medians, min and max per keystroke and their ratio.
// Usage: node scripts/bench-typing.mjs [sessions=3] [keys=15]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleOptions, root } from './bundle-options.mjs';

const sessions = Number(process.argv[2] ?? 3);
const keys = Number(process.argv[3] ?? 15);
const work = process.env.TYPING_WORK ?? mkdtempSync(path.join(tmpdir(), 'netpol-dojo-typing-'));
const socket = `netpol-dojo-typing-${process.pid}`;
const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A 300-line draft: NetworkPolicies as a learner writes them.
const policy = (i) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-${i}
  namespace: shop
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
writeFileSync(path.join(work, 'draft.yaml'), draft);

writeFileSync(path.join(work, 'editor.tsx'), `
import React from 'react';
import { readFileSync } from 'node:fs';
import { render } from 'ink';
import { YamlEditor } from ${JSON.stringify(path.join(root, 'src', 'tui', 'editor', 'YamlEditor.tsx'))};
const draft = readFileSync(${JSON.stringify(path.join(work, 'draft.yaml'))}, 'utf8');
render(<YamlEditor initialText={draft} width={100} height={29} />);
`);
writeFileSync(path.join(work, 'echo.tsx'), `
import React, { useState } from 'react';
import { render, Text, useInput } from 'ink';
function Echo() {
  const [text, setText] = useState('');
  useInput((input) => setText((t) => t + input));
  return <Text>{'echo: ' + text}</Text>;
}
render(<Echo />);
`);
await build({ ...bundleOptions, entryPoints: { editor: path.join(work, 'editor.tsx'), echo: path.join(work, 'echo.tsx') }, outdir: path.join(work, 'dist'), nodePaths: [path.join(root, 'node_modules')] });

// Inside the process: note when stdin has a key, and when the next frame is written after it.
const preload = path.join(work, 'latency.mjs');
writeFileSync(preload, `
import { appendFileSync } from 'node:fs';
let keyAt;
const emit = process.stdin.emit;
process.stdin.emit = function (event, ...rest) {
  if ((event === 'readable' || event === 'data') && keyAt === undefined) keyAt = performance.now();
  return emit.call(this, event, ...rest);
};
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const r = write(chunk, ...rest);
  if (keyAt !== undefined) {
    appendFileSync(process.env.LATENCY_FILE, (performance.now() - keyAt).toFixed(2) + '\\n');
    keyAt = undefined;
  }
  return r;
};
`);

async function session(name, index) {
  const out = path.join(work, `lat-${name}-${index}`);
  const s = `t${index}${name}`;
  tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', s, 'sh', '-c', `exec env CI=false LATENCY_FILE=${out} node ${process.env.TYPING_NODE_FLAGS ?? ''} --import ${preload} ${path.join(work, 'dist', `${name}.js`)}`);
  try {
    const ready = name === 'echo' ? 'echo:' : 'Ln 1, Col 1';
    const deadline = Date.now() + 10_000;
    while (!tmux('capture-pane', '-p', '-t', s).includes(ready)) {
      if (Date.now() > deadline) throw new Error(`${name}: no first frame`);
      await sleep(20);
    }
    await sleep(300);
    if (existsSync(out)) rmSync(out);
    for (let k = 0; k < keys; k++) {
      tmux('send-keys', '-t', s, '-l', 'x');
      await sleep(150);
    }
    await sleep(200);
    return existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').map(Number) : [];
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
  const lat = { editor: [], echo: [] };
  await session('editor', 'warm');
  await session('echo', 'warm');
  for (let i = 0; i < sessions; i++) {
    for (const name of i % 2 ? ['echo', 'editor'] : ['editor', 'echo']) lat[name].push(...(await session(name, i)));
  }
  console.log(`keystroke to frame written (in-process), ${sessions} sessions x ${keys} keys each, 100x30 (ms):`);
  for (const name of ['editor', 'echo']) {
    const xs = lat[name];
    console.log(`  ${name === 'editor' ? 'editor, 300-line draft' : 'bare Ink echo app'}`.padEnd(26) + ` median ${median(xs).toFixed(1)}  min ${Math.min(...xs).toFixed(1)}  max ${Math.max(...xs).toFixed(1)}  (${xs.length} keys)`);
  }
  console.log(`  ratio editor / echo: ${(median(lat.editor) / median(lat.echo)).toFixed(2)} (target <= 2)`);
} finally {
  try {
    tmux('kill-server');
  } catch {
    // none
  }
  if (!process.env.TYPING_WORK) rmSync(work, { recursive: true, force: true });
}
