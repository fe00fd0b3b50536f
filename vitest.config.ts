import { defineConfig } from 'vitest/config';

// Four tiers, as the suite grows: pure unit tests, the app in the test's process, tests against real server processes
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
        // The app in the test's process: createApp with the embedded store, an injected clock and real
        // HTTP and socket.io clients on port 0. Time moves by hand, so nothing here sleeps.
        test: {
          name: 'in-process',
          include: ['server/test/in-process/**/*.test.ts'],
          testTimeout: 15_000,
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
