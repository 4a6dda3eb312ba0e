// `netpol-dojo ... | head`: a reader that closes the pipe early must not get a stack trace.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('a closed stdout pipe', () => {
  it('ends the command quietly with status 0', async () => {
    // 300 pods: megabytes of JSON, far more than a pipe holds, so writes go on after the close.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-pipe-')), 'pods.yaml');
    const pods = Array.from({ length: 300 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}\n`);
    fs.writeFileSync(file, pods.join('---\n'));
    const child = spawn(process.execPath, [path.join(root, 'bin/netpol-dojo.js'), 'matrix', '-f', file, '--output', 'json'], {
      cwd: root,
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    // Read the first chunk, then close the pipe as `head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|at .*\(/);
    expect(code).toBe(0);
  });
});
