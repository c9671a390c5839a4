import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineServiceConfig } from './define-service-config.ts';
import { ConfigError } from './load-env.ts';

const loadConfig = defineServiceConfig({
  defaults: {
    serviceName: 'demo-service',
    port: 3999,
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/demo',
    shutdownTimeoutMs: 15_000,
  },
  env: { DEMO_BATCH_SIZE: z.coerce.number().int().min(1).default(100) },
  build: (env) => ({ demo: { batchSize: env.DEMO_BATCH_SIZE } }),
});

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('defineServiceConfig', () => {
  it('works locally with no variables at all', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({
      port: 3999,
      host: '0.0.0.0',
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 20_000,
      keepAliveTimeoutMs: 5_000,
    });
    expect(config.kafka).toEqual({ clientId: 'demo-service', brokers: ['127.0.0.1:9092'], ssl: false });
    expect(config.registry).toEqual({ url: 'http://127.0.0.1:8081/apis/ccompat/v7' });
    expect(config.database).toEqual({ connectionString: 'postgres://postgres@127.0.0.1:5432/demo', max: 10 });
    expect(config.demo).toEqual({ batchSize: 100 });
  });

  it('reads TLS and SASL for Kafka and basic auth for the registry', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'b1.example.com:9093, b2.example.com:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 's3cret',
      SCHEMA_REGISTRY_URL: 'https://registry.example.com',
      SCHEMA_REGISTRY_USERNAME: 'key',
      SCHEMA_REGISTRY_PASSWORD: 'secret',
    });
    expect(config.kafka).toEqual({
      clientId: 'demo-service',
      brokers: ['b1.example.com:9093', 'b2.example.com:9093'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 's3cret' },
    });
    expect(config.registry).toEqual({
      url: 'https://registry.example.com',
      username: 'key',
      password: 'secret',
    });
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ PORT: '', KAFKA_SASL_MECHANISM: '', DEMO_BATCH_SIZE: '' });
    expect(config.http.port).toBe(3999);
    expect(config.kafka.sasl).toBeUndefined();
    expect(config.demo.batchSize).toBe(100);
  });

  it('lists every bad key at once, the service own ones included', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      KAFKA_BROKERS: 'no-port',
      KAFKA_SASL_MECHANISM: 'plain',
      SCHEMA_REGISTRY_USERNAME: 'only-user',
      DEMO_BATCH_SIZE: '0',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(
      expect.arrayContaining([
        'PORT',
        'KAFKA_BROKERS.0',
        'KAFKA_SASL_USERNAME',
        'KAFKA_SASL_PASSWORD',
        'SCHEMA_REGISTRY_PASSWORD',
        'DEMO_BATCH_SIZE',
      ]),
    );
  });

  it('refuses a header timeout longer than the request timeout', () => {
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '30000' })).toEqual([
      'HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS',
    ]);
  });
});
