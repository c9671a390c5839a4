import { ConfigError } from '@events/service-platform/config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

// The shared variables (HTTP, PostgreSQL, Kafka TLS/SASL, registry) are tested in @events/service-platform.
describe('loadConfig', () => {
  it('falls back to defaults that match the local stack', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.connectionString).toBe('postgres://postgres@127.0.0.1:5432/user_service');
    expect(config.kafka.clientId).toBe('user-service');
    expect(config.autoRegisterSchemas).toBe(false);
    expect(config.outbox).toEqual({
      topicOverrides: {},
      batchSize: 100,
      pollIntervalMs: 1000,
      leaderPollMs: 1000,
      maxBackoffMs: 1_000,
      sendTimeoutMs: 10_000,
    });
    expect(config.outboxPartitions).toEqual({ partitionMinutes: 60, retentionMinutes: 60 });
    expect(config.pruning).toEqual({ batchSize: 1_000, intervalMs: 1_000 });
    expect(config.idempotencyKeyRetentionMinutes).toBe(24 * 60);
    expect(config.databaseQueryTimeoutMs).toBe(15_000);
    expect(config.shutdownTimeoutMs).toBe(15_000);
  });

  it('sends user_register events to another Kafka topic when asked', () => {
    expect(loadConfig({ USER_REGISTER_TOPIC: 'scratch' }).outbox.topicOverrides).toEqual({
      user_register: 'scratch',
    });
  });

  it('lists its own bad keys with the shared ones', () => {
    try {
      loadConfig({
        OUTBOX_BATCH_SIZE: '0',
        SCHEMA_REGISTRY_AUTO_REGISTER: 'maybe',
        PORT: 'x',
        IDEMPOTENCY_KEY_RETENTION_MINUTES: '0',
        DATABASE_QUERY_TIMEOUT_MS: '1h',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const keys = (error as ConfigError).problems.map((problem) => problem.split(':')[0]);
      expect(keys.sort()).toEqual([
        'DATABASE_QUERY_TIMEOUT_MS',
        'IDEMPOTENCY_KEY_RETENTION_MINUTES',
        'OUTBOX_BATCH_SIZE',
        'PORT',
        'SCHEMA_REGISTRY_AUTO_REGISTER',
      ]);
      return;
    }
    throw new Error('expected the configuration to be refused');
  });
});
