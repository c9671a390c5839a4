import { createMetricsRegistry } from '@events/service-platform/observability';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RelayLag } from '../messaging/outbox/outbox-repository.ts';

export interface Metrics {
  registry: Registry;
  usersRegistered: Counter;
  lostAnswers: Counter<'outcome'>;
  outboxBacklog: Gauge;
  relayLagSeconds: Gauge;
  /** 1 while this instance's relay holds the lock (the active reader), 0 while it stands by. */
  relayActive: Gauge;
  eventsPublished: Counter;
  eventsFailed: Counter<'reason'>;
}

/** The service's own metrics, next to the HTTP and process metrics the platform registers. */
export function createMetrics(
  options: { defaultMetrics?: boolean; measureLag?: () => Promise<RelayLag> } = {},
): Metrics {
  const { measureLag } = options;
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
      help: 'Outbox events committed and not relayed yet, measured at scrape time.',
      registers: [registry],
      async collect() {
        await collectLag(this, measureLag, (lag) => lag.events);
      },
    }),
    relayLagSeconds: new Gauge({
      name: 'outbox_relay_lag_seconds',
      help: 'Age of the oldest outbox event not relayed yet (0 when caught up), measured at scrape time.',
      registers: [registry],
      async collect() {
        await collectLag(this, measureLag, (lag) => lag.seconds);
      },
    }),
    relayActive: new Gauge({
      name: 'outbox_relay_active',
      help: "1 while this instance's relay holds the outbox lock and is the one active reader, else 0.",
      registers: [registry],
    }),
    eventsPublished: new Counter({
      name: 'outbox_events_published_total',
      help: 'Outbox events acknowledged by Kafka and checkpointed by this instance.',
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

async function collectLag(
  gauge: Gauge,
  measureLag: (() => Promise<RelayLag>) | undefined,
  pick: (lag: RelayLag) => number,
): Promise<void> {
  if (!measureLag) return;
  try {
    gauge.set(pick(await measureLag()));
  } catch {
    // Database down: keep the last value rather than failing the whole scrape.
  }
}
