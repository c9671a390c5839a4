import { setTimeout as sleep } from 'node:timers/promises';
import {
  createDeploymentRecorder,
  createManifestSource,
  createRegistryClient,
  createSerde,
  resolveSchemaIds,
} from '@events/contracts';
import { startHttpServer } from '@events/service-platform/http';
import { createKafka } from '@events/service-platform/kafka';
import { createBackoff } from '@events/service-platform/lifecycle';
import type { Logger } from '@events/service-platform/observability';
import { createPool, migrate, migrationsDirOf } from '@events/service-platform/postgres';
import { Partitioners } from 'kafkajs';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { createProfileRepository } from './data-access/profile-repository.ts';
import { createBatchProcessor } from './entry-points/consumer/batch-processor.ts';
import { createConsumerSupervisor } from './entry-points/consumer/consumer-supervisor.ts';
import { describeServiceContract } from './messaging/contract-surface.ts';
import { createDeadLetterPublisher } from './messaging/dead-letter-publisher.ts';
import { createMessageReader } from './messaging/read-message.ts';
import { createMetrics } from './observability/metrics.ts';

/** The same shape in every service: where it listens and how to stop it. */
export interface RunningService {
  /** The base URL of its HTTP API. */
  url: string;
  /** The HTTP port actually bound (differs from config when it asked for 0). */
  port: number;
  stop(): Promise<void>;
}

/** Wires everything and starts HTTP at once; the consumer starts once the schema is migrated. */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const metrics = createMetrics();
  const pool = createPool({ ...config.database, applicationName: config.serviceName, logger });
  const repository = createProfileRepository({ pool });
  // Retries keep probing every 2 s at most: after an outage the consumer is back within seconds of the broker.
  const kafka = createKafka(config.kafka, logger, {
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 2_000 },
  });
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const backoff = createBackoff(config.retry);
  const registry = createRegistryClient(config.registry);
  const readMessage = createMessageReader({ serde: createSerde({ registry }) });
  const contracts = createManifestSource({
    manifest: describeServiceContract(
      config.serviceName,
      new URL('../package.json', import.meta.url),
      readMessage.router,
    ),
    resolveIds: (manifest) => resolveSchemaIds(manifest, registry),
  });
  const deployment = createDeploymentRecorder({
    manifest: contracts.refresh,
    producer: kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner }),
    admin: kafka.admin(),
    logger,
  });
  const processor = createBatchProcessor({
    readMessage,
    repository,
    deadLetters: createDeadLetterPublisher({
      producer,
      dlqTopic: config.consumer.dlqTopic,
      consumerGroup: config.consumer.groupId,
    }),
    metrics,
    logger,
    backoff,
    chunkSize: config.consumer.chunkSize,
  });
  const supervisor = createConsumerSupervisor({
    kafka,
    groupId: config.consumer.groupId,
    topic: config.consumer.sourceTopic,
    partitionsConsumedConcurrently: config.consumer.partitionsConcurrency,
    sessionTimeoutMs: config.consumer.sessionTimeoutMs,
    retry: config.retry,
    eachBatch: processor.eachBatch,
    // Lag series for partitions now owned by another instance would go stale: start afresh.
    onAssignment: () => metrics.consumerLag.reset(),
    backoff,
    logger,
  });

  let migrated = false;
  const app = createApp({
    profiles: repository,
    contracts: contracts.current,
    readiness: {
      database: () => repository.ping(),
      migrated: () => {
        if (!migrated) throw new Error('migrations have not run yet');
      },
      kafka: () => {
        if (!supervisor.isReady()) throw new Error('the consumer is not in its group');
      },
    },
    registry: metrics.registry,
    logger,
  });
  const http = await startHttpServer({ app, config: config.http, logger });
  logger.info({ groupId: config.consumer.groupId, topic: config.consumer.sourceTopic }, 'consuming');
  deployment.start();

  const stopping = new AbortController();
  const startup = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await migrate({ pool, dir: migrationsDirOf(import.meta.url), logger });
        migrated = true;
        supervisor.start();
        return;
      } catch (error) {
        const delayMs = backoff.next('migrate');
        logger.warn({ err: error, delayMs }, 'database not ready for migrations; retrying');
        await sleep(delayMs, undefined, { signal: stopping.signal }).catch(() => {});
      }
    }
  })();

  return {
    url: `http://127.0.0.1:${http.port}`,
    port: http.port,
    async stop() {
      stopping.abort();
      await startup;
      const closed = http.close();
      await Promise.all([supervisor.stop(), deployment.stop()]);
      processor.close();
      await producer.disconnect();
      await closed;
      await pool.end();
      logger.info('profile-service stopped');
    },
  };
}
