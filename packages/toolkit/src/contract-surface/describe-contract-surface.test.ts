import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { topics } from '../../test/generated/shop-catalog/index.ts';
import { contractManifestSchema } from '../deployments/manifest-schema.ts';
import { ContractError } from '../errors.ts';
import { createEventRouter, IGNORE } from '../handlers.ts';
import { describeContractSurface } from './describe-contract-surface.ts';
import { resolveSchemaIds } from './resolve-schema-ids.ts';

const service = { name: 'order-service', version: '1.4.0', commit: 'abc123' };
const noop = async () => {};

function orderServiceManifest() {
  return describeContractSurface({
    service,
    topics,
    produces: ['orders'],
    consumes: [
      createEventRouter(
        topics,
        'customers',
        { 'shop.customers.CustomerRegistered': noop, 'shop.customers.CustomerAddressChanged': IGNORE },
        { unknownEvents: 'skip' },
      ),
    ],
  });
}

describe('describeContractSurface', () => {
  it('lists each event type of a produced record-name topic with its own subject, and the Avro key', () => {
    const [orders] = orderServiceManifest().produces;
    expect(orders).toMatchObject({ topic: 'orders', strategy: 'TopicRecordNameStrategy', multiEvent: true });
    expect(orders?.key).toMatchObject({ encoding: 'avro', schema: { subject: 'orders-key', version: 1 } });
    expect(
      Object.fromEntries(
        Object.entries(orders?.writers ?? {}).map(([type, writer]) => [
          type,
          `${writer.subject} v${writer.version}`,
        ]),
      ),
    ).toEqual({
      'shop.orders.OrderPlaced': 'orders-shop.orders.OrderPlaced v2',
      'shop.orders.OrderPaid': 'orders-shop.orders.OrderPaid v1',
      'shop.orders.OrderCancelled': 'orders-shop.orders.OrderCancelled v1',
    });
  });

  it('writes each schema self-contained: referenced types are inlined', () => {
    const placed = orderServiceManifest().produces[0]?.writers['shop.orders.OrderPlaced'];
    expect(JSON.stringify(placed?.schema)).toContain('"name":"shop.common.Money"');
  });

  it("reads the consumer's router: handled, ignored, and the policy for unknown event types", () => {
    const [customers] = orderServiceManifest().consumes;
    expect(customers?.unknownEventTypes).toBe('skip');
    expect(customers?.events['shop.customers.CustomerRegistered']).toMatchObject({
      handling: 'handled',
      reader: { subject: 'customers-value', version: 2, schemaId: null },
    });
    expect(customers?.events['shop.customers.CustomerAddressChanged']?.handling).toBe('ignored');
  });

  it('is valid against the manifest format, whose JSON Schema is the shipped file', async () => {
    expect(contractManifestSchema.safeParse(orderServiceManifest()).success).toBe(true);
    await expect(`${JSON.stringify(z.toJSONSchema(contractManifestSchema), null, 2)}\n`).toMatchFileSnapshot(
      '../../json-schema/contract-manifest.v1.json',
    );
  });

  it('refuses a topic the topic map does not define', () => {
    expect(() => describeContractSurface({ service, topics, produces: ['nope'], consumes: [] })).toThrow(
      ContractError,
    );
  });
});

describe('resolveSchemaIds', () => {
  it('fills in the id of each registered schema and leaves null for the ones not registered yet', async () => {
    const resolved = await resolveSchemaIds({
      manifest: orderServiceManifest(),
      topics,
      registry: {
        idOf: async ({ subject }) => {
          if (subject === 'orders-shop.orders.OrderPaid')
            throw new ContractError('SCHEMA_NOT_REGISTERED', 'not registered');
          return subject.length;
        },
      },
    });
    const writers = resolved.produces[0]?.writers;
    expect(writers?.['shop.orders.OrderPlaced']?.schemaId).toBe('orders-shop.orders.OrderPlaced'.length);
    expect(writers?.['shop.orders.OrderPaid']?.schemaId).toBeNull();
    expect(resolved.produces[0]?.key).toMatchObject({ schema: { schemaId: 'orders-key'.length } });
    expect(resolved.consumes[0]?.events['shop.customers.CustomerRegistered']?.reader.schemaId).toBe(
      'customers-value'.length,
    );
  });

  it('throws when the registry cannot be reached, so the caller keeps what it had', async () => {
    const unreachable = async () => {
      throw new ContractError('REGISTRY_UNAVAILABLE', 'down');
    };
    await expect(
      resolveSchemaIds({ manifest: orderServiceManifest(), topics, registry: { idOf: unreachable } }),
    ).rejects.toMatchObject({ code: 'REGISTRY_UNAVAILABLE' });
  });
});
