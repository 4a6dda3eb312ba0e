// Bundles the TypeScript sources into dist/ with esbuild: one ESM file per entry point,
// shared code split into chunks, so that non-interactive commands never load Ink or React.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const stub = path.join(root, 'scripts', 'empty-module.cjs');

const entries = {
  cli: 'src/cli/main.ts',
  bench: 'scripts/bench.ts',
};
if (fs.existsSync(path.join(root, 'src/tui/main.tsx'))) entries.tui = 'src/tui/main.tsx';

// Build into a fresh folder and swap it in, so stale chunks never pile up and a
// concurrent reader sees either the old dist/ or the new one.
const out = path.join(root, `dist.tmp-${process.pid}`);
fs.rmSync(out, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink only loads react-devtools-core when DEV=true; never in this app.
  alias: { 'react-devtools-core': stub },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __netpolRequire } from 'node:module'; const require = __netpolRequire(import.meta.url);" },
});

const dist = path.join(root, 'dist');
const old = path.join(root, `dist.old-${process.pid}`);
if (fs.existsSync(dist)) fs.renameSync(dist, old);
fs.renameSync(out, dist);
fs.rmSync(old, { recursive: true, force: true });
