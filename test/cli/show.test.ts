// `show` prints a task from the shell, with hints and a solution on request.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

async function run(args: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-show-'));
  const io = captureIo({ env: { NO_COLOR: '1', NETPOL_DOJO_SCORES: dir } });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err(), dir };
}

describe('show', () => {
  it('prints the task, the step, the cluster as kubectl built it, and how to answer', async () => {
    const r = await run(['show', 'exercise-1', '--step', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Step 2/2');
    expect(r.out).toMatch(/namespace netpol-test/);
    expect(r.out).toMatch(/pod web-\S+ +app=web +10\.244\.\d+\.\d+ +80\/TCP/);
    expect(r.out).toMatch(/svc web .*80 -> 80\/TCP/);
    expect(r.out).toContain('netpol-dojo grade exercise-1 ANSWER_FILE --step 2');
    expect(r.out).not.toContain('Reference solution');
  });

  it('shows questions for predict drills and candidates for pick drills', async () => {
    const p = await run(['show', 'andor-dash-moved']);
    expect(p.out).toContain('Questions (answer each with yes or no)');
    const k = await run(['show', 'pick-portal-to-accounts']);
    expect(k.out).toMatch(/Candidate a\b/);
  });

  it('reveals a reference solution only on request, and records the reveal', async () => {
    const r = await run(['show', 'exercise-1', '--solution', '-o', 'json']);
    const j = JSON.parse(r.out);
    expect(j.solution).toContain('kind: NetworkPolicy');
    const stored = JSON.parse(fs.readFileSync(path.join(r.dir, 'progress.json'), 'utf8'));
    expect(stored.reveals.map((x: { exerciseId: string }) => x.exerciseId)).toEqual(['exercise-1']);
  });

  it("joins a step's solution pieces with one `---`, though exercise-2's step 2 brings its own", async () => {
    const r = await run(['show', 'exercise-2', '--step', '2', '--solution']);
    expect(r.code).toBe(0);
    const solution = r.out.slice(r.out.indexOf('Reference solution (step 2)'));
    expect(solution).toContain('name: deny-all-egress');
    expect(solution).toContain('name: allow-dns');
    expect(solution.match(/^ {2}---$/gm)).toEqual(['  ---']);
    expect(solution).not.toMatch(/---\n\s*---/);
    const j = JSON.parse((await run(['show', 'exercise-2', '--step', '2', '--solution', '-o', 'json'])).out);
    expect(j.solution.match(/^---$/gm)).toEqual(['---']);
  });

  it('rejects unknown ids and steps with exit 2', async () => {
    expect((await run(['show', 'exercise-9'])).code).toBe(2);
    expect((await run(['show', 'exercise-1', '--step', '3'])).code).toBe(2);
  });
});

describe('a corrupt progress file seen from a command', () => {
  it('is moved aside with one notice line, named once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-corrupt-'));
    fs.writeFileSync(path.join(dir, 'progress.json'), '{ not json');
    const io = captureIo({ env: { NO_COLOR: '1', NETPOL_DOJO_SCORES: dir } });
    expect(await runCli(['list'], io)).toBe(0);
    const notices = io.err().split('\n').filter(Boolean);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^netpol-dojo: \S*progress\.json was unreadable .*moved it to .*corrupt.*; starting a fresh store$/);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('progress.json.corrupt-'))).toBe(true);
  });
});
