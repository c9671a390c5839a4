import { describe, expect, it } from 'vitest';
import { topics as shopTopics } from '../../test/generated/shop-catalog/index.ts';
import { generatedTopics } from '../../test/generated-topics.ts';
import { shopEvents } from '../../test/shop-events.ts';
import type { ContractError } from '../errors.ts';
import { createSerde } from './create-serde.ts';

const topics = await generatedTopics('user-catalog');
// Nothing listens on this privileged port: every registry call fails as unavailable.
const offline = createSerde({ topics, registry: { url: 'http://127.0.0.1:4/apis/ccompat/v7' } });

const valid = {
  userId: '8a4f2c1e-1234-4cde-9abc-0123456789ab',
  email: 'ada@example.com',
  username: 'ada',
  registeredAt: new Date('2024-01-02T03:04:05Z'),
  displayName: null,
};

async function failure(promise: Promise<unknown>): Promise<ContractError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: ContractError) => error,
  );
}

describe('createSerde without a registry', () => {
  it('lists every bad field with its path before touching the registry', async () => {
    const bad = { ...valid, userId: 'not-a-uuid', email: 42, registeredAt: 'yesterday', displayName: 7 };
    const error = await failure(offline.encode('user_register', bad));
    expect(error).toMatchObject({ name: 'ContractError', code: 'INVALID_VALUE', retriable: false });
    expect(error.details).toEqual([
      { path: 'userId', message: 'expected uuid (string), got "not-a-uuid"' },
      { path: 'email', message: 'expected string, got 42' },
      { path: 'registeredAt', message: 'expected timestamp-millis (Date), got "yesterday"' },
      { path: 'displayName', message: 'expected one of null | string, got 7' },
    ]);
  });

  it('reports a missing field by its path', async () => {
    const { email: _email, ...withoutEmail } = valid;
    const error = await failure(offline.encode('user_register', withoutEmail));
    expect(error.details).toEqual([{ path: 'email', message: 'expected string, got undefined' }]);
  });

  it('rejects a topic the contract does not define', async () => {
    const error = await failure(offline.encode('no_such_topic' as 'user_register', valid));
    expect(error).toMatchObject({ code: 'UNKNOWN_TOPIC', retriable: false });
  });

  it('rejects a message that is not in the wire format without a registry call', async () => {
    const error = await failure(offline.decode('user_register', Buffer.from('plain text')));
    expect(error).toMatchObject({ code: 'NOT_WIRE_FORMAT', retriable: false });
  });

  it('fails a valid encode with a retriable REGISTRY_UNAVAILABLE naming what it tried', async () => {
    const error = await failure(offline.encode('user_register', valid));
    expect(error).toMatchObject({ code: 'REGISTRY_UNAVAILABLE', retriable: true });
    expect(error.message).toContain('user_register-value');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('fails a decode of an unseen schema id with a retriable REGISTRY_UNAVAILABLE', async () => {
    const error = await failure(offline.decode('user_register', Buffer.from([0, 0, 0, 0, 42, 0])));
    expect(error).toMatchObject({ code: 'REGISTRY_UNAVAILABLE', retriable: true });
    expect(error.message).toContain('schema id 42');
  });
});

describe('validate, toJSON and fromJSON (no registry)', () => {
  const shop = createSerde({ topics: shopTopics, registry: { url: 'http://127.0.0.1:4/apis/ccompat/v7' } });
  const { orders, customers, shipment } = shopEvents();

  it('round-trips every event exactly: dates, decimals, nullable unions and the event type', () => {
    for (const event of orders) expect(shop.fromJSON('orders', shop.toJSON('orders', event))).toEqual(event);
    for (const event of customers)
      expect(shop.fromJSON('customers', shop.toJSON('customers', event))).toEqual(event);
    expect(shop.fromJSON('shipments', shop.toJSON('shipments', shipment))).toEqual(shipment);
    expect(offline.fromJSON('user_register', offline.toJSON('user_register', valid))).toEqual(valid);
  });

  it('writes the event type beside the record on multi-event topics', () => {
    const text = shop.toJSON('orders', orders[1] as (typeof orders)[number]);
    expect(JSON.parse(text)).toMatchObject({
      type: 'shop.orders.OrderPaid',
      value: { amount: { currency: 'EUR' } },
    });
  });

  it('refuses invalid values and texts with INVALID_VALUE listing the bad fields', () => {
    const bad = {
      type: 'shop.orders.OrderPaid',
      value: { orderId: 'x', amount: { amount: '1.234', currency: 'EUR' }, paidAt: 3 },
    };
    const error = (() => {
      try {
        shop.validate('orders', bad as unknown as (typeof orders)[number]);
      } catch (caught) {
        return caught as ContractError;
      }
    })();
    expect(error).toMatchObject({ code: 'INVALID_VALUE' });
    expect(error?.details?.map((d) => d.path)).toEqual(['orderId', 'amount.amount', 'paidAt']);
    expect(() => shop.fromJSON('orders', '{"type":"shop.orders.OrderShipped","value":{}}')).toThrow(
      expect.objectContaining({ code: 'INVALID_VALUE' }),
    );
    expect(() => shop.fromJSON('shipments', 'not json')).toThrow(
      expect.objectContaining({ code: 'INVALID_VALUE' }),
    );
  });
});
