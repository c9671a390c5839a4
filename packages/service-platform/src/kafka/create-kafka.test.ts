import { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createKafka } from './create-kafka.ts';

vi.mock('kafkajs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('kafkajs')>();
  return { ...actual, Kafka: vi.fn() };
});

const logger = pino({ level: 'silent' });

describe('createKafka', () => {
  it('passes TLS and SASL settings to the client', () => {
    createKafka(
      {
        clientId: 'svc',
        brokers: ['b1:9093'],
        ssl: true,
        sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
      },
      logger,
    );
    expect(vi.mocked(Kafka).mock.lastCall?.[0]).toMatchObject({
      clientId: 'svc',
      brokers: ['b1:9093'],
      ssl: true,
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
    });
  });

  it('sends no SASL settings when none are configured', () => {
    createKafka({ clientId: 'svc', brokers: ['b1:9092'], ssl: false }, logger);
    const config = vi.mocked(Kafka).mock.lastCall?.[0];
    expect(config?.ssl).toBe(false);
    expect(config).not.toHaveProperty('sasl');
  });
});
