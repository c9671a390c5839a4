import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedTopics } from '../../test/generated-topics.ts';
import { createAvroType } from '../avro/create-avro-type.ts';
import { ContractError } from '../errors.ts';
import { createSerde } from '../serde/create-serde.ts';
import { encodeFramed, readSchemaId } from '../serde/wire-format.ts';
import { createRegistryClient, type SerdeRegistry } from './registry-client.ts';

const money = { type: 'record', name: 'Money', namespace: 'fake', fields: [{ name: 'cents', type: 'long' }] };
const order = {
  type: 'record',
  name: 'Order',
  namespace: 'fake',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'total', type: 'fake.Money' },
  ],
};
const moneyRef = { name: 'fake.Money', subject: 'fake.Money', version: 1 };
/** Order with Money inlined: what a writer that resolved the reference itself encodes with. */
const orderInline = {
  ...order,
  fields: [
    { name: 'id', type: 'string' },
    { name: 'total', type: money },
  ],
};

/** Money v2 adds a field; two events of one union subject pin Money at v1 and v2 (repro F). */
const moneyV2 = { ...money, fields: [...money.fields, { name: 'currency', type: 'string', default: 'EUR' }] };
const event = (name: string) => ({
  type: 'record',
  name,
  namespace: 'fake',
  fields: [{ name: 'm', type: 'fake.Money' }],
});
const version = (subject: string, schema: unknown, references: unknown[] = []): [number, unknown] => [
  200,
  { subject, version: 1, id: 1, schema: JSON.stringify(schema), references },
];

