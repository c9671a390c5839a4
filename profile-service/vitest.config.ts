import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['@events/test-kit/cleanup-setup'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // These share one broker, registry and PostgreSQL server (and stop parts of them): one file at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
