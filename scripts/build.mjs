// Bundles the TypeScript sources into dist/ with esbuild: one ESM file per entry point,
// shared code split into chunks, so that non-interactive commands never load Ink or React.
import { build } from 'esbuild';
import path from 'node:path';
import fs from 'node:fs';
import { bundleOptions, root } from './bundle-options.mjs';

const entries = {
  cli: 'src/cli/main.ts',
  bench: 'scripts/bench.ts',
};
if (fs.existsSync(path.join(root, 'src/tui/main.tsx'))) entries.tui = 'src/tui/main.tsx';

// Build into a fresh folder, then move each file into dist/ with an atomic rename and drop
// the files the new build no longer has. A process already running from dist/ (a test, a
// second terminal) never sees a missing file: chunks of unchanged code keep their names.
const out = path.join(root, `dist.tmp-${process.pid}`);
fs.rmSync(out, { recursive: true, force: true });
await build({ ...bundleOptions, entryPoints: entries, outdir: out });

const dist = path.join(root, 'dist');
fs.mkdirSync(dist, { recursive: true });
const built = new Set(fs.readdirSync(out));
// Chunks first, entry points last, so an entry never names a chunk that is not there yet.
const order = [...built].sort((a, b) => Number(a.replace(/\.js$/, '') in entries) - Number(b.replace(/\.js$/, '') in entries));
for (const name of order) fs.renameSync(path.join(out, name), path.join(dist, name));
fs.rmSync(out, { recursive: true, force: true });
for (const name of fs.readdirSync(dist)) if (!built.has(name)) fs.rmSync(path.join(dist, name), { force: true });
