#!/usr/bin/env node
// Launcher: runs the bundled CLI from dist/ (built by `npm install` through the
// `prepare` script). Builds it first when a checkout has no dist/ yet.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write('netpol-dojo: could not build dist/ (run `npm install` in the repository first)\n');
    process.exit(2);
  }
}
const { main } = await import(cli);
await main();
