import { randomUUID } from 'node:crypto';
import { parseRegistration } from './registration-rules.ts';
import type { User } from './user.ts';
import { userRegistered } from './user-registered.ts';
import type { UserStore } from './users.ts';

export type RegisterUser = (body: unknown, context: { traceparent: string }) => Promise<User>;

/** Validates, then stores the user and its `user_register` event atomically: both or neither. */
export function createRegisterUser(deps: { store: Pick<UserStore, 'insertWithEvent'> }): RegisterUser {
  return async (body, context) => {
    const input = parseRegistration(body);
    const user: User = { id: randomUUID(), ...input, registeredAt: new Date() };
    await deps.store.insertWithEvent(user, userRegistered(user, { eventId: randomUUID(), ...context }));
    return user;
  };
}
