import {
  createDeploymentRecorder,
  createManifestSource,
  createRegistryClient,
  createSerde,
  resolveSchemaIds,
} from '@events/contracts';
import { startHttpServer } from '@events/service-platform/http';
import { createKafka, kafkaReachable } from '@events/service-platform/kafka';
import type { Logger } from '@events/service-platform/observability';
import { createPool, migrate, migrationsDirOf } from '@events/service-platform/postgres';
import { Partitioners } from 'kafkajs';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { deleteExpiredKeys } from './data-access/idempotency-key-repository.ts';
import { createRetentionPruner } from './data-access/retention-pruner.ts';
import { createUserRepository } from './data-access/user-repository.ts';
import { createUsers } from './domain/users.ts';
import { describeServiceContract } from './messaging/contract-surface.ts';
import { createEventPublisher } from './messaging/event-publisher.ts';
import { createOutboxEncoder } from './messaging/outbox/encode-outbox-row.ts';
import { listenForOutboxRows } from './messaging/outbox/outbox-notifications.ts';
import { createOutboxRelay } from './messaging/outbox/outbox-relay.ts';
import {
  announcePendingRows,
  countPending,
  deletePublishedBefore,
} from './messaging/outbox/outbox-repository.ts';
import { createMetrics } from './observability/metrics.ts';
import { databaseReachable, registryReachable } from './readiness-checks.ts';

/** The same shape in every service: where it listens and how to stop it. */
export interface RunningService {
  /** The base URL of its HTTP API. */
  url: string;
  /** The HTTP port actually bound (differs from config when it asked for 0). */
  port: number;
  /** Stops taking requests, finishes in-flight ones and the relay's batch, then disconnects everything. */
  stop(): Promise<void>;
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
  const pool = createPool({
    ...config.database,
    applicationName: config.serviceName,
    queryTimeoutMs: config.databaseQueryTimeoutMs,
    ...schema,
    logger,
  });
  await migrate({ pool, dir: migrationsDirOf(import.meta.url), logger });

  const registry = createRegistryClient(config.registry);
  const serde = createSerde({ registry, autoRegister: config.autoRegisterSchemas });
  // Only the relay needs the registry; a cold or absent registry must not stop registrations.
  serde
    .warmUp()
    .catch((error: unknown) =>
      logger.warn({ err: error }, 'schema registry warm-up failed; the relay will retry'),
    );

  const metrics = createMetrics({ defaultMetrics: true, countBacklog: () => countPending(pool) });
  const publisher = createEventPublisher({
    kafka: createKafka(config.kafka, logger),
    sendTimeoutMs: config.outbox.sendTimeoutMs,
  });
  const wakeups = listenForOutboxRows({
    connectionString: config.database.connectionString,
    ...schema,
    logger,
  });
  const relay = createOutboxRelay({
    pool,
    publisher,
    encode: createOutboxEncoder({ serde }),
    destinationOf: (topic) => config.outbox.topicOverrides[topic] ?? topic,
    wakeups,
    logger,
    metrics,
    batchSize: config.outbox.batchSize,
    pollIntervalMs: config.outbox.pollIntervalMs,
    maxBackoffMs: config.outbox.maxBackoffMs,
  });

  const { retentionMinutes, batchSize, intervalMs } = config.outboxPruning;
  const pruner = createRetentionPruner({
    logger,
    intervalMs,
    tasks: [
      {
        name: 'published outbox rows',
        prune: () => deletePublishedBefore(pool, { retentionMinutes, limit: batchSize }),
      },
      {
        name: 'expired idempotency keys',
        prune: () =>
          deleteExpiredKeys(pool, {
            retentionMinutes: config.idempotencyKeyRetentionMinutes,
            limit: batchSize,
          }),
      },
    ],
  });

  const contracts = createManifestSource({
    manifest: describeServiceContract(config.serviceName, new URL('../package.json', import.meta.url)),
    resolveIds: (manifest) => resolveSchemaIds(manifest, registry),
  });
  // Its own producer: the outbox's is idempotent, and concurrent sends on one idempotent producer misorder.
  const deploymentsKafka = createKafka(config.kafka, logger);
  const deployment = createDeploymentRecorder({
    manifest: contracts.refresh,
    producer: deploymentsKafka.producer({ createPartitioner: Partitioners.DefaultPartitioner }),
    admin: deploymentsKafka.admin(),
    logger,
  });

  const app = createApp({
    contracts: contracts.current,
    users: createUsers({
      repository: createUserRepository({ pool, json: serde, onEventStored: relay.wake }),
      onLostAnswer: (outcome) => metrics.lostAnswers.inc({ outcome }),
    }),
    readiness: {
      database: databaseReachable(pool),
      kafka: kafkaReachable(createKafka(config.kafka, logger, { retry: { retries: 0 } })),
      registry: registryReachable(config.registry),
    },
    metrics,
    logger,
  });

  const http = await startHttpServer({ app, config: config.http, logger });
  relay.start();
  pruner.start();
  deployment.start();

  return {
    url: `http://127.0.0.1:${http.port}`,
    port: http.port,
    async stop() {
      await Promise.all([http.close(), relay.stop(), pruner.stop(), deployment.stop()]);
      // Requests that finished after the relay's last batch left rows: the other instances take them now.
      await announcePendingRows(pool).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not announce the outbox rows left behind'),
      );
      await Promise.all([publisher.disconnect(), wakeups.close()]);
      await pool.end();
    },
  };
}
