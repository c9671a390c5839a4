import type { AddressInfo } from 'node:net';
import { createSerde } from '@events/contracts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { migrate } from './db/migrate.ts';
import { countPending } from './db/outbox-repository.ts';
import { createPool } from './db/pool.ts';
import { USER_REGISTER } from './domain/user-registered-event.ts';
import { createUsers } from './domain/users.ts';
import { createKafka } from './kafka/create-kafka.ts';
import { createEventPublisher } from './kafka/event-publisher.ts';
import type { Logger } from './observability/logger.ts';
import { createMetrics } from './observability/metrics.ts';
import { createUserRegisterEncoder } from './outbox/encode-outbox-row.ts';
import { listenForOutboxRows } from './outbox/outbox-notifications.ts';
import { createOutboxRelay } from './outbox/outbox-relay.ts';
import { databaseReachable, kafkaReachable, registryReachable } from './readiness-checks.ts';

export interface RunningService {
  url: string;
  /** Stops taking requests, finishes in-flight ones and the relay's batch, then disconnects everything. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Database schema to use instead of the default search path (tests isolate themselves this way). */
  schema?: string;
}

/** Wires the real adapters: migrates, starts the outbox relay and listens. */
export async function startService(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningService> {
  const schema = options.schema === undefined ? {} : { schema: options.schema };
  const pool = createPool({ ...config.database, ...schema, logger });
  await migrate({ pool, logger });

  const serde = createSerde({ registry: config.registry, autoRegister: config.registry.autoRegister });
  // Only the relay needs the registry; a cold or absent registry must not stop registrations.
  serde
    .warmUp()
    .catch((error: unknown) =>
      logger.warn({ err: error }, 'schema registry warm-up failed; the relay will retry'),
    );

  const metrics = createMetrics({ defaultMetrics: true, countBacklog: () => countPending(pool) });
  const publisher = createEventPublisher({ kafka: createKafka(config.kafka, logger) });
  const wakeups = listenForOutboxRows({
    connectionString: config.database.connectionString,
    ...schema,
    logger,
  });
  const relay = createOutboxRelay({
    pool,
    publisher,
    encode: createUserRegisterEncoder({ serde }),
    contractTopic: USER_REGISTER,
    destinationTopic: config.outbox.destinationTopic ?? USER_REGISTER,
    wakeups,
    logger,
    metrics,
    batchSize: config.outbox.batchSize,
    pollIntervalMs: config.outbox.pollIntervalMs,
    maxBackoffMs: config.outbox.maxBackoffMs,
  });

  const app = createApp({
    users: createUsers({ pool }),
    readiness: {
      database: databaseReachable(pool),
      kafka: kafkaReachable(createKafka(config.kafka, logger, { retry: { retries: 0 } })),
      registry: registryReachable(config.registry),
    },
    metrics,
    logger,
  });

  const server = app.listen(config.http.port, config.http.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  relay.start();
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, 'user-service listening');

  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      // Keep-alive sockets go idle once their in-flight response is sent; close them then, not at timeout.
      const sweepIdle = setInterval(() => server.closeIdleConnections(), 50);
      const serverClosed = new Promise<void>((resolve, reject) =>
        server.close((error) => {
          clearInterval(sweepIdle);
          if (error) reject(error);
          else resolve();
        }),
      );
      await Promise.all([serverClosed, relay.stop()]);
      await Promise.all([publisher.disconnect(), wakeups.close()]);
      await pool.end();
    },
  };
}
