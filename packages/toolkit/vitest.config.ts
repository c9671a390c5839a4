import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Generated fixture code imports the toolkit by name: test it against this source, not a stale build.
    alias: { '@events/toolkit': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    setupFiles: ['@events/test-kit/cleanup-setup'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
