import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSerde, type UserRegister } from '../src/index.ts';
import { registerHistory, registryUrl, schemaOf, stack, uniqueUserRegisterSubject } from './helpers.ts';

const entry = uniqueUserRegisterSubject();
const registry = { url: registryUrl };
const serde = createSerde({ registry, overrides: { user_register: { subject: entry.subject } } });
const v1 = createSerde({
  registry,
  overrides: { user_register: { subject: entry.subject, schema: schemaOf(entry, 1) } },
});

const event = (): UserRegister => ({
  userId: randomUUID(),
  email: 'grace@example.com',
  username: 'grace',
  registeredAt: new Date(),
  displayName: null,
});

describe('serde while the registry is down', () => {
  let v1Message: Buffer;

  beforeAll(async () => {
    await registerHistory(entry);
    await serde.warmUp();
    v1Message = await v1.encode('user_register', event());
    // Seen once while the registry was up: its writer schema is now cached.
    await serde.decode('user_register', v1Message);
    await stack('down', 'registry');
  });

  afterAll(async () => {
    await stack('up', 'registry');
  });

  it('still encodes and decodes after warm-up', async () => {
    const sent = event();
    expect(await serde.decode('user_register', await serde.encode('user_register', sent))).toEqual(sent);
  });

  it('still decodes data from a writer schema it has seen before', async () => {
    expect(await serde.decode('user_register', v1Message)).toMatchObject({ displayName: null });
  });

  it('fails a schema id it has never seen with a retriable REGISTRY_UNAVAILABLE', async () => {
    const unseen = Buffer.from(v1Message);
    unseen.writeUInt32BE(2_000_000_001, 1);
    await expect(serde.decode('user_register', unseen)).rejects.toMatchObject({
      code: 'REGISTRY_UNAVAILABLE',
      retriable: true,
    });
  });

  it('fails a cold serde’s first encode with a retriable REGISTRY_UNAVAILABLE', async () => {
    const cold = createSerde({ registry, overrides: { user_register: { subject: entry.subject } } });
    await expect(cold.encode('user_register', event())).rejects.toMatchObject({
      code: 'REGISTRY_UNAVAILABLE',
      retriable: true,
    });
  });
});
