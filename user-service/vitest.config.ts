import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration files share one broker, and one of them stops it: never run two files at once.
    fileParallelism: false,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    setupFiles: ['@events/test-kit/cleanup-setup'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
