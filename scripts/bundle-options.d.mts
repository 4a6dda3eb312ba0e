// Types for scripts/bundle-options.mjs (read by tests that bundle as the build does).
import type { BuildOptions, Plugin } from 'esbuild';

export const root: string;
export const bundleOptions: BuildOptions & { plugins: Plugin[] };
