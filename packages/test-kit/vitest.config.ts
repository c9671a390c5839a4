import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { setupFiles: ['@events/test-kit/cleanup-setup'] },
});
