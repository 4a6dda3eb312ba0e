// The esbuild options every bundle of netpol-dojo uses (dist/ and the start-up benchmark's
// hello-world), so that "built the same way" holds by construction.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { yamlWithoutDebugEnv } from './yaml-debug-env.mjs';
import { yogaInlineWasm } from './bundle/yoga-inline-wasm.mjs';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export const bundleOptions = {
  absWorkingDir: root,
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
  // string-width without its slow path for the screens' one-column symbols (scripts/bundle/string-width.mjs).
  alias: {
    'react-devtools-core': path.join(root, 'scripts', 'empty-module.cjs'),
    'string-width': path.join(root, 'scripts', 'bundle', 'string-width.mjs'),
    // Ink's row-to-text step without a diff of styles per character (scripts/bundle/ansi-tokenize.mjs).
    '@alcalzone/ansi-tokenize': path.join(root, 'scripts', 'bundle', 'ansi-tokenize.mjs'),
  },
  // The yaml package's per-token debug switches read as unset (scripts/yaml-debug-env.mjs);
  // yoga's inlined wasm decoded without loading Node's fetch (scripts/bundle/yoga-inline-wasm.mjs).
  plugins: [yamlWithoutDebugEnv, yogaInlineWasm],
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __netpolRequire } from 'node:module'; const require = __netpolRequire(import.meta.url);" },
};
