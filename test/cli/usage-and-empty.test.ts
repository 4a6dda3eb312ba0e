// A command's usage under a usage error is printed as text (its own line breaks), while the
// message above it stays one line; an empty answer is nothing handed in: exit 2, nothing saved.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

describe('grade', () => {
  it('without an answer file says so in one line, then prints its usage with its line breaks', async () => {
    const io = captureIo();
    expect(await runCli(['grade', 'exercise-4'], io)).toBe(2);
    const lines = io.err().split('\n');
    expect(lines[0]).toBe('netpol-dojo: grade needs EXERCISE_ID and ANSWER_FILE');
    expect(lines[1]).toMatch(/^Usage: netpol-dojo grade EXERCISE_ID ANSWER_FILE/);
    expect(io.err()).not.toContain('\\n');
  });

  it('refuses an empty answer on stdin with exit 2 and records no attempt', async () => {
    const scores = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-dojo-empty-'));
    const io = captureIo({ stdin: '', env: { ...process.env, NETPOL_DOJO_SCORES: scores } });
    expect(await runCli(['grade', 'exercise-4', '-'], io)).toBe(2);
    expect(io.err()).toBe('<stdin>: no answer to grade: the input is empty\n');
    expect(io.out()).toBe('');
    expect(fs.existsSync(path.join(scores, 'progress.json'))).toBe(false);
  });
});
