#!/usr/bin/env node
// Launcher: runs the bundled CLI from dist/. A published package ships dist/; a clone builds
// it in `npm install` (the `prepare` script), and here once more when dist/ is missing.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Node 22.1 and later keep V8's compiled code of our bundles (in the OS's temporary folder, or
// $NODE_COMPILE_CACHE), checked against each file's contents: a start compiles nothing it
// compiled before. Node 20 has no such cache for ES modules.
module.enableCompileCache?.();

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  // Only a clone has the sources and the build tools; an installed package without dist/ is broken.
  const canBuild = existsSync(path.join(root, 'scripts', 'build.mjs')) && existsSync(path.join(root, 'node_modules', 'esbuild'));
  // child_process only here: loading it costs every start a few milliseconds.
  const { spawnSync } = await import('node:child_process');
  const r = canBuild ? spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] }) : { status: 1 };
  if (r.status !== 0) {
    process.stderr.write(
      canBuild
        ? 'netpol-dojo: could not build dist/ (run `npm install` in the repository first)\n'
        : `netpol-dojo: this installation has no dist/ (${root}); reinstall the package\n`,
    );
    process.exit(2);
  }
}
const { main } = await import(cli);
await main();
