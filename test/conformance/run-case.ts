// Runs one truth-table case through the CLI in-process (matrix --output json), like
// ../shared/conformance/check.mjs does with the real binary, and lists every wrong cell.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../cli/capture-io.js';

export interface TruthCase {
  name: string;
  objects: unknown[];
  probes: { port: number; protocol?: string; pods: string[]; rows: string[] }[];
}

export async function runCase(c: TruthCase): Promise<string[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-case-'));
  const file = path.join(tmp, 'case.yaml');
  fs.writeFileSync(file, c.objects.map((o) => JSON.stringify(o)).join('\n---\n') + '\n');
  const ports = [...new Set(c.probes.map((p) => `${p.port}/${p.protocol ?? 'TCP'}`))];
  const io = captureIo();
  const code = await runCli(['matrix', '-f', file, '--output', 'json', ...ports.flatMap((p) => ['--port', p])], io);
  fs.rmSync(tmp, { recursive: true, force: true });
  if (code !== 0) return [`exit ${code}: ${io.err()}`];
  const out = JSON.parse(io.out()) as { results: { from: string; to: string; port: number; protocol: string; allowed: boolean }[] };
  const got = new Map(out.results.map((r) => [`${r.from}>${r.to}@${r.port}/${r.protocol}`, r.allowed]));
  const problems: string[] = [];
  for (const p of c.probes) {
    const proto = p.protocol ?? 'TCP';
    p.pods.forEach((from, i) =>
      p.pods.forEach((to, j) => {
        if (i === j) return;
        const want = p.rows[i][j] === '1';
        const have = got.get(`${from}>${to}@${p.port}/${proto}`);
        if (have !== want) problems.push(`${p.port}/${proto} ${from} -> ${to}: expected ${want ? 'allowed' : 'denied'}, got ${have}`);
      }),
    );
  }
  return problems;
}
