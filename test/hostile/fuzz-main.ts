// `npm run fuzz [-- CASES [SEED] [--binary-every N]]`: the fuzzer at scale (default 100,000 cases).
// Prints the slowest and largest cases and peak memory; exits 1 on any failed check, or when a
// case takes more than 3 s or the process grows past 512 MiB.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureWarnings, loadSeeds, makeCase, runCase } from './fuzz.js';
import { RAW_CONTROL, bin, tempDir } from './helpers.js';

const args = process.argv.slice(2);
const flag = (name: string): number | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return v;
};
const binaryEvery = flag('--binary-every') ?? 0;
const from = flag('--from') ?? 0;
const total = Number(args[0] ?? 100_000);
const runSeed = Number(args[1] ?? 20261201);
const MAX_MS = 3_000;
const MAX_RSS = 512 * 1024 * 1024;

const seeds = loadSeeds();
const capture = captureWarnings();
const failures: string[] = [];
const fail = (message: string): void => {
  failures.push(message);
  process.stderr.write(`FAIL ${message.slice(0, 600)}\n`);
};
const slowest: { ms: number; id: number; what: string }[] = [];
let largest = { bytes: 0, id: -1, what: '' };
let peakRss = 0;
let binaryRuns = 0;
let binaryPeakKb = 0;
let binarySlowest = 0;
const hasTime = (() => {
  try {
    execFileSync('/usr/bin/time', ['-f', '%M', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dir = tempDir('netpol-fuzz-run-');
const started = Date.now();
// Ctrl+C (or a time limit's SIGTERM) ends the run early with the summary so far.
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => (stopping = true));

let done = 0;
for (let id = from; id < from + total && !stopping; id++) {
  done++;
  const c = makeCase(seeds, runSeed, id);
  const what = `${c.seed.name}: ${c.mutations.join('+')}`;
  const r = await runCase(c, capture.warnings);
  if (r.problems.length) fail(`case ${id} (${what}): ${r.problems.join('; ')}`);
  if (r.ms > MAX_MS) fail(`case ${id} (${what}): took ${r.ms.toFixed(0)} ms`);
  slowest.push({ ms: r.ms, id, what });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
  if (r.bytes > largest.bytes) largest = { bytes: r.bytes, id, what };
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  if (rss > MAX_RSS) fail(`case ${id} (${what}): process at ${(rss / 2 ** 20).toFixed(0)} MiB`);
  if (binaryEvery > 0 && id % binaryEvery === 0) {
    const file = path.join(dir, 'case.yaml');
    writeFileSync(file, c.text);
    const t0 = Date.now();
    const cmd = hasTime ? ['/usr/bin/time', ['-f', '%M', process.execPath, bin, 'matrix', '-f', file]] : [process.execPath, [bin, 'matrix', '-f', file]];
    const p = spawnSync(cmd[0] as string, cmd[1] as string[], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const ms = Date.now() - t0;
    binaryRuns++;
    binarySlowest = Math.max(binarySlowest, ms);
    let stderr = p.stderr ?? '';
    if (hasTime) {
      const lines = stderr.trimEnd().split('\n');
      const kb = Number(lines.pop());
      if (Number.isFinite(kb)) binaryPeakKb = Math.max(binaryPeakKb, kb);
      stderr = lines.join('\n').replace(/^Command exited with non-zero status \d+$/m, '');
    }
    if (p.status !== 0 && p.status !== 2) fail(`case ${id} (${what}) binary: exit ${p.status} ${p.signal ?? ''}`);
    if (RAW_CONTROL.test((p.stdout ?? '') + stderr)) fail(`case ${id} (${what}) binary: raw control character`);
    if (ms > MAX_MS) fail(`case ${id} (${what}) binary: took ${ms} ms`);
  }
  if (done % 2_000 === 0) process.stderr.write(`fuzz: ${done}/${total} cases, ${failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}
capture.restore();

console.log(`fuzz: ${done} cases from ${from} (seed ${runSeed}${stopping ? ', stopped early' : ''}) in ${((Date.now() - started) / 1000).toFixed(0)} s; ${failures.length} failures`);
console.log(`slowest: ${slowest.map((s) => `case ${s.id} ${s.ms.toFixed(0)} ms (${s.what})`).join('; ')}`);
console.log(`largest: case ${largest.id}, ${largest.bytes} characters (${largest.what}); peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
if (binaryRuns) console.log(`binary: ${binaryRuns} runs, slowest ${binarySlowest} ms${hasTime ? `, peak RSS ${(binaryPeakKb / 1024).toFixed(0)} MiB` : ''}`);
for (const f of failures.slice(0, 20)) console.log(`FAIL ${f}`);
process.exitCode = failures.length ? 1 : 0;
