// `grade` and `list` run in-process through runCli with a fake Io: exit codes 0/1/2,
// FILE:LINE:COL errors, close ids, stdin, JSON, and the progress store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'netpol-grade-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      w.text += String(chunk);
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

async function run(argv: string[], stdin = '') {
  const stdout = sink();
  const stderr = sink();
  const io: Io = { stdout, stderr, env: { NETPOL_DOJO_SCORES: path.join(dir, 'scores'), NO_COLOR: '1' }, cwd: dir, readStdin: async () => stdin };
  const code = await runCli(argv, io);
  return { code, out: stdout.text, err: stderr.text };
}

const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all-ingress
  namespace: netpol-test
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`;
const ALLOW = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-to-web
  namespace: netpol-test
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: client
    ports:
    - port: 80
`;

describe('netpol-dojo grade', () => {
  it('exits 0 for a passing answer and records the attempt', async () => {
    writeFileSync(path.join(dir, 'a.yaml'), DENY + ALLOW);
    const r = await run(['grade', 'exercise-1', 'a.yaml']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^exercise-1 step 2\/2: PASSED \(score 100%\)/);
    const progress = JSON.parse(readFileSync(path.join(dir, 'scores', 'progress.json'), 'utf8'));
    expect(progress.attempts).toHaveLength(1);
    expect(progress.attempts[0]).toMatchObject({ exerciseId: 'exercise-1', step: 2, mode: 'cli', passed: true, score: 1 });
  });

  it('exits 1 for a failing answer; --step grades an earlier step', async () => {
    writeFileSync(path.join(dir, 'a.yaml'), DENY);
    expect((await run(['grade', 'exercise-1', 'a.yaml', '--no-save'])).code).toBe(1);
    expect((await run(['grade', 'exercise-1', 'a.yaml', '--step', '1', '--no-save'])).code).toBe(0);
    expect(existsSync(path.join(dir, 'scores', 'progress.json'))).toBe(false);
  });

  it('reads the answer from stdin with "-", and prints JSON', async () => {
    const r = await run(['grade', 'exercise-1', '-', '--output', 'json', '--no-save'], DENY);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ exercise: 'exercise-1', step: 2, passed: false });
    expect(j.score).toBeGreaterThanOrEqual(0);
    expect(j.score).toBeLessThan(1);
    expect(j.mismatches[0]).toMatchObject({ to: expect.stringMatching(/^netpol-test\/web-/), port: 80, protocol: 'TCP', expected: 'allowed', got: 'denied' });
    expect(j.mismatches[0].reason).toContain('no ingress rule admits');
    expect(j.checks.some((c: { run: string; passed: boolean }) => c.run.includes('http://web') && !c.passed)).toBe(true);
  });

  it('exits 2 with FILE:LINE:COL for an invalid answer', async () => {
    writeFileSync(path.join(dir, 'bad.yaml'), DENY.replace('- Ingress', '- Ingres'));
    const r = await run(['grade', 'exercise-1', 'bad.yaml', '--no-save']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.yaml:9:5: spec.policyTypes[0]: Unsupported value: "Ingres"');
  });

  it('exits 2 for an object that is not a NetworkPolicy', async () => {
    writeFileSync(path.join(dir, 'dep.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: netpol-test}\nspec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}}\n');
    const r = await run(['grade', 'exercise-1', 'dep.yaml', '--no-save']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('dep.yaml:1:1: kind: an answer holds NetworkPolicies, not a Deployment');
  });

  it('exits 2 for an unknown exercise and lists the close ones', async () => {
    writeFileSync(path.join(dir, 'a.yaml'), DENY);
    const r = await run(['grade', 'exercise1', 'a.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no exercise "exercise1"; did you mean exercise-1\b/);
  });

  it('exits 2 for a step the exercise does not have, and for a missing file', async () => {
    writeFileSync(path.join(dir, 'a.yaml'), DENY);
    expect((await run(['grade', 'exercise-1', 'a.yaml', '--step', '3'])).err).toContain('exercise-1 has 2 steps: --step must be 1..2');
    const r = await run(['grade', 'exercise-1', 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nope.yaml: cannot read: no such file');
  });
});

describe('netpol-dojo list', () => {
  it('prints the bank as a JSON array with the status from the store', async () => {
    writeFileSync(path.join(dir, 'a.yaml'), DENY);
    await run(['grade', 'exercise-1', 'a.yaml']);
    const r = await run(['list', '--output', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { id: string; status: string; kind: string; topics: string[]; difficulty: number; title: string }[];
    expect(Array.isArray(rows)).toBe(true);
    const ex1 = rows.find((x) => x.id === 'exercise-1')!;
    expect(ex1).toMatchObject({ kind: 'write', status: 'failed', difficulty: 1, title: 'Default deny, then let one client in' });
    expect(ex1.topics).toContain('4.1');
    expect(rows.find((x) => x.id === 'exercise-2')!.status).toBe('new');
  });

  it('prints a table in text', async () => {
    const r = await run(['list']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^ID\s+KIND\s+DIFF\s+STATUS\s+TOPICS\s+TITLE/);
    expect(r.out).toMatch(/exercise-3\s+write\s+\*\*\s+new\s+2\.4,5\.3,8\s+Let one namespace in, by its label/);
  });
});
