import { randomUUID } from 'node:crypto';
import type {
  Address,
  CustomersEvent,
  OrdersEvent,
  ShipmentDispatched,
} from './generated/shop-catalog/index.ts';

/** One event of every type of the shop catalog, with realistic values (decimals, dates, nested shared types). */
export function shopEvents() {
  const orderId = randomUUID();
  const customerId = `c-${randomUUID().slice(0, 8)}`;
  const address: Address = {
    street: '1 Main St',
    city: 'Lyon',
    postalCode: '69001',
    country: 'FR',
    region: null,
  };
  const orders: OrdersEvent[] = [
    {
      type: 'shop.orders.OrderPlaced',
      value: {
        orderId,
        customerId,
        lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: { amount: '12.50', currency: 'EUR' } }],
        total: { amount: '25.00', currency: 'EUR' },
        placedAt: new Date('2026-11-30T10:00:00.000Z'),
        shippingAddress: address,
        couponCode: null,
      },
    },
    {
      type: 'shop.orders.OrderPaid',
      value: {
        orderId,
        amount: { amount: '25.00', currency: 'EUR' },
        paidAt: new Date('2026-11-30T10:01:00.000Z'),
      },
    },
    {
      type: 'shop.orders.OrderCancelled',
      value: {
        orderId,
        reason: 'customer changed their mind',
        cancelledAt: new Date('2026-11-30T10:02:00.000Z'),
      },
    },
  ];
  const customers: CustomersEvent[] = [
    {
      type: 'shop.customers.CustomerRegistered',
      value: { customerId, email: 'ada@example.com', address, marketingOptIn: true },
    },
    {
      type: 'shop.customers.CustomerAddressChanged',
      value: { customerId, address: { ...address, city: 'Paris', region: 'IDF' }, changedAt: new Date(0) },
    },
  ];
  const shipment: ShipmentDispatched = {
    shipmentId: randomUUID(),
    orderId,
    address,
    dispatchedAt: new Date('2026-11-30T11:00:00.000Z'),
  };
  return { orderId, customerId, orders, customers, shipment };
}
