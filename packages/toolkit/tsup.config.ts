import { defineConfig } from 'tsup';

// Two audiences, two entries: `@events/toolkit` is the runtime services load, `@events/toolkit/build` the tools
// CI runs on a catalog. Chunks shared by both hold only runtime code (test/runtime-entry.test.ts).
const entries = { index: 'src/index.ts', build: 'src/build-tools.ts' };

export default defineConfig({
  entry: {
    ...entries,
    'cli/generate': 'cli/generate.ts',
    'cli/schemas-check': 'cli/schemas-check.ts',
    'cli/schemas-register': 'cli/schemas-register.ts',
    'cli/docs': 'cli/docs.ts',
    'cli/deployments': 'cli/deployments.ts',
    'cli/can-i-deploy': 'cli/can-i-deploy.ts',
  },
  format: ['esm'],
  // The oldest Node the package's engines field admits.
  target: 'node20',
  dts: {
    entry: entries,
    // The public types use Buffer (what kafkajs sends and avsc decodes bytes into): Node's types, which the
    // package.json declares as a peer, load even in a project whose tsconfig lists its `types`.
    banner: '/// <reference types="node" />',
  },
  sourcemap: true,
  clean: true,
});
