import { hostname } from 'node:os';
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
import { maintainOutboxPartitions } from './messaging/outbox/outbox-partitions.ts';
import { createOutboxRelay } from './messaging/outbox/outbox-relay.ts';
import { relayLag } from './messaging/outbox/outbox-repository.ts';
import { openRelaySession } from './messaging/outbox/relay-session.ts';
import { createMetrics } from './observability/metrics.ts';
import { databaseReachable, outboxRelayStatus, registryReachable } from './readiness-checks.ts';

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
  // Before the first registration: the partition it lands in must exist.
  await maintainOutboxPartitions(pool, config.outboxPartitions);

  const registry = createRegistryClient(config.registry);
  const serde = createSerde({ registry, autoRegister: config.autoRegisterSchemas });
  // Only the relay needs the registry; a cold or absent registry must not stop registrations.
  serde
    .warmUp()
    .catch((error: unknown) =>
      logger.warn({ err: error }, 'schema registry warm-up failed; the relay will retry'),
    );

  const metrics = createMetrics({ defaultMetrics: true, measureLag: () => relayLag(pool) });
  const publisher = createEventPublisher({
    kafka: createKafka(config.kafka, logger),
    sendTimeoutMs: config.outbox.sendTimeoutMs,
  });
  const instance = `${hostname()}:${process.pid}`;
  const relay = createOutboxRelay({
    openSession: (onWakeup) =>
      openRelaySession(
        {
          connectionString: config.database.connectionString,
          ...schema,
          queryTimeoutMs: config.databaseQueryTimeoutMs,
          // Idle at most a poll, or a send that times out, between two statements while it leads.
          idleTimeoutMs: config.outbox.sendTimeoutMs + 2 * config.outbox.pollIntervalMs + 5_000,
        },
        onWakeup,
      ),
    pool,
    publisher,
    encode: createOutboxEncoder({ serde }),
    destinationOf: (topic) => config.outbox.topicOverrides[topic] ?? topic,
    instance,
    logger,
    metrics,
    batchSize: config.outbox.batchSize,
    pollIntervalMs: config.outbox.pollIntervalMs,
    leaderPollMs: config.outbox.leaderPollMs,
    maxBackoffMs: config.outbox.maxBackoffMs,
  });

  const pruner = createRetentionPruner({
    logger,
    intervalMs: config.pruning.intervalMs,
    tasks: [
      {
        name: 'outbox partitions',
        prune: () => maintainOutboxPartitions(pool, config.outboxPartitions),
      },
      {
        name: 'expired idempotency keys',
        prune: () =>
          deleteExpiredKeys(pool, {
            retentionMinutes: config.idempotencyKeyRetentionMinutes,
            limit: config.pruning.batchSize,
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
      relay: outboxRelayStatus(pool, {
        instance,
        get leading() {
          return relay.leading;
        },
      }),
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
      // The relay's lock goes with its session: a standby takes over within OUTBOX_LEADER_POLL_MS.
      await Promise.all([http.close(), relay.stop(), pruner.stop(), deployment.stop()]);
      await publisher.disconnect();
      await pool.end();
    },
  };
}
