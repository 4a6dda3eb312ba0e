// The launcher turns on Node's compile cache where Node has one (22.1 and later): a start writes
// V8's code for the bundles into $NODE_COMPILE_CACHE, and the next start reads it back.
import { describe, expect, it } from 'vitest';
import module from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const bin = path.resolve(__dirname, '../../bin/netpol-dojo.js');
const hasCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** Every file under dir, recursively. */
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

describe('the compile cache', () => {
  it.skipIf(!hasCache)('is written by one start and used by the next', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-dojo-cache-'));
    const env = { ...process.env, NODE_COMPILE_CACHE: cache, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' };
    const first = spawnSync(process.execPath, [bin, 'version'], { env, encoding: 'utf8' });
    expect(first.status).toBe(0);
    expect(filesUnder(cache).length).toBeGreaterThan(0);
    const second = spawnSync(process.execPath, [bin, 'version'], { env, encoding: 'utf8' });
    expect(second.status).toBe(0);
    // Node's own debug log of the cache says which modules it read back.
    expect(second.stderr).toMatch(/cli\.js.*(was accepted|cache hit|matches)/i);
  });

  it.skipIf(hasCache)('is left alone by a Node without one', () => {
    const r = spawnSync(process.execPath, [bin, 'version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^netpol-dojo \d/);
  });
});
