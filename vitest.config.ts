import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    reporters: ['default', './test/summary-reporter.ts'],
    // dist/ built once, before any file runs, when it is older than the sources.
    globalSetup: ['./test/global-build.ts'],
    // chalk ignores NO_COLOR; keep TUI frames plain in tests.
    env: { FORCE_COLOR: '0' },
    // A safety limit, not a speed check: tests wait on state, and a loaded 2-core machine can be slow.
    testTimeout: 120000,
    hookTimeout: 60000,
  },
});
