import { randomUUID } from 'node:crypto';
import { endpoints } from '@events/stack/endpoints';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const { brokers: kafkaBrokers, registryUrl } = endpoints;

const topic = `smoke-${randomUUID()}`;
const subject = `${topic}-value`;
const schema = {
  type: 'record',
  name: 'Smoke',
  namespace: 'test.smoke',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'count', type: 'int' },
  ],
};

const kafka = new Kafka({
  clientId: 'smoke-test',
  brokers: kafkaBrokers,
  logLevel: logLevel.NOTHING,
  connectionTimeout: 2000,
  retry: { retries: 2 },
});
const registry = new SchemaRegistry({ host: registryUrl });
const admin = kafka.admin();

beforeAll(async () => {
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Kafka is not reachable at ${kafkaBrokers.join(',')} (${(error as Error).message}): start it with \`npm run stack:up\``,
    );
  }
  const registryUp = await fetch(`${registryUrl}/subjects`).then(
    (r) => r.ok,
    () => false,
  );
  if (!registryUp)
    throw new Error(
      `The schema registry is not reachable at ${registryUrl}: start it with \`npm run stack:up\``,
    );
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe('the local stack', () => {
  it('carries a registry-encoded Avro message through a real Kafka topic and back', async () => {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject },
    );
    const value = { id: randomUUID(), count: 42 };
    const encoded = await registry.encode(id, value);

    expect(encoded[0]).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: value.id, value: encoded }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `smoke-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message consumed within 30 s')), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve(message.value as Buffer);
        },
      });
    });
    await consumer.disconnect();

    expect(received.equals(encoded)).toBe(true);
    expect(await registry.decode(received)).toEqual(value);
  });
});
