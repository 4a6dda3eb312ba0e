import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    reporters: ['default', './test/summary-reporter.ts'],
    // chalk ignores NO_COLOR; keep TUI frames plain in tests.
    env: { FORCE_COLOR: '0' },
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
