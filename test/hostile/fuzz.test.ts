// Seeded fuzzing, bounded for CI: a few thousand mutated manifests in-process, a few dozen
// through the real binary. `npm run fuzz` runs the same generator over 100k cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureWarnings, loadSeeds, makeCase, runCase, MUTATION_NAMES, type Seed } from './fuzz.js';
import { RAW_CONTROL, STACK_TRACE, runBinary, tempDir } from './helpers.js';

const RUN_SEED = Number(process.env.NETPOL_DOJO_FUZZ_SEED ?? 20261201);
const IN_PROCESS = Number(process.env.NETPOL_DOJO_FUZZ_CASES ?? 2000);
const THROUGH_BINARY = 24;

let seeds: Seed[];
let capture: ReturnType<typeof captureWarnings>;
beforeAll(() => {
  seeds = loadSeeds();
  capture = captureWarnings();
});
afterAll(() => capture.restore());

describe('fuzzed manifests', () => {
  it('has seeds of every kind and uses every mutation', () => {
    expect(seeds.filter((s) => s.scenario).length).toBeGreaterThan(30);
    expect(seeds.filter((s) => s.name.startsWith('conformance/')).length).toBeGreaterThan(30);
    const used = new Set<string>();
    for (let id = 0; id < 500; id++) for (const m of makeCase(seeds, RUN_SEED, id).mutations) used.add(m);
    expect([...used].sort()).toEqual([...MUTATION_NAMES].sort());
  });

  // In chunks of 500, so that each test stays short on a busy machine.
  const CHUNK = 500;
  for (let from = 0; from < IN_PROCESS; from += CHUNK) {
    const to = Math.min(IN_PROCESS, from + CHUNK);
    it(`cases ${from}..${to - 1} in-process: no throw, exit 0 or 2, one-line findings, no stack trace, warning or raw control`, { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    let slowest = { ms: 0, id: -1 };
    let largest = { bytes: 0, id: -1 };
    for (let id = from; id < to; id++) {
      const c = makeCase(seeds, RUN_SEED, id);
      const r = await runCase(c, capture.warnings);
      if (r.problems.length) failures.push(`case ${id} (${c.seed.name}: ${c.mutations.join('+')}): ${r.problems.join('; ')}`);
      if (r.ms > slowest.ms) slowest = { ms: r.ms, id };
      if (r.bytes > largest.bytes) largest = { bytes: r.bytes, id };
    }
    console.log(`fuzz: cases ${from}..${to - 1}, seed ${RUN_SEED}; slowest case ${slowest.id} ${slowest.ms.toFixed(0)} ms; largest case ${largest.id} ${largest.bytes} chars`);
    expect(failures.slice(0, 10)).toEqual([]);
    });
  }

  it(`${THROUGH_BINARY} cases through the real binary`, { timeout: 600_000 }, async () => {
    const dir = tempDir('netpol-fuzz-');
    const failures: string[] = [];
    for (let k = 0; k < THROUGH_BINARY; k += 4) {
      const batch = Array.from({ length: 4 }, (_, j) => makeCase(seeds, RUN_SEED + 1, k + j));
      const results = await Promise.all(
        batch.map((c) => {
          const file = path.join(dir, `case-${c.id}.yaml`);
          writeFileSync(file, c.text);
          return runBinary([c.id % 2 ? 'matrix' : 'explain', '-f', file], { cwd: dir });
        }),
      );
      results.forEach((r, j) => {
        const c = batch[j];
        const out = r.stdout + r.stderr;
        const where = `case ${c.id} (${c.seed.name}: ${c.mutations.join('+')})`;
        if (r.code !== 0 && r.code !== 2) failures.push(`${where}: exit ${r.code} ${r.signal ?? ''}: ${r.stderr.slice(0, 200)}`);
        if (RAW_CONTROL.test(out)) failures.push(`${where}: raw control character`);
        if (STACK_TRACE.test(out) || /\(node:\d+\)/.test(r.stderr)) failures.push(`${where}: stack trace or warning`);
      });
    }
    expect(failures).toEqual([]);
  });
});
