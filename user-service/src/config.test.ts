import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('falls back to defaults that match the local stack', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.connectionString).toBe('postgres://postgres@127.0.0.1:5432/user_service');
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.kafka.sasl).toBeUndefined();
    expect(config.registry.url).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(config.registry.autoRegister).toBe(false);
    expect(config.outbox.destinationTopic).toBeUndefined();
    expect(config.logLevel).toBe('info');
  });

  it('parses broker lists, flags and numbers from strings', () => {
    const config = loadConfig({
      PORT: '8080',
      KAFKA_BROKERS: 'a:9092, b:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 'secret',
      SCHEMA_REGISTRY_USERNAME: 'reg',
      SCHEMA_REGISTRY_PASSWORD: 'pw',
      USER_REGISTER_TOPIC: 'scratch',
    });
    expect(config.http.port).toBe(8080);
    expect(config.kafka.brokers).toEqual(['a:9092', 'b:9093']);
    expect(config.kafka.ssl).toBe(true);
    expect(config.kafka.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'svc', password: 'secret' });
    expect(config.registry).toMatchObject({ username: 'reg', password: 'pw' });
    expect(config.outbox.destinationTopic).toBe('scratch');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '' }).http.port).toBe(3000);
  });

  it('lists every bad key at once instead of stopping at the first', () => {
    const error = captureError(() =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', KAFKA_SSL: 'maybe' }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).problems.map((problem) => problem.split(':')[0]);
    expect(keys.sort()).toEqual(['DATABASE_URL', 'KAFKA_SSL', 'LOG_LEVEL', 'PORT']);
  });

  it('rejects half-configured SASL and registry credentials', () => {
    const error = captureError(() =>
      loadConfig({ KAFKA_SASL_USERNAME: 'svc', SCHEMA_REGISTRY_PASSWORD: 'pw' }),
    ) as ConfigError;
    expect(error.problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_PASSWORD',
      'SCHEMA_REGISTRY_USERNAME',
    ]);
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
