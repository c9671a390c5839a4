import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  usersRegistered: Counter;
  outboxBacklog: Gauge;
  eventsPublished: Counter;
  eventsFailed: Counter<'reason'>;
}

/** A registry per app instance, never the global one, so tests can build many apps in one process. */
export function createMetrics(
  options: { defaultMetrics?: boolean; countBacklog?: () => Promise<number> } = {},
): Metrics {
  const { countBacklog } = options;
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    usersRegistered: new Counter({
      name: 'users_registered_total',
      help: 'Users registered (user row and outbox event committed).',
      registers: [registry],
    }),
    outboxBacklog: new Gauge({
      name: 'outbox_backlog',
      help: 'Outbox events waiting to be published, measured at scrape time.',
      registers: [registry],
      async collect() {
        if (!countBacklog) return;
        try {
          this.set(await countBacklog());
        } catch {
          // Database down: keep the last value rather than failing the whole scrape.
        }
      },
    }),
    eventsPublished: new Counter({
      name: 'outbox_events_published_total',
      help: 'Outbox events acknowledged by Kafka and marked published.',
      registers: [registry],
    }),
    eventsFailed: new Counter({
      name: 'outbox_events_failed_total',
      help: 'Outbox events whose publish attempt failed: transient (retried) or permanent (parked).',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
