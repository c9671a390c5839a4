import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSerde } from '@events/contracts';
import { Partitioners } from 'kafkajs';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { createBackoff } from './consumer/backoff.ts';
import { createBatchProcessor } from './consumer/batch-processor.ts';
import { createDeadLetterPublisher } from './consumer/dead-letter-publisher.ts';
import { createMessageReader } from './consumer/read-message.ts';
import { migrate } from './db/migrate.ts';
import { createPool } from './db/pool.ts';
import { createProfileRepository } from './db/profile-repository.ts';
import { createConsumerSupervisor } from './kafka/consumer-supervisor.ts';
import { createKafka } from './kafka/create-kafka.ts';
import { createMetrics } from './observability/metrics.ts';

export interface RunningService {
  /** The HTTP port actually bound (differs from config when it asked for 0). */
  port: number;
  stop(): Promise<void>;
}

/** Wires everything and starts HTTP at once; the consumer starts once the schema is migrated. */
export async function startProfileService({
  config,
  logger,
}: {
  config: Config;
  logger: Logger;
}): Promise<RunningService> {
  const metrics = createMetrics();
  const pool = createPool({ ...config.database, logger });
  const repository = createProfileRepository({ pool });
  const kafka = createKafka({ ...config.kafka, logger });
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const backoff = createBackoff(config.retry);
  const processor = createBatchProcessor({
    readMessage: createMessageReader({ serde: createSerde({ registry: config.registry }) }),
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
    eachBatch: processor.eachBatch,
    // Lag series for partitions now owned by another instance would go stale: start afresh.
    onAssignment: () => metrics.consumerLag.reset(),
    backoff,
    logger,
  });

  let migrated = false;
  const readiness = async () => {
    const database = await repository.ping().then(
      () => true,
      () => false,
    );
    return { database, migrated, kafka: supervisor.isReady() };
  };
  const app = createApp({ profiles: repository, readiness, registry: metrics.registry, logger });
  const server = app.listen(config.port, '0.0.0.0');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  logger.info(
    { port, groupId: config.consumer.groupId, topic: config.consumer.sourceTopic },
    'http listening',
  );

  const stopping = new AbortController();
  const startup = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await migrate({ pool, logger });
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
    port,
    async stop() {
      stopping.abort();
      await startup;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await supervisor.stop();
      processor.close();
      await producer.disconnect();
      await closed;
      await pool.end();
      logger.info('profile-service stopped');
    },
  };
}
