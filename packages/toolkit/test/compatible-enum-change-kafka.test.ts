import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { scratchTopic } from '@events/test-kit/scratch-topics';
import { testKafka as kafka } from '@events/test-kit/test-kafka';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEventRouter, IGNORE } from '../src/handlers.ts';
import { createSerde } from '../src/serde/create-serde.ts';
import { type Currency, type OrderPaid, topics } from './generated/shop-catalog/index.ts';
import { fixturesDir, readJson, registryUrl } from './helpers.ts';
import { assertRegistryReachable, testSubject } from './registry-helpers.ts';

type Schema = { fields: { name: string; type: unknown }[] } & Record<string, unknown>;

const fixture = (subject: string) =>
  readJson(join(fixturesDir, 'shop-catalog', subject, 'v1.avsc')) as Schema;
const withFieldType = (record: Schema, name: string, type: unknown): Schema => ({
  ...record,
  fields: record.fields.map((field) => (field.name === name ? { ...field, type } : field)),
});

/**
 * OrderPaid as a newer producer build compiles it: Currency, still defaulting to EUR, has gained CHF (a change
 * the checker calls compatible). Written from the fixture's files, not from codegen, so it cannot share a fault.
 */
function newerOrderPaid(): Schema {
  const currency = fixture('shop.common.Currency');
  const symbols = [...(currency.symbols as string[]), 'CHF'];
  const money = withFieldType(fixture('shop.common.Money'), 'currency', { ...currency, symbols });
  return withFieldType(fixture('orders-shop.orders.OrderPaid'), 'amount', money);
}

const paid = (currency: Currency): OrderPaid => ({
  orderId: randomUUID(),
  amount: { amount: '25.00', currency },
  paidAt: new Date('2026-11-30T10:01:00.000Z'),
});

describe('a compatible enum change between a newer producer and an older consumer, through the registry and broker', () => {
  beforeAll(assertRegistryReachable);

  it('reads the old symbols as they are and the added symbol as the enum default', async () => {
    const schema = newerOrderPaid();
    // A subject of its own: the fixture's subjects stay as the fixture has them for the other tests and runs.
    const registered = { subject: testSubject('orders-newer-currency'), version: 1, schema, references: [] };
    const newerTopics = {
      orders: {
        ...topics.orders,
        events: {
          ...topics.orders.events,
          'shop.orders.OrderPaid': { name: 'shop.orders.OrderPaid', schema, registered },
        },
      },
    };
    const producerSerde = createSerde({
      topics: newerTopics,
      registry: { url: registryUrl },
      autoRegister: true,
    });
    // The consumer is the older build: the committed generated code of the fixture, as it is.
    const consumerSerde = createSerde({ topics, registry: { url: registryUrl } });

    const topic = await scratchTopic({ prefix: 'toolkit-test' });
    const sent = [paid('GBP'), paid('CHF' as Currency), paid('USD')];
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: await Promise.all(
        sent.map(async (value) => ({
          value: await producerSerde.encode('orders', { type: 'shop.orders.OrderPaid', value }),
        })),
      ),
    });
    await producer.disconnect();

    const received: OrderPaid[] = [];
    const router = createEventRouter(topics, 'orders', {
      'shop.orders.OrderPaid': async (value) => {
        received.push(value);
      },
      'shop.orders.OrderPlaced': IGNORE,
      'shop.orders.OrderCancelled': IGNORE,
    });
    const consumer = kafka.consumer({ groupId: `toolkit-test-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              // A decode failure fails the test with its message instead of kafkajs retrying until the timeout.
              try {
                const context = { topic, partition, offset: message.offset, key: null };
                await router.routeDecoded(
                  () => consumerSerde.decode('orders', message.value as Buffer),
                  context,
                );
                if (received.length === sent.length) resolve();
              } catch (error) {
                reject(error);
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }

    const withCurrency = (value: OrderPaid, currency: Currency) => ({
      ...value,
      amount: { ...value.amount, currency },
    });
    expect(received).toEqual([sent[0], withCurrency(sent[1] as OrderPaid, 'EUR'), sent[2]]);
  });
});
