import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { scratchTopic } from '@events/test-kit/scratch-topics';
import { testKafka as kafka } from '@events/test-kit/test-kafka';
import type avsc from 'avsc';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAvroType } from '../src/avro/create-avro-type.ts';
import type { SchemaVersion } from '../src/catalog/catalog.ts';
import { loadCatalog } from '../src/catalog/load-catalog.ts';
import type { ContractError } from '../src/errors.ts';
import { createEventRouter, IGNORE } from '../src/handlers.ts';
import { registerCatalog } from '../src/registry/register-catalog.ts';
import { createSerde } from '../src/serde/create-serde.ts';
import { encodeFramed } from '../src/serde/wire-format.ts';
import type { OrderPlaced } from './generated/shop-catalog/index.ts';
import { topics } from './generated/shop-catalog/index.ts';
import { fixturesDir, registryUrl, rest } from './helpers.ts';
import { assertRegistryReachable, testSubject } from './registry-helpers.ts';
import { shopEvents } from './shop-events.ts';

const catalog = loadCatalog(join(fixturesDir, 'shop-catalog'));
const serde = createSerde({ topics, registry: { url: registryUrl } });

function versionOf(subject: string, version: number): SchemaVersion {
  const found = catalog.subjects.find((s) => s.subject === subject)?.versions[version - 1];
  if (!found) throw new Error(`the shop catalog has no ${subject} v${version}`);
  return found;
}

async function idOf(subject: string, version: SchemaVersion): Promise<number> {
  const found = await rest.lookup(subject, version.schema, version.references);
  if (!found) throw new Error(`${subject} v${version.version} is not registered`);
  return found.id;
}

async function failure(promise: Promise<unknown>): Promise<ContractError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: ContractError) => error,
  );
}

const unionBranches = (type: avsc.Type) => (type as unknown as { types: avsc.Type[] }).types;

