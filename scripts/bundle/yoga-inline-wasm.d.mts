// Types for scripts/bundle/yoga-inline-wasm.mjs.
import type { Plugin } from 'esbuild';

export const yogaInlineWasm: Plugin;
