import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { ProfileServiceError } from './errors.ts';

describe('loadConfig', () => {
  it('uses defaults that work against the local stack', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3001);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/profile_service');
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.registry).toEqual({ url: 'http://127.0.0.1:8081/apis/ccompat/v7' });
    expect(config.consumer).toMatchObject({
      groupId: 'profile-service',
      sourceTopic: 'user_register',
      dlqTopic: 'user_register.dlq',
    });
  });

  it('derives the dead-letter topic from an overridden source topic', () => {
    const config = loadConfig({ SOURCE_TOPIC: 'users-test', KAFKA_BROKERS: 'a:1, b:2' });
    expect(config.consumer.dlqTopic).toBe('users-test.dlq');
    expect(config.kafka.brokers).toEqual(['a:1', 'b:2']);
  });

  it('lists every bad key at once', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'no-port', DATABASE_URL: 'not a url' });
    expect(attempt).toThrow(ProfileServiceError);
    try {
      attempt();
    } catch (error) {
      const failure = error as ProfileServiceError;
      expect(failure.code).toBe('CONFIG_INVALID');
      expect(failure.message).toMatch(/PORT/);
      expect(failure.message).toMatch(/KAFKA_BROKERS/);
      expect(failure.message).toMatch(/DATABASE_URL/);
    }
  });
});