describe('the shop catalog through the real registry and broker', () => {
  beforeAll(async () => {
    await assertRegistryReachable();
    // Fixed subject names: registering the fixture is idempotent, so parallel runs agree.
    await registerCatalog(catalog, rest, { dryRun: false });
    await serde.warmUp();
  });

  it('produces every event type and consumes them with exhaustive handler maps, keys included', async () => {
    const { orderId, customerId, orders, customers, shipment } = shopEvents();
    const kafkaTopic = {
      orders: await scratchTopic({ prefix: 'toolkit-test' }),
      customers: await scratchTopic({ prefix: 'toolkit-test' }),
      shipments: await scratchTopic({ prefix: 'toolkit-test' }),
    };
    const producer = kafka.producer();
    await producer.connect();
    const orderKey = await serde.encodeKey('orders', { orderId });
    await producer.send({
      topic: kafkaTopic.orders,
      messages: await Promise.all(
        orders.map(async (e) => ({ key: orderKey, value: await serde.encode('orders', e) })),
      ),
    });
    const customerKey = await serde.encodeKey('customers', customerId);
    await producer.send({
      topic: kafkaTopic.customers,
      messages: await Promise.all(
        customers.map(async (e) => ({ key: customerKey, value: await serde.encode('customers', e) })),
      ),
    });
    await producer.send({
      topic: kafkaTopic.shipments,
      messages: [
        {
          key: await serde.encodeKey('shipments', orderId),
          value: await serde.encode('shipments', shipment),
        },
      ],
    });
    await producer.disconnect();

    const received: { type: string; value: unknown; key: unknown }[] = [];
    const record = (type: string) => async (value: unknown, context: { key: unknown }) => {
      received.push({ type, value, key: context.key });
    };
    const routers = {
      orders: createEventRouter(topics, 'orders', {
        'shop.orders.OrderPlaced': record('shop.orders.OrderPlaced'),
        'shop.orders.OrderPaid': record('shop.orders.OrderPaid'),
        'shop.orders.OrderCancelled': record('shop.orders.OrderCancelled'),
      }),
      customers: createEventRouter(topics, 'customers', {
        'shop.customers.CustomerRegistered': record('shop.customers.CustomerRegistered'),
        'shop.customers.CustomerAddressChanged': IGNORE,
      }),
      shipments: createEventRouter(topics, 'shipments', {
        'shop.shipping.ShipmentDispatched': record('shop.shipping.ShipmentDispatched'),
      }),
    };
    const byKafkaTopic = new Map(
      Object.entries(kafkaTopic).map(([name, kafka]) => [kafka, name as keyof typeof kafkaTopic]),
    );
    const outcomes: string[] = [];
    const consumer = kafka.consumer({ groupId: `toolkit-test-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topics: Object.values(kafkaTopic), fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            const name = byKafkaTopic.get(topic) as keyof typeof kafkaTopic;
            const value = message.value as Buffer;
            const key = await serde.decodeKey(name, message.key as Buffer);
            const context = { topic, partition, offset: message.offset, key };
            const router = routers[name] as {
              routeDecoded: (d: () => Promise<unknown>, c: typeof context) => Promise<string>;
            };
            outcomes.push(await router.routeDecoded(() => serde.decode(name, value), context));
            if (outcomes.length === 6) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(outcomes.sort()).toEqual(['handled', 'handled', 'handled', 'handled', 'handled', 'ignored']);
    const sorted = <E extends { type: string }>(list: E[]) =>
      [...list].sort((a, b) => (a.type < b.type ? -1 : 1));
    expect(sorted(received)).toEqual(
      sorted([
        ...orders.map((e) => ({ ...e, key: { orderId } })),
        { ...(customers[0] as { type: string; value: unknown }), key: customerId },
        { type: 'shop.shipping.ShipmentDispatched', value: shipment, key: orderId },
      ]),
    );
  });

  it('reads OrderPlaced written with v1 (Money only) as v2, with the new fields at their defaults', async () => {
    const subject = 'orders-shop.orders.OrderPlaced';
    const v1 = versionOf(subject, 1);
    const {
      shippingAddress: _a,
      couponCode: _c,
      ...old
    } = (shopEvents().orders[0] as { value: OrderPlaced }).value;
    const framed = encodeFramed(v1.type, await idOf(subject, v1), old);
    expect(await serde.decode('orders', framed)).toEqual({
      type: 'shop.orders.OrderPlaced',
      value: { ...old, shippingAddress: null, couponCode: null },
    });
  });

  it('reads a customers-value v1 union message (CustomerRegistered v1, Address v1) as the v2 reader types', async () => {
    const v1 = versionOf('customers-value', 1);
    const { customerId } = shopEvents();
    const old = {
      customerId,
      email: 'ada@example.com',
      address: { street: 's', city: 'c', postalCode: 'p', country: 'FR' },
    };
    const framed = encodeFramed(
      unionBranches(v1.type)[0] as avsc.Type,
      await idOf('customers-value', v1),
      old,
      0,
    );
    expect(await serde.decode('customers', framed)).toEqual({
      type: 'shop.customers.CustomerRegistered',
      value: { ...old, address: { ...old.address, region: null }, marketingOptIn: false },
    });
  });

  it('reads a plain record written before the topic became a union as that event type', async () => {
    const registered = versionOf('shop.customers.CustomerRegistered', 1);
    const { id } = await rest.register(
      testSubject('customers-before-union'),
      registered.schema,
      registered.references,
    );
    const old = {
      customerId: 'c-9',
      email: 'e@x.io',
      address: { street: 's', city: 'c', postalCode: 'p', country: 'FR' },
    };
    expect(await serde.decode('customers', encodeFramed(registered.type, id, old))).toEqual({
      type: 'shop.customers.CustomerRegistered',
      value: { ...old, address: { ...old.address, region: null }, marketingOptIn: false },
    });
  });

  it('fails an event type from a newer producer with UNKNOWN_EVENT_TYPE, or skips and counts it when declared', async () => {
    const refunded = {
      type: 'record',
      name: 'OrderRefunded',
      namespace: 'shop.orders',
      fields: [{ name: 'orderId', type: 'string' }],
    };
    const subject = 'orders-shop.orders.OrderRefunded';
    await rest.register(subject, refunded);
    const id = (await rest.lookup(subject, refunded))?.id as number;
    const framed = encodeFramed(createAvroType(refunded), id, { orderId: 'o-1' });
    const error = await failure(serde.decode('orders', framed));
    expect(error).toMatchObject({ code: 'UNKNOWN_EVENT_TYPE', retriable: false });
    expect(error.message).toContain('shop.orders.OrderRefunded');

    const handlers = {
      'shop.orders.OrderPlaced': IGNORE,
      'shop.orders.OrderPaid': IGNORE,
      'shop.orders.OrderCancelled': IGNORE,
    } as const;
    const context = { topic: 'orders', partition: 0, offset: '0', key: null };
    const skipping = createEventRouter(topics, 'orders', handlers, { unknownEvents: 'skip' });
    expect(await skipping.routeDecoded(() => serde.decode('orders', framed), context)).toBe('skipped');
    expect(skipping.skipped).toBe(1);
    const deadLettering = createEventRouter(topics, 'orders', handlers);
    expect(
      await failure(deadLettering.routeDecoded(() => serde.decode('orders', framed), context)),
    ).toMatchObject({
      code: 'UNKNOWN_EVENT_TYPE',
    });
  });

  it('fails only the unknown branch of a newer union writer: known branches still decode', async () => {
    const registered = 'shop.customers.CustomerRegistered';
    const changed = 'shop.customers.CustomerAddressChanged';
    const deleted = {
      type: 'record',
      name: 'CustomerDeleted',
      namespace: 'shop.customers',
      fields: [{ name: 'customerId', type: 'string' }],
    };
    const newer = [registered, changed, deleted];
    const references = [
      { name: registered, subject: registered, version: 2 },
      { name: changed, subject: changed, version: 1 },
    ];
    const { id } = await rest.register(testSubject('customers-newer'), newer, references);
    const unknown = encodeFramed(createAvroType(deleted), id, { customerId: 'c-1' }, 2);
    expect(await failure(serde.decode('customers', unknown))).toMatchObject({ code: 'UNKNOWN_EVENT_TYPE' });
    const known = shopEvents().customers[1] as { type: string; value: unknown };
    const branch = unionBranches(versionOf('customers-value', 2).type)[1] as avsc.Type;
    expect(await serde.decode('customers', encodeFramed(branch, id, known.value, 1))).toEqual(known);
  });
});
