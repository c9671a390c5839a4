// A relay alone in its own process, as a user-service instance runs it, for tests that SIGKILL it.
// Environment: DATABASE_URL, SCHEMA, TOPIC, INSTANCE, BATCH_SIZE.
import { createSerde } from '@events/contracts';
import { createKafka } from '@events/service-platform/kafka';
import { createPool } from '@events/service-platform/postgres';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createEventPublisher } from '../../src/messaging/event-publisher.ts';
import { createOutboxEncoder } from '../../src/messaging/outbox/encode-outbox-row.ts';
import { createOutboxRelay } from '../../src/messaging/outbox/outbox-relay.ts';
import { openRelaySession } from '../../src/messaging/outbox/relay-session.ts';
import { createMetrics } from '../../src/observability/metrics.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const config = loadConfig({ DATABASE_URL: env('DATABASE_URL') });
const logger = pino({ level: 'info' });
const schema = env('SCHEMA');
const topic = env('TOPIC');
const pool = createPool({
  connectionString: config.database.connectionString,
  max: 2,
  applicationName: 'relay-process',
  schema,
  logger,
});
const relay = createOutboxRelay({
  openSession: (onWakeup) =>
    openRelaySession(
      {
        connectionString: config.database.connectionString,
        schema,
        queryTimeoutMs: 15_000,
        idleTimeoutMs: 60_000,
      },
      onWakeup,
    ),
  pool,
  publisher: createEventPublisher({ kafka: createKafka(config.kafka, logger), sendTimeoutMs: 10_000 }),
  encode: createOutboxEncoder({ serde: createSerde({ registry: { url: config.registry.url } }) }),
  destinationOf: () => topic,
  instance: env('INSTANCE'),
  logger,
  metrics: createMetrics(),
  batchSize: Number(env('BATCH_SIZE')),
  pollIntervalMs: 50,
  leaderPollMs: 200,
  maxBackoffMs: 500,
});
relay.start();
process.once('SIGTERM', () => {
  void relay.stop().then(() => process.exit(0));
});
