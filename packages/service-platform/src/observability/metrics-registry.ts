import { collectDefaultMetrics, Registry } from 'prom-client';

export type { Registry };

/**
 * A registry of its own per app instance (never prom-client's global one), so tests and several
 * instances in one process never collide. Node's process metrics are on unless a test turns them off.
 */
export function createMetricsRegistry(options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
