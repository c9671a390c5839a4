import { describe, expect, it } from 'vitest';
import type { UserRegister } from '../generated/index.ts';
import { createSerde } from './create-serde.ts';

// Nothing listens on this privileged port: the JSON form must never need the registry.
const serde = createSerde({ registry: { url: 'http://127.0.0.1:4/apis/ccompat/v7' } });

const event: UserRegister = {
  userId: '8a4f2c1e-1234-4cde-9abc-0123456789ab',
  email: 'ada@example.com',
  username: 'Zoë-明日',
  registeredAt: new Date('2024-01-02T03:04:05.678Z'),
  displayName: 'Ada 🚀 \u0000',
};

describe('the JSON form of events', () => {
  it.each([
    ['with a display name', event],
    ['without one', { ...event, displayName: null }],
  ])('round-trips an event %s exactly', (_name, value) => {
    const text = serde.toJSON('user_register', value);
    expect({ ...serde.fromJSON('user_register', text) }).toEqual(value);
  });

  it('keeps dates to the millisecond and says which union branch a value took', () => {
    expect(JSON.parse(serde.toJSON('user_register', event))).toMatchObject({
      registeredAt: 1704164645678,
      displayName: { string: 'Ada 🚀 \u0000' },
    });
  });

  it('validates without the registry, listing every bad field', () => {
    expect(() => serde.validate('user_register', { ...event, userId: 'nope', email: 1 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_VALUE',
        details: [
          { path: 'userId', message: 'expected uuid (string), got "nope"' },
          { path: 'email', message: 'expected string, got 1' },
        ],
      }),
    );
  });

  it('refuses to write an invalid event', () => {
    const bad = { ...event, registeredAt: 'yesterday' } as unknown as UserRegister;
    expect(() => serde.toJSON('user_register', bad)).toThrow(
      expect.objectContaining({ code: 'INVALID_VALUE' }),
    );
  });

  it.each([
    ['text that is not JSON', '{"userId":'],
    ['a missing field', '{"userId":"8a4f2c1e-1234-4cde-9abc-0123456789ab"}'],
    ['an invalid uuid', '{"userId":"nope","email":"a","username":"b","registeredAt":1,"displayName":null}'],
  ])('refuses to read %s', (_name, text) => {
    expect(() => serde.fromJSON('user_register', text)).toThrow(
      expect.objectContaining({ code: 'INVALID_VALUE' }),
    );
  });
});
