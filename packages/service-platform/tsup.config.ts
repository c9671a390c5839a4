import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry per subpath export: a service imports only the parts it wires.
  entry: {
    config: 'src/config/index.ts',
    errors: 'src/errors/index.ts',
    http: 'src/http/index.ts',
    kafka: 'src/kafka/index.ts',
    lifecycle: 'src/lifecycle/index.ts',
    observability: 'src/observability/index.ts',
    postgres: 'src/postgres/index.ts',
    tracing: 'src/tracing/index.ts',
  },
  format: ['esm'],
  target: 'node22',
  dts: true,
  sourcemap: true,
  clean: true,
});
