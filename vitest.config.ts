import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    reporters: ['default', './test/summary-reporter.ts'],
    // Files share a worker's modules (no re-import of the engine, yaml and Ink per file: a third
    // of the suite's CPU), two workers at least (vitest's default is cores - 1: one on 2 cores,
    // where files that wait on child processes would leave the other core idle).
    isolate: false,
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // dist/ built once, before any file runs, when it is older than the sources.
    globalSetup: ['./test/global-build.ts'],
    // chalk ignores NO_COLOR; keep TUI frames plain in tests.
    env: { FORCE_COLOR: '0' },
    // A safety limit, not a speed check: tests wait on state, and a loaded 2-core machine can be slow.
    testTimeout: 120000,
    hookTimeout: 60000,
  },
});
