import { describe, expectTypeOf, it } from 'vitest';
import { createEventRouter, IGNORE } from '../src/handlers.ts';
import type { Serde } from '../src/serde/create-serde.ts';
import type { EventOf, KeyOf } from '../src/topics.ts';
import {
  type CustomersEvent,
  type OrderKey,
  type OrderPaid,
  type OrdersEvent,
  type ShipmentDispatched,
  topics,
} from './generated/shop-catalog/index.ts';

type Shop = typeof topics;
declare const serde: Serde<Shop>;
declare const paid: OrderPaid;

describe('a multi-event catalog at compile time', () => {
  it('types each topic: envelopes on multi-event topics, the record on a single-event one, and the keys', () => {
    expectTypeOf<EventOf<Shop, 'orders'>>().toEqualTypeOf<OrdersEvent>();
    expectTypeOf<EventOf<Shop, 'customers'>>().toEqualTypeOf<CustomersEvent>();
    expectTypeOf<EventOf<Shop, 'shipments'>>().toEqualTypeOf<ShipmentDispatched>();
    expectTypeOf<KeyOf<Shop, 'orders'>>().toEqualTypeOf<OrderKey>();
    expectTypeOf<KeyOf<Shop, 'customers'>>().toEqualTypeOf<string>();
    expectTypeOf(serde.decode('orders', Buffer.alloc(0))).resolves.toEqualTypeOf<OrdersEvent>();
  });

  it('refuses a payload that is not the one of its event type', () => {
    void serde.encode('orders', { type: 'shop.orders.OrderPaid', value: paid });
    // @ts-expect-error an OrderPaid record under the OrderCancelled type
    void serde.encode('orders', { type: 'shop.orders.OrderCancelled', value: paid });
    // @ts-expect-error an event type the topic does not have
    void serde.encode('orders', { type: 'shop.orders.OrderShipped', value: paid });
    // @ts-expect-error a multi-event topic takes an envelope, not a bare record
    void serde.encode('orders', paid);
  });

  it('refuses a key of the wrong type', () => {
    void serde.encodeKey('orders', { orderId: '8a4f2c1e-1234-4cde-9abc-0123456789ab' });
    // @ts-expect-error orders has an Avro key: a string is not an OrderKey
    void serde.encodeKey('orders', '8a4f2c1e-1234-4cde-9abc-0123456789ab');
    // @ts-expect-error customers has a plain string key
    void serde.encodeKey('customers', { orderId: 'x' });
  });

  it('requires a handler (or IGNORE) for every event type, and passes each handler its record', () => {
    createEventRouter(topics, 'orders', {
      'shop.orders.OrderPlaced': async (placed) => {
        expectTypeOf(placed.total.amount).toEqualTypeOf<string>();
      },
      'shop.orders.OrderPaid': async (event, context) => {
        expectTypeOf(event).toEqualTypeOf<OrderPaid>();
        expectTypeOf(context.key).toEqualTypeOf<OrderKey | null>();
      },
      'shop.orders.OrderCancelled': IGNORE,
    });
    // @ts-expect-error OrderCancelled has no handler and is not ignored
    createEventRouter(topics, 'orders', {
      'shop.orders.OrderPlaced': IGNORE,
      'shop.orders.OrderPaid': IGNORE,
    });
    createEventRouter(topics, 'customers', {
      'shop.customers.CustomerRegistered': IGNORE,
      'shop.customers.CustomerAddressChanged': IGNORE,
      // @ts-expect-error a handler for an event type the topic does not have
      'shop.customers.CustomerDeleted': IGNORE,
    });
  });
});
