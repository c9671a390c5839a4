import { describe, expectTypeOf, it } from 'vitest';
import {
  createEventRouter,
  type EventOf,
  type KeyOf,
  type Serde,
  type TopicName,
  topics,
  type UserRegister,
} from './index.ts';

declare const serde: Serde;
const event: UserRegister = {
  userId: '8a4f2c1e-1234-4cde-9abc-0123456789ab',
  email: 'ada@example.com',
  username: 'ada',
  registeredAt: new Date(),
  displayName: null,
};

describe('typed topics', () => {
  it('maps each topic to its generated event type', () => {
    expectTypeOf<TopicName>().toEqualTypeOf<'user_register'>();
    expectTypeOf<EventOf<'user_register'>>().toEqualTypeOf<UserRegister>();
    expectTypeOf<KeyOf<'user_register'>>().toEqualTypeOf<string>();
    expectTypeOf(topics.user_register.topic).toEqualTypeOf<'user_register'>();
  });

  it('gives the generated fields the TypeScript types of their logical types', () => {
    expectTypeOf<UserRegister['registeredAt']>().toEqualTypeOf<Date>();
    expectTypeOf<UserRegister['userId']>().toEqualTypeOf<string>();
    expectTypeOf<UserRegister['displayName']>().toEqualTypeOf<string | null>();
  });

  it('decodes to the event type of the topic', () => {
    expectTypeOf(serde.decode('user_register', Buffer.alloc(0))).resolves.toEqualTypeOf<UserRegister>();
  });

  it('refuses a payload of the wrong shape at compile time', () => {
    // @ts-expect-error registeredAt must be a Date, not a string
    void serde.encode('user_register', { ...event, registeredAt: '2024-01-01' });
    // @ts-expect-error displayName is required (nullable, not optional)
    void serde.encode('user_register', { userId: 'u', email: 'e', username: 'n', registeredAt: new Date() });
    // @ts-expect-error unknown fields are typos
    void serde.encode('user_register', { ...event, displayname: 'Ada' });
  });

  it('refuses an unknown topic at compile time', () => {
    // @ts-expect-error no contract for this topic
    void serde.encode('user_deleted', event);
    // @ts-expect-error no contract for this topic
    void serde.decode('user_register.dlq', Buffer.alloc(0));
  });

  it('refuses a handler written for another event type', () => {
    createEventRouter(topics, 'user_register', {
      'events.user.UserRegister': async (registered) => {
        expectTypeOf(registered).toEqualTypeOf<UserRegister>();
      },
    });
    createEventRouter(topics, 'user_register', {
      // @ts-expect-error the handler expects another event shape
      'events.user.UserRegister': async (other: { orderId: string }) => void other,
    });
  });
});
