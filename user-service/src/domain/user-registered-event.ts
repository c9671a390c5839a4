import { topics, type UserRegister } from '@events/contracts';
import { z } from 'zod';
import type { NewOutboxEvent } from '../db/outbox-repository.ts';
import type { User } from './user.ts';

export const USER_REGISTER = topics.user_register.topic;

/** The outbox row for a registration. The payload is JSON; it is Avro-encoded only when published. */
export function userRegisteredEvent(
  user: User,
  headers: { eventId: string; traceparent: string },
): NewOutboxEvent {
  return {
    id: headers.eventId,
    aggregateId: user.id,
    topic: USER_REGISTER,
    payload: {
      userId: user.id,
      email: user.email,
      username: user.username,
      registeredAt: user.registeredAt.toISOString(),
      displayName: user.displayName,
    },
    // `event-id` is the row id: the relay adds it when it publishes.
    headers: { traceparent: headers.traceparent },
  };
}

const storedPayload = z.object({
  userId: z.string(),
  email: z.string(),
  username: z.string(),
  registeredAt: z.iso.datetime().transform((value) => new Date(value)),
  displayName: z.string().nullable(),
});

/** Revives the JSON stored in the outbox into the contract's event type (dates back to Date). */
export function toUserRegister(payload: unknown): UserRegister {
  return storedPayload.parse(payload);
}
