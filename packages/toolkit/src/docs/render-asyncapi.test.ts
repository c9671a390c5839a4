import { fileURLToPath } from 'node:url';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import { Parser } from '@asyncapi/parser';
import avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { catalogView } from './catalog-view.ts';
import { renderAsyncApi } from './render-asyncapi.ts';

const shopCatalog = fileURLToPath(new URL('../../test/fixtures/shop-catalog', import.meta.url));
const projectCatalog = fileURLToPath(new URL('../../../../contracts/schemas', import.meta.url));

const parser = new Parser();
parser.registerSchemaParser(AvroSchemaParser());
const parse = (document: unknown) => parser.parse(JSON.stringify(document));

// The one diagnostic we accept: an info that 3.1.0 exists. We write 3.0.0, what the tools around it read.
const LATEST_VERSION_HINT = 'asyncapi-latest-version';

describe('renderAsyncApi', () => {
  it.each([
    ['the shop fixture catalog', shopCatalog],
    ["this project's catalog", projectCatalog],
  ])('writes a document the official AsyncAPI parser accepts without diagnostics: %s', async (_, dir) => {
    const document = renderAsyncApi(catalogView(loadCatalog(dir)), { title: 'Events', version: '1.0.0' });
    const { document: parsed, diagnostics } = await parse(document);
    const unexplained = diagnostics.filter((d) => d.code !== LATEST_VERSION_HINT);
    expect(unexplained.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed).toBeDefined();
  });

  it('has a channel per topic, a message per event type and an operation per producer and consumer', async () => {
    const { document } = await parse(
      renderAsyncApi(catalogView(loadCatalog(shopCatalog)), { title: 'Shop', version: '1.0.0' }),
    );
    const orders = document!.channels().get('orders')!;
    expect(orders.address()).toBe('orders');
    expect(
      orders
        .messages()
        .all()
        .map((m) => m.name())
        .sort(),
    ).toEqual(['shop.orders.OrderCancelled', 'shop.orders.OrderPaid', 'shop.orders.OrderPlaced']);
    const customers = document!.channels().get('customers')!;
    expect(
      customers
        .messages()
        .all()
        .map((m) => m.name())
        .sort(),
    ).toEqual(['shop.customers.CustomerAddressChanged', 'shop.customers.CustomerRegistered']);
    const operations = document!
      .operations()
      .all()
      .map((op) => `${op.action()} ${op.channels().all()[0]!.address()} ${op.json().title}`);
    expect(operations).toContain('send orders order-service sends orders');
    expect(operations).toContain('receive orders billing-service receives orders');
    expect(operations).toContain('receive customers order-service receives customers');
  });

  it('inlines referenced shared types so every payload is self-contained Avro', () => {
    const document = renderAsyncApi(catalogView(loadCatalog(shopCatalog)), {
      title: 'Shop',
      version: '1.0.0',
    });
    const channels = document.channels as Record<
      string,
      { messages: Record<string, { payload: { schema: unknown } }> }
    >;
    const placed = avsc.Type.forSchema(channels.orders!.messages.OrderPlaced!.payload.schema as avsc.Schema, {
      logicalTypes: {},
    }) as avsc.types.RecordType;
    const total = placed.fields.find((field) => field.name === 'total')!.type as avsc.types.RecordType;
    expect(total.name).toBe('shop.common.Money');
    expect(total.fields.map((field) => field.name)).toEqual(['amount', 'currency']);
  });

  it('describes an Avro key through the Kafka binding', () => {
    const document = renderAsyncApi(catalogView(loadCatalog(shopCatalog)), {
      title: 'Shop',
      version: '1.0.0',
    });
    const binding = (
      document.channels as Record<
        string,
        { messages: Record<string, { bindings: { kafka: { key: unknown } } }> }
      >
    ).orders!.messages.OrderPlaced!.bindings.kafka;
    expect(binding.key).toEqual({ $ref: '#/components/schemas/orders-key' });
    expect(
      (document.components as { schemas: Record<string, { schema: { name: string } }> }).schemas[
        'orders-key'
      ]!.schema.name,
    ).toBe('OrderKey');
  });
});
