import { defineServiceConfig, flag, integer } from '@events/service-platform/config';
import { z } from 'zod';

/** The shared variables (HTTP, PostgreSQL, Kafka, registry...) plus the relay's own; see the README table. */
export const loadConfig = defineServiceConfig({
  defaults: {
    serviceName: 'user-service',
    port: 3000,
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/user_service',
    shutdownTimeoutMs: 15_000,
  },
  env: {
    SCHEMA_REGISTRY_AUTO_REGISTER: flag().default(false),
    USER_REGISTER_TOPIC: z.string().min(1).optional(),
    OUTBOX_BATCH_SIZE: integer(1, 1000).default(100),
    OUTBOX_POLL_INTERVAL_MS: integer(50).default(1000),
    OUTBOX_LEADER_POLL_MS: integer(100).default(1000),
    OUTBOX_MAX_BACKOFF_MS: integer(100).default(1_000),
    OUTBOX_SEND_TIMEOUT_MS: integer(1_000).default(10_000),
    OUTBOX_RETENTION_MINUTES: integer(1).default(60),
    OUTBOX_PARTITION_MINUTES: integer(1, 24 * 60).default(60),
    OUTBOX_PRUNE_BATCH_SIZE: integer(1, 10_000).default(1_000),
    OUTBOX_PRUNE_INTERVAL_MS: integer(10).default(1_000),
    IDEMPOTENCY_KEY_RETENTION_MINUTES: integer(1).default(24 * 60),
    DATABASE_QUERY_TIMEOUT_MS: integer(100).default(15_000),
  },
  build: (env) => ({
    autoRegisterSchemas: env.SCHEMA_REGISTRY_AUTO_REGISTER,
    outbox: {
      /** Kafka topic per contract topic, when it differs (tests and benchmarks use scratch topics). */
      topicOverrides: (env.USER_REGISTER_TOPIC === undefined
        ? {}
        : { user_register: env.USER_REGISTER_TOPIC }) as Record<string, string>,
      batchSize: env.OUTBOX_BATCH_SIZE,
      pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      leaderPollMs: env.OUTBOX_LEADER_POLL_MS,
      maxBackoffMs: env.OUTBOX_MAX_BACKOFF_MS,
      sendTimeoutMs: env.OUTBOX_SEND_TIMEOUT_MS,
    },
    outboxPartitions: {
      partitionMinutes: env.OUTBOX_PARTITION_MINUTES,
      retentionMinutes: env.OUTBOX_RETENTION_MINUTES,
    },
    /** The retention pruner's pace: partition upkeep and expired idempotency keys, one batch each per interval. */
    pruning: {
      batchSize: env.OUTBOX_PRUNE_BATCH_SIZE,
      intervalMs: env.OUTBOX_PRUNE_INTERVAL_MS,
    },
    /** How long a retry with the same Idempotency-Key gets the original answer; expired keys go in bulk. */
    idempotencyKeyRetentionMinutes: env.IDEMPOTENCY_KEY_RETENTION_MINUTES,
    /** A statement unanswered by then fails on the client; a write's outcome is then looked up. */
    databaseQueryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
  }),
});

export type Config = ReturnType<typeof loadConfig>;