/** What the fake registry answers, by method and path (query left out). */
const routes: Record<string, [status: number, body: unknown]> = {
  'GET /schemas/ids/7': [200, { schema: JSON.stringify(order), references: [moneyRef] }],
  'GET /subjects/fake.Money/versions/1': [
    200,
    { subject: 'fake.Money', version: 1, id: 6, schema: JSON.stringify(money) },
  ],
  'POST /subjects/orders-value': [200, { subject: 'orders-value', version: 1, id: 7 }],
  'POST /subjects/fake.Money': [200, { subject: 'fake.Money', version: 1, id: 6 }],
  'GET /config/fake.Money': [200, { compatibilityLevel: 'FULL' }],
  'POST /subjects/fake.Money/versions': [200, { id: 6 }],
  'GET /schemas/ids/10': [
    200,
    {
      schema: JSON.stringify(['fake.Paid', 'fake.Refunded']),
      references: [
        { name: 'fake.Paid', subject: 'fake.Paid', version: 1 },
        { name: 'fake.Refunded', subject: 'fake.Refunded', version: 1 },
      ],
    },
  ],
  'GET /subjects/fake.Paid/versions/1': version('fake.Paid', event('Paid'), [moneyRef]),
  'GET /subjects/fake.Refunded/versions/1': version('fake.Refunded', event('Refunded'), [
    { ...moneyRef, version: 2 },
  ]),
  'GET /subjects/fake.Money/versions/2': version('fake.Money', moneyV2),
  'GET /schemas/ids/8': [503, { message: 'overloaded', error_code: 50301 }],
  'GET /schemas/ids/9': [401, { message: 'Unauthorized', error_code: 40101 }],
};
const requests: { route: string; authorization: string | undefined }[] = [];
const server = createServer((request, response) => {
  const path = (request.url ?? '').replace('/apis/ccompat/v7', '').replace(/\?.*$/, '');
  const route = `${request.method} ${decodeURIComponent(path)}`;
  requests.push({ route, authorization: request.headers.authorization });
  const [status, body] = routes[route] ?? [404, { message: `no ${route}`, error_code: 40401 }];
  request.resume();
  response.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
  response.end(JSON.stringify(body));
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/apis/ccompat/v7`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createRegistryClient against a fake registry', () => {
  it('sends the basic auth credentials on every request, through the package and through REST', async () => {
    requests.length = 0;
    const client = createRegistryClient({ url, username: 'ada', password: 's3cret' });
    await client.typeOf(7);
    await client.idOf({ subject: 'orders-value', version: 1, schema: order, references: [moneyRef] });
    await client.idOf({ subject: 'fake.Money', version: 1, schema: money, references: [] });
    await client.register('fake.Money', money);
    expect(requests.map((r) => r.route)).toEqual([
      'GET /schemas/ids/7',
      'GET /subjects/fake.Money/versions/1',
      'POST /subjects/orders-value',
      'POST /subjects/fake.Money',
      'GET /config/fake.Money',
      'GET /config/fake.Money',
      'POST /subjects/fake.Money/versions',
    ]);
    const basic = `Basic ${Buffer.from('ada:s3cret').toString('base64')}`;
    expect(requests.map((r) => r.authorization)).toEqual(requests.map(() => basic));
  });

  it('resolves the references of a writer schema fetched by id', async () => {
    const type = await createRegistryClient({ url }).typeOf(7);
    const value = { id: 'o-1', total: { cents: 1250 } };
    expect(type.fromBuffer(createAvroType(orderInline).toBuffer(value))).toEqual(value);
    expect(type.equals(createAvroType(orderInline))).toBe(true);
  });

  it('reads a union whose members pin two versions of one shared type with the first pin, as Java does', async () => {
    const type = await createRegistryClient({ url }).typeOf(10);
    const refunded = createAvroType([
      { ...event('Paid'), fields: [{ name: 'm', type: money }] },
      { ...event('Refunded'), fields: [{ name: 'm', type: 'fake.Money' }] },
    ]);
    expect(type.equals(refunded)).toBe(true);
  });

  it('registers with the level the subject has and never writes one (the package would, #129)', async () => {
    requests.length = 0;
    expect(await createRegistryClient({ url }).register('fake.Money', money)).toEqual({ id: 6 });
    expect(requests.some((r) => r.route.startsWith('PUT /config'))).toBe(false);
  });

  it('fails a 5xx as a retriable REGISTRY_UNAVAILABLE and a 401 as REGISTRY_REJECTED, with the reason', async () => {
    const client = createRegistryClient({ url });
    await expect(client.typeOf(8)).rejects.toMatchObject({
      code: 'REGISTRY_UNAVAILABLE',
      retriable: true,
      message: expect.stringContaining('503 overloaded'),
    });
    await expect(client.typeOf(9)).rejects.toMatchObject({
      code: 'REGISTRY_REJECTED',
      message: expect.stringMatching(/refused \(401\): Unauthorized$/),
    });
  });

  it('says SCHEMA_NOT_REGISTERED for a schema the subject lacks, with and without references', async () => {
    const client = createRegistryClient({ url });
    for (const references of [[], [moneyRef]]) {
      await expect(
        client.idOf({ subject: 'unknown-value', version: 1, schema: order, references }),
      ).rejects.toMatchObject({ code: 'SCHEMA_NOT_REGISTERED' });
    }
  });
});

describe('createSerde on an injected registry client', async () => {
  const topics = await generatedTopics('user-catalog');
  const v1Schema = JSON.parse(
    readFileSync(
      join(import.meta.dirname, '../../test/fixtures/user-catalog/user_register-value/v1.avsc'),
      'utf8',
    ),
  );
  const event = {
    userId: '8a4f2c1e-1234-4cde-9abc-0123456789ab',
    email: 'ada@example.com',
    username: 'ada',
    registeredAt: new Date('2024-01-02T03:04:05Z'),
    displayName: null,
  };

  function fakeRegistry(known: boolean) {
    const calls: string[] = [];
    const registry: SerdeRegistry = {
      async idOf({ subject }) {
        calls.push(`idOf ${subject}`);
        if (!known) throw new ContractError('SCHEMA_NOT_REGISTERED', `${subject} is not registered`);
        return 21;
      },
      async typeOf(id) {
        calls.push(`typeOf ${id}`);
        return createAvroType(v1Schema);
      },
      async register(subject) {
        calls.push(`register ${subject}`);
        return { id: 23 };
      },
    };
    return { registry, calls };
  }

  it('frames with the id the client gives and reads another writer id with the type it returns', async () => {
    const { registry, calls } = fakeRegistry(true);
    const serde = createSerde({ topics, registry });
    const framed = await serde.encode('user_register', event);
    expect(readSchemaId(framed)).toBe(21);
    expect(await serde.decode('user_register', framed)).toEqual(event);
    const { displayName: _displayName, ...v1Event } = event;
    const written = encodeFramed(createAvroType(v1Schema), 22, v1Event);
    expect(await serde.decode('user_register', written)).toEqual(event);
    expect(calls).toEqual(['idOf user_register-value', 'typeOf 22']);
  });

  it('registers through the client only with autoRegister', async () => {
    const strict = fakeRegistry(false);
    await expect(
      createSerde({ topics, registry: strict.registry }).encode('user_register', event),
    ).rejects.toMatchObject({ code: 'SCHEMA_NOT_REGISTERED' });
    expect(strict.calls).toEqual(['idOf user_register-value']);

    const dev = fakeRegistry(false);
    const framed = await createSerde({ topics, registry: dev.registry, autoRegister: true }).encode(
      'user_register',
      event,
    );
    expect(readSchemaId(framed)).toBe(23);
    expect(dev.calls).toEqual(['idOf user_register-value', 'register user_register-value']);
  });
});
