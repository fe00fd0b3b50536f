import { defineConfig } from 'vitest/config';

// Three tiers, as the suite grows: pure unit tests, tests against real server processes
// (embedded and Redis), and browser tests in headless Chromium against the built dashboard.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'server/test/unit/**/*.test.ts', 'dashboard/test/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/test/integration/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
