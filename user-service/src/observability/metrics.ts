import { createMetricsRegistry } from '@events/service-platform/observability';
import { Counter, Gauge, type Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  usersRegistered: Counter;
  lostAnswers: Counter<'outcome'>;
  outboxBacklog: Gauge;
  eventsPublished: Counter;
  eventsFailed: Counter<'reason'>;
}

/** The service's own metrics, next to the HTTP and process metrics the platform registers. */
export function createMetrics(
  options: { defaultMetrics?: boolean; countBacklog?: () => Promise<number> } = {},
): Metrics {
  const { countBacklog } = options;
  const registry = createMetricsRegistry({ defaultMetrics: options.defaultMetrics ?? false });
  return {
    registry,
    usersRegistered: new Counter({
      name: 'users_registered_total',
      help: 'Users registered (user row and outbox event committed).',
      registers: [registry],
    }),
    lostAnswers: new Counter({
      name: 'registration_lost_answers_total',
      help: 'Registrations whose INSERT was sent but whose answer was lost, by how the lookup settled them.',
      labelNames: ['outcome'],
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
