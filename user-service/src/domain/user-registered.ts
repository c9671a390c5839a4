import { EVENT_HEADERS, TOPICS } from '@events/contracts';
import type { DomainEvent } from './domain-event.ts';
import type { User } from './user.ts';

/** The `user_register` event announcing a new user. */
export function userRegistered(
  user: User,
  context: { eventId: string; traceparent: string },
): DomainEvent<typeof TOPICS.userRegister> {
  return {
    id: context.eventId,
    topic: TOPICS.userRegister,
    key: user.id,
    value: {
      userId: user.id,
      email: user.email,
      username: user.username,
      registeredAt: user.registeredAt,
      displayName: user.displayName,
    },
    headers: { [EVENT_HEADERS.traceparent]: context.traceparent },
  };
}
