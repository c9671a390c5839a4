import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSerde, topics, type UserRegister } from '@events/contracts';
import { stackAddresses as stack } from '@events/test-kit/stack-addresses';
import avsc from 'avsc';
import type { IHeaders, Producer } from 'kafkajs';

const fixture = (name: string): object =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as object;

const registry = { url: stack.registryUrl };
const serdes = {
  /** Today's producer: the compiled (newest) schema. */
  2: createSerde({ registry }),
  /** A producer still built against v1 (no displayName). */
  1: createSerde({ registry, overrides: { user_register: { schema: fixture('user-register-v1.avsc') } } }),
};

let schemasRegistered: Promise<void> | undefined;
/** v1 then v2 under user_register-value, as `npm run schemas:register` does; idempotent, once per run. */
function registerContractSchemas(): Promise<void> {
  schemasRegistered ??= (async () => {
    await registerSchema(topics.user_register.value.subject, fixture('user-register-v1.avsc'));
    await registerSchema(topics.user_register.value.subject, topics.user_register.value.schema);
  })().catch((error: unknown) => {
    schemasRegistered = undefined;
    throw error;
  });
  return schemasRegistered;
}

/** Encodes through the contracts' serde, as a producer built against schema `version` does. */
export async function encodeEvent(event: UserRegister, version: 1 | 2 = 2): Promise<Buffer> {
  await registerContractSchemas();
  return serdes[version].encode('user_register', event);
}

export function userRegister(overrides: Partial<UserRegister> = {}): UserRegister {
  const userId = overrides.userId ?? randomUUID();
  return {
    userId,
    email: `${userId.slice(0, 8)}@example.com`,
    username: `user-${userId.slice(0, 8)}`,
    registeredAt: new Date(Math.floor(Date.now() / 1000) * 1000),
    displayName: null,
    ...overrides,
  };
}

export async function send(
  producer: Producer,
  topic: string,
  messages: { key: string; value: Buffer; headers?: IHeaders }[],
): Promise<void> {
  await producer.send({ topic, acks: -1, messages });
}

/** Encodes with the contract's serde as user-service does, keyed by user id. */
export async function produceEvents(
  producer: Producer,
  topic: string,
  events: UserRegister[],
  version: 1 | 2 = 2,
): Promise<void> {
  const messages = await Promise.all(
    events.map(async (event) => ({
      key: event.userId,
      value: await encodeEvent(event, version),
      headers: { 'event-id': randomUUID() },
    })),
  );
  await send(producer, topic, messages);
}

export function frame(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(0, 0);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

/** Registers a schema under a subject (idempotent) and returns its id. */
export async function registerSchema(subject: string, schema: unknown): Promise<number> {
  const url = `${stack.registryUrl}/subjects/${encodeURIComponent(subject)}`;
  const request = { method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' } };
  const body = JSON.stringify({ schema: JSON.stringify(schema) });
  for (let attempt = 1; ; attempt += 1) {
    const found = await fetch(url, { ...request, body });
    if (found.ok) return ((await found.json()) as { id: number }).id;
    const created = await fetch(`${url}/versions`, { ...request, body });
    if (created.ok) return ((await created.json()) as { id: number }).id;
    // Apicurio answers 409 "already exists" while a restarted instance is still replaying its journal.
    if (created.status !== 409 || attempt === 10) {
      throw new Error(`registering ${subject} failed: ${created.status} ${await created.text()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** The id under which the compiled (newest) user_register schema is registered. */
export async function currentSchemaId(): Promise<number> {
  await registerContractSchemas();
  return registerSchema(topics.user_register.value.subject, topics.user_register.value.schema);
}

/** A body written with the newest schema but without logical-type checks, so it can break the contract. */
export function rawV2Body(value: Record<string, unknown>): Buffer {
  return avsc.Type.forSchema(topics.user_register.value.schema as avsc.Schema).toBuffer(value);
}

export function unrelatedSchema(): object {
  return fixture('unrelated-record.avsc');
}
