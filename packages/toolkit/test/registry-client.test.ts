import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAvroType } from '../src/avro/create-avro-type.ts';
import { createRegistryClient } from '../src/registry/registry-client.ts';
import { createRegistryHttp } from '../src/registry/registry-http.ts';
import { registryUrl } from './helpers.ts';
import { assertRegistryReachable, testSubject } from './registry-helpers.ts';

const ns = `rc${randomBytes(4).toString('hex')}`;
const currency = { type: 'enum', name: 'Currency', namespace: ns, symbols: ['EUR', 'USD'], default: 'EUR' };
const money = {
  type: 'record',
  name: 'Money',
  namespace: ns,
  fields: [
    { name: 'cents', type: 'long' },
    { name: 'currency', type: `${ns}.Currency` },
  ],
};
const order = {
  type: 'record',
  name: 'Order',
  namespace: ns,
  fields: [
    { name: 'id', type: 'string' },
    { name: 'total', type: `${ns}.Money` },
    { name: 'refund', type: ['null', `${ns}.Currency`], default: null },
  ],
};
const refunded = {
  type: 'record',
  name: 'Refunded',
  namespace: ns,
  fields: [{ name: 'id', type: 'string' }],
};
/** Order with its references inlined, as a producer compiled from the catalog writes it. */
const orderInline = {
  ...order,
  fields: [
    order.fields[0],
    { name: 'total', type: { ...money, fields: [money.fields[0], { name: 'currency', type: currency }] } },
    order.fields[2],
  ],
};

const subjects = {
  currency: testSubject('rc-currency'),
  money: testSubject('rc-money'),
  order: testSubject('rc-order'),
  refunded: testSubject('rc-refunded'),
  union: testSubject('rc-union'),
  refused: testSubject('rc-refused'),
};
const ref = (name: string, subject: string) => ({ name: `${ns}.${name}`, subject, version: 1 });
const orderRefs = [ref('Money', subjects.money), ref('Currency', subjects.currency)];
const client = createRegistryClient({ url: registryUrl });
const ids: Record<string, number> = {};

describe('createRegistryClient against the real registry', () => {
  beforeAll(async () => {
    await assertRegistryReachable();
    ids.currency = (await client.register(subjects.currency, currency)).id;
    ids.money = (await client.register(subjects.money, money, [ref('Currency', subjects.currency)])).id;
    // A level of its own that differs from the package's default (BACKWARD): register() must not refuse it.
    await client.setCompatibility(subjects.order, 'FULL_TRANSITIVE');
    ids.order = (await client.register(subjects.order, order, orderRefs)).id;
  });

  // Referencing subjects first: the registry refuses to delete a version that is still referenced.
  afterAll(async () => {
    const http = createRegistryHttp({ url: registryUrl });
    for (const subject of Object.values(subjects).reverse()) {
      await http.call('DELETE', `/subjects/${encodeURIComponent(subject)}`);
      await http.call('DELETE', `/subjects/${encodeURIComponent(subject)}?permanent=true`);
    }
  });

  it('registers schemas with references through the package, keeping the level the subject has', async () => {
    expect(await client.getCompatibility(subjects.order)).toBe('FULL_TRANSITIVE');
    expect(await client.lookup(subjects.order, order, orderRefs)).toEqual({ id: ids.order, version: 1 });
  });

  it('finds the id of a schema with references and of one without', async () => {
    expect(
      await client.idOf({ subject: subjects.order, version: 1, schema: order, references: orderRefs }),
    ).toBe(ids.order);
    expect(
      await client.idOf({ subject: subjects.currency, version: 1, schema: currency, references: [] }),
    ).toBe(ids.currency);
  });

  it('resolves a writer schema by id with its references, two levels deep', async () => {
    const writer = await createRegistryClient({ url: registryUrl }).typeOf(ids.order as number);
    expect(writer.equals(createAvroType(orderInline))).toBe(true);
    const value = { id: 'o-1', total: { cents: 1250, currency: 'USD' }, refund: null };
    expect(writer.fromBuffer(createAvroType(orderInline).toBuffer(value))).toEqual(value);
  });

  it('registers a union subject (no name, so by REST) and reads it back by id', async () => {
    await client.register(subjects.refunded, refunded);
    const union = [`${ns}.Order`, `${ns}.Refunded`];
    const references = [ref('Order', subjects.order), ref('Refunded', subjects.refunded)];
    const { id } = await client.register(subjects.union, union, references);
    const writer = await client.typeOf(id);
    expect((writer as unknown as { types: { name: string }[] }).types.map((t) => t.name)).toEqual([
      `${ns}.Order`,
      `${ns}.Refunded`,
    ]);
  });

  it('says UNKNOWN_SCHEMA_ID for an id the registry never issued and SCHEMA_NOT_REGISTERED for an unknown schema', async () => {
    await expect(client.typeOf(2_000_000_002)).rejects.toMatchObject({
      code: 'UNKNOWN_SCHEMA_ID',
      retriable: false,
      message: expect.stringContaining('2000000002'),
    });
    const other = { ...money, fields: [money.fields[0]] };
    await expect(
      client.idOf({ subject: subjects.money, version: 2, schema: other, references: [] }),
    ).rejects.toMatchObject({ code: 'SCHEMA_NOT_REGISTERED' });
  });

  it('passes on the registry’s refusal of an incompatible version as REGISTRY_REJECTED', async () => {
    await client.setCompatibility(subjects.refused, 'FULL');
    await client.register(subjects.refused, refunded);
    const incompatible = { ...refunded, fields: [{ name: 'reason', type: 'string' }] };
    await expect(client.register(subjects.refused, incompatible)).rejects.toMatchObject({
      code: 'REGISTRY_REJECTED',
      message: expect.stringMatching(/refused \(409\): .*Incompatible artifact/),
    });
  });
});
