import { createSerde, type UserRegister } from '@events/contracts';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../domain/domain-event.ts';
import { toOutboxRecord } from './outbox-record.ts';

const serde = createSerde({ registry: { url: 'http://127.0.0.1:4/unused' } });

const value: UserRegister = {
  userId: '8a4f2c1e-1234-4cde-9abc-0123456789ab',
  email: 'ada@example.com',
  username: 'ada',
  registeredAt: new Date('2025-01-02T03:04:05.678Z'),
  displayName: null,
};
const event: DomainEvent<'user_register'> = {
  id: '0b7e3a8e-8a44-4b0e-9d43-5b0b7c4a2f10',
  topic: 'user_register',
  key: value.userId,
  value,
  headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
};

describe('toOutboxRecord', () => {
  it('stores the contract JSON form of the event, which reads back to the same event', () => {
    const record = toOutboxRecord(serde, event);
    expect(record).toMatchObject({ id: event.id, topic: 'user_register', key: value.userId });
    expect({ ...serde.fromJSON('user_register', record.payload) }).toEqual(value);
  });

  it('refuses an event that breaks its contract before anything is written', () => {
    const bad = { ...event, value: { ...value, userId: 'not-a-uuid' } };
    expect(() => toOutboxRecord(serde, bad)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
  });

  it('does not compile with a value of the wrong shape', () => {
    const wrong: DomainEvent<'user_register'> = {
      ...event,
      // @ts-expect-error registeredAt is a Date in the contract, not a string
      value: { ...value, registeredAt: '2025-01-02' },
    };
    // @ts-expect-error no contract for this topic
    const unknown: DomainEvent<'user_deleted'> = { ...event, topic: 'user_deleted' };
    expect([wrong, unknown]).toHaveLength(2);
  });
});
