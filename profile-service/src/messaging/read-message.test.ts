import { ContractError, type Serde, type UserRegister } from '@events/contracts';
import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createMessageReader } from './read-message.ts';

const event: UserRegister = {
  userId: '2b5f3c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f',
  email: 'ada@example.com',
  username: 'ada',
  registeredAt: new Date('2025-01-01T00:00:00Z'),
  displayName: null,
};

const message = (headers: KafkaMessage['headers'] = {}, value: Buffer | null = Buffer.from([0])) =>
  ({ offset: '7', key: null, value, timestamp: '0', attributes: 0, headers }) as KafkaMessage;

function readerDecoding(decode: () => Promise<UserRegister>) {
  return createMessageReader({ serde: { decode } as unknown as Pick<Serde, 'decode'> });
}

describe('createMessageReader', () => {
  it('turns a decoded event into a draft identified by the event-id header', async () => {
    const read = readerDecoding(async () => event);
    expect(await read({ topic: 't', partition: 2, message: message({ 'event-id': 'evt-9' }) })).toEqual({
      ok: true,
      eventId: 'evt-9',
      draft: expect.objectContaining({ userId: event.userId, displayName: 'ada', sourceEventId: 'evt-9' }),
    });
  });

  it('falls back to the record coordinates as the event id', async () => {
    const result = await readerDecoding(async () => event)({ topic: 't', partition: 2, message: message() });
    expect(result.eventId).toBe('t:2:7');
  });

  it.each([
    'NOT_WIRE_FORMAT',
    'UNKNOWN_SCHEMA_ID',
    'UNDECODABLE',
    'INVALID_VALUE',
    'UNKNOWN_EVENT_TYPE',
  ] as const)('reports %s from the contract as poison', async (code) => {
    const read = readerDecoding(async () => {
      throw new ContractError(code, `bad: ${code}`);
    });
    expect(await read({ topic: 't', partition: 0, message: message() })).toMatchObject({ ok: false, code });
  });

  it('reports an event breaking the domain rules as INVALID_EVENT poison', async () => {
    const read = readerDecoding(async () => ({ ...event, userId: 'nope' }));
    expect(await read({ topic: 't', partition: 0, message: message() })).toMatchObject({
      ok: false,
      code: 'INVALID_EVENT',
    });
  });

  it('reports an empty value as poison without asking the contract', async () => {
    const read = readerDecoding(async () => {
      throw new Error('must not be called');
    });
    expect(await read({ topic: 't', partition: 0, message: message({}, null) })).toMatchObject({
      ok: false,
      code: 'NOT_WIRE_FORMAT',
    });
  });

  it.each([
    ['an unreachable registry', new ContractError('REGISTRY_UNAVAILABLE', 'down')],
    ['a registry refusing our credentials', new ContractError('REGISTRY_REJECTED', '401')],
    ['an unexpected error', new TypeError('bug')],
  ])('throws on %s so the batch is retried, not dead-lettered', async (_name, error) => {
    const read = readerDecoding(async () => {
      throw error;
    });
    await expect(read({ topic: 't', partition: 0, message: message() })).rejects.toBe(error);
  });
});
