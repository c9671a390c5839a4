import { describe, expect, it } from 'vitest';
import { topics } from '../../test/generated/shop-catalog/index.ts';
import type { ContractManifest } from '../contract-surface/contract-manifest.ts';
import { describeContractSurface } from '../contract-surface/describe-contract-surface.ts';
import { createEventRouter, IGNORE } from '../handlers.ts';
import {
  type Counterpart,
  type JudgeInput,
  judgeCandidate,
  type RegisteredWriter,
} from './judge-candidate.ts';

const noop = async () => {};
const allTopics = new Set(Object.keys(topics));

function orderService(version: string, options: { readsOrders?: boolean } = {}): ContractManifest {
  return describeContractSurface({
    service: { name: 'order-service', version, commit: null },
    topics,
    produces: ['orders'],
    consumes: [
      createEventRouter(topics, 'customers', {
        'shop.customers.CustomerRegistered': noop,
        'shop.customers.CustomerAddressChanged': IGNORE,
      }),
      ...(options.readsOrders ? [billingRouter()] : []),
    ],
  });
}

function billingRouter(unknownEvents: 'dead-letter' | 'skip' = 'dead-letter') {
  return createEventRouter(
    topics,
    'orders',
    { 'shop.orders.OrderPlaced': noop, 'shop.orders.OrderPaid': noop, 'shop.orders.OrderCancelled': IGNORE },
    { unknownEvents },
  );
}

function billingService(unknownEvents: 'dead-letter' | 'skip' = 'dead-letter'): ContractManifest {
  return describeContractSurface({
    service: { name: 'billing-service', version: '2.0.0', commit: null },
    topics,
    produces: [],
    consumes: [billingRouter(unknownEvents)],
  });
}

const customerService: ContractManifest = describeContractSurface({
  service: { name: 'customer-service', version: '5.1.0', commit: null },
  topics,
  produces: ['customers'],
  consumes: [],
});

const deployed = (...manifests: ContractManifest[]): Counterpart[] =>
  manifests.map((manifest) => ({ label: `${manifest.service.name} ${manifest.service.version}`, manifest }));

function judge(input: Partial<JudgeInput> & Pick<JudgeInput, 'candidate'>) {
  return judgeCandidate({ deployed: [], existingTopics: allTopics, registered: new Map(), ...input });
}

/** A copy of a record schema without one field: what a writer that dropped it writes. */
function withoutField(schema: unknown, field: string): unknown {
  const record = schema as { fields: { name: string }[] };
  return { ...record, fields: record.fields.filter((candidate) => candidate.name !== field) };
}

/** A copy of a record schema with a field added that has no default: a reader that now needs it. */
function withRequiredField(schema: unknown, field: string): unknown {
  const record = schema as { fields: unknown[] };
  return { ...record, fields: [...record.fields, { name: field, type: 'string' }] };
}

describe('judgeCandidate: the candidate writes', () => {
  it("says yes when every deployed consumer's reader reads every event type and the key it writes", () => {
    const { refusals, checks } = judge({
      candidate: orderService('1.1.0'),
      deployed: deployed(billingService()),
    });
    expect(refusals).toEqual([]);
    expect(checks.filter((check) => check.topic === 'orders')).toEqual(
      expect.arrayContaining([
        {
          topic: 'orders',
          candidateRole: 'writes',
          against: 'billing-service 2.0.0',
          subjectOf: 'key',
          outcome: 'ok',
        },
        {
          topic: 'orders',
          candidateRole: 'writes',
          against: 'billing-service 2.0.0',
          subjectOf: 'shop.orders.OrderCancelled',
          outcome: 'ignored',
        },
      ]),
    );
  });

  it('refuses a writer that drops a field a deployed reader needs, naming the consumer, field and candidate schema', () => {
    const candidate = orderService('1.1.0');
    const paid = candidate.produces[0]?.writers['shop.orders.OrderPaid'];
    if (paid) paid.schema = withoutField(paid.schema, 'paidAt');
    const { refusals } = judge({ candidate, deployed: deployed(billingService()) });
    expect(refusals).toEqual([
      expect.objectContaining({
        rule: 'reader-cannot-read',
        topic: 'orders',
        against: 'billing-service 2.0.0',
        eventType: 'shop.orders.OrderPaid',
        path: 'paidAt',
        candidateSchema: { subject: 'orders-shop.orders.OrderPaid', version: 1 },
      }),
    ]);
    expect(refusals[0]?.fix).not.toBe('');
  });

  it('refuses an event type a deployed consumer would dead-letter, and only notes it when the consumer skips them', () => {
    const olderBilling = billingService();
    delete olderBilling.consumes[0]?.events['shop.orders.OrderCancelled'];
    expect(judge({ candidate: orderService('1.1.0'), deployed: deployed(olderBilling) }).refusals).toEqual([
      expect.objectContaining({ rule: 'event-type-dead-lettered', eventType: 'shop.orders.OrderCancelled' }),
    ]);

    const skipping = billingService('skip');
    delete skipping.consumes[0]?.events['shop.orders.OrderCancelled'];
    const verdict = judge({ candidate: orderService('1.1.0'), deployed: deployed(skipping) });
    expect(verdict.refusals).toEqual([]);
    expect(verdict.checks).toContainEqual(
      expect.objectContaining({ subjectOf: 'shop.orders.OrderCancelled', outcome: 'skipped' }),
    );
  });

  it('refuses an Avro key a deployed reader cannot read, and a key encoding that differs', () => {
    const candidate = orderService('1.1.0');
    const key = candidate.produces[0]?.key;
    if (key?.encoding === 'avro')
      key.schema.schema = { ...(key.schema.schema as object), fields: [{ name: 'orderId', type: 'long' }] };
    expect(judge({ candidate, deployed: deployed(billingService()) }).refusals).toEqual([
      expect.objectContaining({ rule: 'reader-cannot-read', eventType: 'key', path: 'orderId' }),
    ]);

    const stringKeys = orderService('1.1.0');
    if (stringKeys.produces[0]) stringKeys.produces[0].key = { encoding: 'string' };
    expect(judge({ candidate: stringKeys, deployed: deployed(billingService()) }).refusals).toEqual([
      expect.objectContaining({ rule: 'key-encoding-differs', topic: 'orders' }),
    ]);
  });
});

