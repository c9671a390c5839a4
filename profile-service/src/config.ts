import { deadLetterTopicOf } from '@events/contracts';
import { defineServiceConfig, integer } from '@events/service-platform/config';
import { z } from 'zod';
import { consumedTopic } from './domain/consumed-topic.ts';

/** The shared variables (HTTP, PostgreSQL, Kafka, registry...) plus the consumer's own; see the README table. */
export const loadConfig = defineServiceConfig({
  defaults: {
    serviceName: 'profile-service',
    port: 3001,
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/profile_service',
    shutdownTimeoutMs: 25_000,
  },
  env: {
    CONSUMER_GROUP: z.string().min(1).default('profile-service'),
    SOURCE_TOPIC: z.string().min(1).default(consumedTopic),
    DLQ_TOPIC: z.string().min(1).optional(),
    // Short: the partitions of an instance that died without leaving (SIGKILL) wait this long for a new owner.
    KAFKA_SESSION_TIMEOUT_MS: integer(6_000).default(10_000),
    PARTITIONS_CONCURRENCY: integer(1, 64).default(3),
    BATCH_CHUNK_SIZE: integer(1, 10_000).default(500),
    RETRY_INITIAL_MS: integer(1).default(500),
    RETRY_MAX_MS: integer(1).default(2_000),
  },
  build: (env) => ({
    consumer: {
      groupId: env.CONSUMER_GROUP,
      sourceTopic: env.SOURCE_TOPIC,
      dlqTopic: env.DLQ_TOPIC ?? deadLetterTopicOf(env.SOURCE_TOPIC),
      partitionsConcurrency: env.PARTITIONS_CONCURRENCY,
      chunkSize: env.BATCH_CHUNK_SIZE,
      sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    },
    retry: { baseMs: env.RETRY_INITIAL_MS, maxMs: Math.max(env.RETRY_MAX_MS, env.RETRY_INITIAL_MS) },
  }),
});

export type Config = ReturnType<typeof loadConfig>;
