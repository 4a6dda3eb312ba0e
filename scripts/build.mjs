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

// Build into a fresh folder and swap it in, so stale chunks never pile up and a
// concurrent reader sees either the old dist/ or the new one.
const out = path.join(root, `dist.tmp-${process.pid}`);
fs.rmSync(out, { recursive: true, force: true });
await build({ ...bundleOptions, entryPoints: entries, outdir: out });

const dist = path.join(root, 'dist');
const old = path.join(root, `dist.old-${process.pid}`);
if (fs.existsSync(dist)) fs.renameSync(dist, old);
fs.renameSync(out, dist);
fs.rmSync(old, { recursive: true, force: true });
