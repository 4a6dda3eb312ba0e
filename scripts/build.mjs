// Bundles the TypeScript sources into dist/ with esbuild: one ESM file per entry point,
// shared code split into chunks, so that non-interactive commands never load Ink or React.
// Also writes the library's type declarations (dist/types, from src/index.ts) with tsc.
// Runs from `prepare` (npm install in a clone, npm pack, npm publish): an installed package
// ships dist/ and never needs esbuild or TypeScript.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import { bundleOptions, root } from './bundle-options.mjs';
import { buildBankIndex } from './build-bank.mjs';

const entries = {
  cli: 'src/cli/main.ts',
  index: 'src/index.ts',
  bench: 'scripts/bench.ts',
};
if (fs.existsSync(path.join(root, 'src/tui/main.tsx'))) entries.tui = 'src/tui/main.tsx';

// Build into a fresh folder, then move each file into dist/ with an atomic rename and drop
// the files the new build no longer has. A process already running from dist/ (a test, a
// second terminal) never sees a missing file: chunks of unchanged code keep their names.
const started = Date.now();
const out = path.join(root, `dist.tmp-${process.pid}`);
fs.rmSync(out, { recursive: true, force: true });
await build({ ...bundleOptions, entryPoints: entries, outdir: out });
// The declarations go in as one folder: `types` is swapped whole below.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const types = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.lib.json'), '--outDir', path.join(out, 'types')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
if (types.status !== 0) {
  fs.rmSync(out, { recursive: true, force: true });
  process.stderr.write('build: tsc could not write the type declarations\n');
  process.exit(1);
}

const dist = path.join(root, 'dist');
fs.mkdirSync(dist, { recursive: true });
const built = new Set(fs.readdirSync(out));
// Chunks first, entry points last, so an entry never names a chunk that is not there yet.
const order = [...built].sort((a, b) => Number(a.replace(/\.js$/, '') in entries) - Number(b.replace(/\.js$/, '') in entries));
for (const name of order) {
  const target = path.join(dist, name);
  // A directory cannot be renamed over a non-empty one: move the old one aside first.
  if (fs.statSync(path.join(out, name)).isDirectory() && fs.existsSync(target)) {
    const old = path.join(root, `dist.old-${process.pid}-${name}`);
    fs.renameSync(target, old);
    fs.renameSync(path.join(out, name), target);
    fs.rmSync(old, { recursive: true, force: true });
  } else fs.renameSync(path.join(out, name), target);
}
fs.rmSync(out, { recursive: true, force: true });
// dist/bank/ is the prebuilt exercise bank, written by build-bank.mjs below.
for (const name of fs.readdirSync(dist)) if (!built.has(name) && name !== 'bank') fs.rmSync(path.join(dist, name), { recursive: true, force: true });

try {
  await buildBankIndex();
} catch (e) {
  process.stderr.write(`build: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}

// When this build began: test/global-build.ts rebuilds when a source is newer (saved since).
const stamp = path.join(dist, '.built');
fs.writeFileSync(stamp, '');
fs.utimesSync(stamp, started / 1000, started / 1000);
