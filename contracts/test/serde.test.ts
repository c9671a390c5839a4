import { randomUUID } from 'node:crypto';
import { readTopic } from '@events/test-kit/read-topic';
import { scratchTopic } from '@events/test-kit/scratch-topics';
import { scratchProducer } from '@events/test-kit/test-kafka';
import type { ContractError } from '@events/toolkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSerde, type UserRegister } from '../src/index.ts';
import { registerHistory, registryUrl, schemaOf, uniqueUserRegisterSubject } from './helpers.ts';

const entry = uniqueUserRegisterSubject();
const registry = { url: registryUrl };
const v2 = createSerde({ registry, overrides: { user_register: { subject: entry.subject } } });
const v1 = createSerde({
  registry,
  overrides: { user_register: { subject: entry.subject, schema: schemaOf(entry, 1) } },
});

const event = (): UserRegister => ({
  userId: randomUUID(),
  email: 'ada@example.com',
  username: 'ada',
  registeredAt: new Date('2024-03-04T05:06:07.089Z'),
  displayName: 'Ada Lovelace',
});

async function failure(promise: Promise<unknown>): Promise<ContractError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: ContractError) => error,
  );
}

describe('serde against the real registry and broker', () => {
  beforeAll(async () => {
    await registerHistory(entry);
    await Promise.all([v1.warmUp(), v2.warmUp()]);
  });

  it('looks up the id the registry gave the compiled schema', async () => {
    const framed = await v2.encode('user_register', event());
    const registered = await fetch(`${registryUrl}/subjects/${entry.subject}/versions/2`).then((r) =>
      r.json(),
    );
    expect(framed.readUInt32BE(1)).toBe((registered as { id: number }).id);
  });

  it('round-trips an event through Kafka with the user id as a plain string key', async () => {
    const topic = await scratchTopic({ prefix: 'contracts-test' });
    const sent = event();
    const producer = await scratchProducer();
    await producer.send({
      topic,
      messages: [{ key: sent.userId, value: await v2.encode('user_register', sent) }],
    });
    const [message] = await readTopic(topic, 1);
    if (!message?.value) throw new Error('empty message');
    const received = await v2.decode('user_register', message.value);
    expect(message.key?.toString()).toBe(sent.userId);
    expect(received).toEqual(sent);
    expect(received.registeredAt).toBeInstanceOf(Date);
  });

  it('reads v1-written data with v2 code, filling displayName with its default', async () => {
    const { displayName: _displayName, ...old } = event();
    const decoded = await v2.decode('user_register', await v1.encode('user_register', old as UserRegister));
    expect(decoded).toEqual({ ...old, displayName: null });
  });

  it('reads v2-written data with v1 code, which never sees displayName', async () => {
    const sent = event();
    const decoded = await v1.decode('user_register', await v2.encode('user_register', sent));
    const { displayName: _displayName, ...expected } = sent;
    expect(decoded).toEqual(expected);
    expect(Object.keys(decoded)).not.toContain('displayName');
  });

  it('rejects a schema id the registry never issued as UNKNOWN_SCHEMA_ID, not retriable', async () => {
    const framed = await v2.encode('user_register', event());
    framed.writeUInt32BE(2_000_000_000, 1);
    const error = await failure(v2.decode('user_register', framed));
    expect(error).toMatchObject({ code: 'UNKNOWN_SCHEMA_ID', retriable: false });
    expect(error.message).toContain('2000000000');
  });

  it('rejects a body that does not match its writer schema as UNDECODABLE', async () => {
    const framed = await v2.encode('user_register', event());
    const error = await failure(v2.decode('user_register', framed.subarray(0, 12)));
    expect(error).toMatchObject({ code: 'UNDECODABLE', retriable: false });
  });

  it('rejects data written with a schema of another event as UNDECODABLE', async () => {
    const other = uniqueUserRegisterSubject();
    const schema = { type: 'record', name: 'OrderPlaced', fields: [{ name: 'orderId', type: 'string' }] };
    const [first] = other.versions;
    if (!first) throw new Error('user_register-value has no v1');
    // Registration reads only the schema and its references.
    const otherEntry = { ...other, versions: [{ ...first, schema, references: [] }] };
    await registerHistory(otherEntry);
    const writer = createSerde({
      registry,
      overrides: { user_register: { subject: other.subject, schema } },
    });
    const framed = await writer.encode('user_register', { orderId: 'o-1' } as unknown as UserRegister);
    const error = await failure(v2.decode('user_register', framed));
    expect(error).toMatchObject({ code: 'UNDECODABLE', retriable: false });
    expect(error.message).toContain(`cannot be read as ${entry.subject}`);
  });

  it('refuses to encode when its schema is not registered, unless autoRegister is on', async () => {
    const subject = `contracts-test-${randomUUID()}-value`;
    const strict = createSerde({ registry, overrides: { user_register: { subject } } });
    const error = await failure(strict.encode('user_register', event()));
    expect(error).toMatchObject({ code: 'SCHEMA_NOT_REGISTERED', retriable: false });
    expect(error.message).toContain('events-schemas-register');

    const dev = createSerde({ registry, autoRegister: true, overrides: { user_register: { subject } } });
    const sent = event();
    expect(await dev.decode('user_register', await dev.encode('user_register', sent))).toEqual(sent);
  });
});
