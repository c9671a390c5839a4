import { createMetricsRegistry } from '@events/service-platform/observability';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  processed: Counter<'outcome'>;
  deadLettered: Counter<'code'>;
  retried: Counter<'code'>;
  batchSeconds: Histogram;
  eventAgeSeconds: Histogram;
  consumerLag: Gauge<'topic' | 'partition'>;
}

/** Every metric on a registry of its own, so tests and several instances in one process never collide. */
export function createMetrics(): Metrics {
  const registry = createMetricsRegistry();
  return {
    registry,
    processed: new Counter({
      name: 'profile_events_processed_total',
      help: 'user_register events applied to the database, by outcome (created, updated, unchanged).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: 'profile_events_dead_lettered_total',
      help: 'Messages published to the dead-letter topic, by error code.',
      labelNames: ['code'],
      registers: [registry],
    }),
    retried: new Counter({
      name: 'profile_batch_retries_total',
      help: 'Times a partition was paused to retry after a transient failure, by error code.',
      labelNames: ['code'],
      registers: [registry],
    }),
    batchSeconds: new Histogram({
      name: 'profile_batch_processing_seconds',
      help: 'Time to decode, dead-letter and store one chunk of a fetched batch.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    eventAgeSeconds: new Histogram({
      name: 'profile_event_latency_seconds',
      help: 'From the Kafka record timestamp to the profile being stored.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'profile_consumer_lag',
      help: 'Messages behind the high watermark, per assigned partition.',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    }),
  };
}
