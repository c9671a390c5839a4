import { ConfigError, LOCAL_KAFKA_BROKERS } from '@events/service-platform/config';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

// The shared variables (HTTP, PostgreSQL, Kafka TLS/SASL, registry) are tested in @events/service-platform.
describe('loadConfig', () => {
  it('uses defaults that work against the local stack', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3001);
    expect(config.database).toEqual({
      connectionString: 'postgres://postgres@127.0.0.1:5432/profile_service',
      max: 10,
    });
    expect(config.kafka).toEqual({ clientId: 'profile-service', brokers: LOCAL_KAFKA_BROKERS, ssl: false });
    expect(config.registry).toEqual({ url: 'http://127.0.0.1:8081/apis/ccompat/v7' });
    expect(config.consumer).toMatchObject({
      groupId: 'profile-service',
      sourceTopic: 'user_register',
      dlqTopic: 'user_register.dlq',
    });
    expect(config.shutdownTimeoutMs).toBe(25_000);
  });

  it('connects to a Kafka with TLS and SASL the same way user-service does', () => {
    const config = loadConfig({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 'secret',
      DATABASE_POOL_MAX: '4',
    });
    expect(config.kafka).toMatchObject({
      ssl: true,
      sasl: { mechanism: 'plain', username: 'svc', password: 'secret' },
    });
    expect(config.database.max).toBe(4);
  });

  it('derives the dead-letter topic from an overridden source topic', () => {
    const config = loadConfig({ SOURCE_TOPIC: 'users-test' });
    expect(config.consumer.dlqTopic).toBe('users-test.dlq');
  });

  it('lists every bad key at once, its own and the shared ones', () => {
    try {
      loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'no-port', PARTITIONS_CONCURRENCY: '0' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const keys = (error as ConfigError).problems.map((problem) => problem.split(':')[0]);
      expect(keys.sort()).toEqual(['KAFKA_BROKERS.0', 'PARTITIONS_CONCURRENCY', 'PORT']);
      return;
    }
    throw new Error('expected the configuration to be refused');
  });
});