describe('judgeCandidate: the candidate reads', () => {
  const registeredCustomers: RegisteredWriter[] = [
    {
      label: 'registry customers-value v2',
      eventType: 'shop.customers.CustomerRegistered',
      schema: topics.customers.events['shop.customers.CustomerRegistered'].schema,
    },
  ];

  it('reads every deployed producer and every registered version of a union topic (references inlined)', () => {
    const { refusals, checks } = judge({
      candidate: orderService('1.1.0'),
      deployed: deployed(customerService),
      registered: new Map([['customers', registeredCustomers]]),
    });
    expect(refusals).toEqual([]);
    expect(checks).toContainEqual({
      topic: 'customers',
      candidateRole: 'reads',
      against: 'registry customers-value v2',
      subjectOf: 'shop.customers.CustomerRegistered',
      outcome: 'ok',
    });
  });

  it('refuses a reader that needs a field no deployed producer writes, naming the producer and the registry version', () => {
    const candidate = orderService('1.1.0');
    const registered = candidate.consumes[0]?.events['shop.customers.CustomerRegistered'];
    if (registered) registered.reader.schema = withRequiredField(registered.reader.schema, 'loyaltyTier');
    const { refusals } = judge({
      candidate,
      deployed: deployed(customerService),
      registered: new Map([['customers', registeredCustomers]]),
    });
    expect(refusals.map((refusal) => [refusal.against, refusal.path, refusal.candidateSchema])).toEqual([
      ['customer-service 5.1.0', 'loyaltyTier', { subject: 'customers-value', version: 2 }],
      ['registry customers-value v2', 'loyaltyTier', { subject: 'customers-value', version: 2 }],
    ]);
  });

  it('refuses an event type the registry holds for the topic that the candidate would dead-letter', () => {
    const candidate = orderService('1.1.0');
    delete candidate.consumes[0]?.events['shop.customers.CustomerRegistered'];
    expect(judge({ candidate, registered: new Map([['customers', registeredCustomers]]) }).refusals).toEqual([
      expect.objectContaining({ rule: 'event-type-dead-lettered', against: 'registry customers-value v2' }),
    ]);
  });
});

describe('judgeCandidate: a rolling deploy', () => {
  it('checks the candidate against its own older version still running: each reads what the other writes', () => {
    const candidate = orderService('1.1.0', { readsOrders: true });
    const placed = candidate.produces[0]?.writers['shop.orders.OrderPlaced'];
    if (placed) placed.schema = withoutField(placed.schema, 'total');
    const { refusals } = judge({
      candidate,
      deployed: deployed(orderService('1.0.0', { readsOrders: true })),
    });
    expect(refusals.map((refusal) => `${refusal.against}: ${refusal.eventType}.${refusal.path}`)).toEqual([
      // The old instances read what the new ones write...
      'order-service 1.0.0: shop.orders.OrderPlaced.total',
    ]);
  });
});

describe('judgeCandidate: the environment', () => {
  it('refuses a topic the environment does not have', () => {
    const { refusals } = judge({ candidate: orderService('1.1.0'), existingTopics: new Set(['customers']) });
    expect(refusals).toEqual([expect.objectContaining({ rule: 'unknown-topic', topic: 'orders' })]);
  });
});
