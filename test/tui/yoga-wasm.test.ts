// The bundles load yoga (Ink's layout engine) without Node's fetch (scripts/bundle/yoga-inline-wasm.mjs):
// a small Ink app bundled with the build's options lays out and draws a frame, and Node's HTTP
// client (undici, behind fetch) is never loaded. Without the plugin, the same app loads it.
import { describe, expect, it } from 'vitest';
import { build, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleOptions, root } from '../../scripts/bundle-options.mjs';
import { yogaInlineWasm } from '../../scripts/bundle/yoga-inline-wasm.mjs';

const APP = `
import React from 'react';
import { Writable } from 'node:stream';
import { render, Box, Text } from 'ink';
let frame = '';
const stdout = Object.assign(new Writable({ write(chunk, _e, done) { frame += String(chunk); done(); } }), { columns: 40, rows: 5 });
const app = render(React.createElement(Box, { width: 20, justifyContent: 'flex-end' }, React.createElement(Text, null, 'laid out')), { stdout, patchConsole: false });
app.unmount();
const undici = process.moduleLoadList.some((m) => m.includes('undici'));
process.stdout.write(JSON.stringify({ frame, undici }));
`;

async function run(plugins: Plugin[]): Promise<{ frame: string; undici: boolean }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-yoga-'));
  writeFileSync(path.join(dir, 'app.mjs'), APP);
  await build({
    ...bundleOptions,
    plugins,
    entryPoints: { app: path.join(dir, 'app.mjs') },
    outdir: path.join(dir, 'dist'),
    nodePaths: [path.join(root, 'node_modules')],
  });
  return JSON.parse(execFileSync(process.execPath, [path.join(dir, 'dist', 'app.js')], { encoding: 'utf8' }));
}

describe("the bundles' yoga", () => {
  it('lays out a frame without loading fetch', async () => {
    expect(bundleOptions.plugins).toContain(yogaInlineWasm);
    const { frame, undici } = await run(bundleOptions.plugins);
    // justifyContent flex-end: the text ends at column 20, so yoga did the layout.
    expect(frame).toContain(' '.repeat(12) + 'laid out');
    expect(undici).toBe(false);
  });

  it('loads fetch without the plugin (what the plugin saves)', async () => {
    const { frame, undici } = await run(bundleOptions.plugins.filter((p) => p !== yogaInlineWasm));
    expect(frame).toContain(' '.repeat(12) + 'laid out');
    expect(undici).toBe(true);
  });
});
