import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'cli/generate': 'cli/generate.ts',
    'cli/schemas-check': 'cli/schemas-check.ts',
    'cli/schemas-register': 'cli/schemas-register.ts',
    'cli/docs': 'cli/docs.ts',
  },
  format: ['esm'],
  target: 'node22',
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
});
