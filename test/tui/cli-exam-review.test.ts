// `netpol-dojo exam` and `netpol-dojo review` from the shell: flag handling, the non-terminal
// message, and the printed review list (text and JSON) on a store the test fills.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { examOptions } from '../../src/cli/commands/exam.js';
import { openStore } from '../../src/store/progress-store.js';
import { NOT_A_TERMINAL_MESSAGE } from '../../src/tui/terminal.js';
import { captureIo } from '../cli/capture-io.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function scoresDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'netpol-dojo-review-cli-'));
  dirs.push(dir);
  return dir;
}

async function run(dir: string, ...argv: string[]) {
  const io = captureIo({ env: { NO_COLOR: '1', NETPOL_DOJO_SCORES: dir } });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('netpol-dojo exam', () => {
  it('reads --tasks, --minutes and --seed', () => {
    expect(examOptions(['--tasks', '2', '--minutes=1', '-s', '42'])).toEqual({ tasks: 2, minutes: 1, seed: 42 });
    expect(examOptions([])).toEqual({});
    expect(examOptions(['--help'])).toBe('help');
  });

  it.each([
    [['--tasks', '0'], '--tasks must be at least 1, not 0'],
    [['--tasks', 'two'], '--tasks must be a whole number, not "two"'],
    [['--minutes', '1.5'], '--minutes must be a whole number, not "1.5"'],
    [['--minutes', '99999'], '--minutes must be at most 1440'],
    [['--seed'], 'option --seed needs a value'],
    [['--color'], 'unknown option --color'],
    [['now'], 'exam takes no arguments (got "now")'],
  ])('bad flags %j exit 2: %s', async (argv, message) => {
    const r = await run(await scoresDir(), 'exam', ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.out).toBe('');
  });

  it('without a terminal it says so in one line and exits 2', async () => {
    // vitest's stdin is not a TTY.
    const r = await run(await scoresDir(), 'exam', '--tasks', '2');
    expect(r.code).toBe(2);
    expect(r.err).toBe(NOT_A_TERMINAL_MESSAGE + '\n');
  });

  it('--help explains the exam and exits 0', async () => {
    const r = await run(await scoresDir(), 'exam', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: netpol-dojo exam [--tasks N] [--minutes M] [--seed S]');
  });
});

describe('netpol-dojo review', () => {
  async function filled(): Promise<string> {
    const dir = await scoresDir();
    const store = await openStore({ dir, onNotice: () => undefined });
    const base = { step: 1, answer: 'kind: NetworkPolicy', checks: [] };
    await store.recordAttempt({
      ...base,
      exerciseId: 'exercise-1',
      mode: 'practice',
      passed: false,
      score: 0,
      finishedAt: '2026-11-18T10:00:00.000Z',
      mismatches: [
        {
          from: 'netpol-test/client',
          to: 'netpol-test/web',
          port: 80,
          protocol: 'TCP',
          expected: 'denied',
          got: 'allowed',
          reason: 'not isolated',
          requirement: 'nothing reaches netpol-test',
        },
      ],
    });
    await store.recordAttempt({
      ...base,
      exerciseId: 'deny-all-ingress',
      mode: 'exam',
      passed: false,
      score: 0,
      // An answer that did not load is an attempt (one left alone in an exam is not).
      answer: 'spec: {',
      mismatches: [{ reason: 'the answer does not load: the YAML does not parse' }],
      finishedAt: '2026-11-19T10:00:00.000Z',
    });
    await store.recordAttempt({
      ...base,
      exerciseId: 'exercise-1',
      mode: 'practice',
      passed: true,
      score: 1,
      mismatches: [],
      finishedAt: '2026-11-20T10:00:00.000Z',
    });
    return dir;
  }

  it('prints the failed attempts, newest scenario first, with the reason, when stdout is not a terminal', async () => {
    const r = await run(await filled(), 'review');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const first = lines.findIndex((l) => l.startsWith('deny-all-ingress'));
    const second = lines.findIndex((l) => l.startsWith('exercise-1'));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    expect(lines[first + 1]).toMatch(/step 1 +exam +the answer does not load: the YAML does not parse$/);
    expect(lines[second]).toContain('(passed since)');
    expect(lines[second + 1]).toContain('nothing reaches netpol-test: allowed (should be denied): netpol-test/client -> netpol-test/web 80/T…');
    // 4.1 passed 1 time in 3: new scenarios of it join the queue, named in words.
    expect(r.out).toContain('Weak spots (2 due, 3 new)');
    expect(r.out).toMatch(/\n {2}3\. \S+ +new: from your weakest topic, deny all ingress \(33% of 3 attempts passed\)\n/);
    expect(r.out).not.toMatch(/topic \d/);
  });

  it('--output json gives the groups and the weak-spot queue', async () => {
    const r = await run(await filled(), 'review', '--output', 'json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.mistakes.map((g: { exerciseId: string }) => g.exerciseId)).toEqual(['deny-all-ingress', 'exercise-1']);
    expect(data.mistakes[1].failures[0].reason).toContain('allowed (should be denied)');
    const weak = data.weakSpots as { exerciseId: string; kind: string; weakestTopic: { topic: string; name: string } }[];
    expect(weak.filter((w) => w.kind === 'retry').map((w) => w.exerciseId)).toEqual(['deny-all-ingress', 'exercise-1']);
    expect(weak.filter((w) => w.kind === 'new')).toHaveLength(3);
    expect(weak[2].weakestTopic).toMatchObject({ topic: '4.1', name: 'deny all ingress' });
  });

  it('an empty store says so; a bad --output is a usage error', async () => {
    const dir = await scoresDir();
    expect((await run(dir, 'review')).out).toBe('No failed attempts yet.\n');
    const bad = await run(dir, 'review', '--output', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('-o/--output must be one of json, yaml (or left out for the default), not "xml"');
  });
});
