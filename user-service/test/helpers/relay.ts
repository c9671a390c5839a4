import { createSerde } from '@events/contracts';
import type { Queryable } from '@events/service-platform/postgres';
import { cleanUpLater } from '@events/test-kit/cleanup';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import type { EventPublisher } from '../../src/messaging/event-publisher.ts';
import { createOutboxEncoder } from '../../src/messaging/outbox/encode-outbox-row.ts';
import { createOutboxRelay, type OutboxRelay } from '../../src/messaging/outbox/outbox-relay.ts';
import { openRelaySession } from '../../src/messaging/outbox/relay-session.ts';
import { createMetrics, type Metrics } from '../../src/observability/metrics.ts';
import { TEST_DATABASE_URL, type TestDatabase } from './database.ts';
import { defaultPublisher } from './kafka.ts';

const serde = createSerde({ registry: { url: loadConfig({}).registry.url } });

export interface RelayOptions {
  /** The connection the relay's lock session opens (a URL naming the test's connections, a proxy). */
  connectionString?: string;
  /** Where a standby NOTIFYs the leader; the test database's pool by default. */
  pool?: Queryable;
  publisher?: EventPublisher;
  logger?: pino.Logger;
  instance?: string;
  batchSize?: number;
  pollIntervalMs?: number;
}

/**
 * A relay wired as start-service wires it, on a test schema and topic; stopped (and its publisher
 * disconnected) when the calling test ends. Not started.
 */
export function useRelay(
  db: TestDatabase,
  topic: string,
  options: RelayOptions = {},
): { relay: OutboxRelay; metrics: Metrics } {
  const publisher = options.publisher ?? defaultPublisher();
  const metrics = createMetrics();
  const relay = createOutboxRelay({
    openSession: (onWakeup) =>
      openRelaySession(
        {
          connectionString: options.connectionString ?? TEST_DATABASE_URL,
          schema: db.schema,
          queryTimeoutMs: 15_000,
          idleTimeoutMs: 60_000,
        },
        onWakeup,
      ),
    pool: options.pool ?? db.pool,
    publisher,
    encode: createOutboxEncoder({ serde }),
    destinationOf: () => topic,
    instance: options.instance ?? 'test-relay',
    logger: options.logger ?? pino({ level: 'silent' }),
    metrics,
    batchSize: options.batchSize ?? 10,
    pollIntervalMs: options.pollIntervalMs ?? 100,
    leaderPollMs: 100,
    maxBackoffMs: 200,
  });
  cleanUpLater(async () => {
    await relay.stop();
    await publisher.disconnect();
  });
  return { relay, metrics };
}
