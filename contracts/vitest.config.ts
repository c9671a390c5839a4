import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['@events/test-kit/cleanup-setup'],
    include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    // Integration tests stop the shared registry: never run them next to each other.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
